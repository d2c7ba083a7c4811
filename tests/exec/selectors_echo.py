# An echo server on selectors.DefaultSelector, as the selectors document writes it: a callback
# kept as each key's data. The epoll_wait call is made in the standard library; the line muxlab
# shows is the loop's own line below that asks the selector. Usage: selectors_echo.py PORT [ROUNDS]
import selectors
import socket
import sys

port = int(sys.argv[1]) if len(sys.argv) > 1 else 0
rounds = int(sys.argv[2]) if len(sys.argv) > 2 else -1
sel = selectors.DefaultSelector()


def accept(server):
    conn, _ = server.accept()
    conn.setblocking(False)
    sel.register(conn, selectors.EVENT_READ, read)


def read(conn):
    data = conn.recv(1024)
    if data:
        conn.send(data)
    else:
        sel.unregister(conn)
        conn.close()


server = socket.socket()
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind(("127.0.0.1", port))
server.listen(5)
server.setblocking(False)
print("listening", server.getsockname()[1], flush=True)
sel.register(server, selectors.EVENT_READ, accept)
while rounds != 0:
    rounds -= 1
    events = sel.select(timeout=5)
    for key, mask in events:
        key.data(key.fileobj)
