# A server whose peer is gone: the client closes, the server answers anyway, and once the peer's
# kernel has answered with a reset, the next send fails with EPIPE (BrokenPipeError in Python),
# as the documents' rw-separation server does after its client left.
import select
import socket
import time

server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server.bind(("127.0.0.1", 0))
server.listen(1)
client = socket.create_connection(server.getsockname())
conn, _ = server.accept()
client.close()
select.select([conn], [], [], 5.0)  # the FIN: conn is readable
conn.recv(1024)
for attempt in range(100):  # the first send goes; the peer's reset makes a later one fail
    try:
        conn.send("好".encode())
    except BrokenPipeError:
        print("BrokenPipeError", flush=True)
        break
    time.sleep(0.02)
select.select([conn], [], [], 0)
conn.close()
server.close()
