# A chat server as a student writes it after the select chapter: every line a client sends
# goes to all the others. Usage: chat_server.py [PORT]
import select
import socket
import sys

port = int(sys.argv[1]) if len(sys.argv) > 1 else 9000
listener = socket.socket()
listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
listener.bind(("127.0.0.1", port))
listener.listen()
print("chat on port", listener.getsockname()[1], flush=True)

clients = []
while True:
    readable, _, _ = select.select([listener] + clients, [], [], 10)
    for sock in readable:
        if sock is listener:
            conn, addr = listener.accept()
            clients.append(conn)
            print("joined:", addr, flush=True)
            continue
        data = sock.recv(4096)
        if not data:
            clients.remove(sock)
            sock.close()
            continue
        for other in clients:
            if other is not sock:
                other.sendall(data)
