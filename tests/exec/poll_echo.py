# An echo server on select.poll: the listener registered for POLLIN, each conn registered when
# accepted and unregistered when its peer closes. Usage: poll_echo.py PORT [ROUNDS]
import select
import socket
import sys

port = int(sys.argv[1]) if len(sys.argv) > 1 else 0
rounds = int(sys.argv[2]) if len(sys.argv) > 2 else -1
server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind(("127.0.0.1", port))
server.listen(5)
print("listening", server.getsockname()[1], flush=True)
poller = select.poll()
poller.register(server, select.POLLIN)
conns = {}
while rounds != 0:
    rounds -= 1
    for fd, events in poller.poll(5000):
        if fd == server.fileno():
            conn, _ = server.accept()
            conns[conn.fileno()] = conn
            poller.register(conn, select.POLLIN)
        else:
            conn = conns[fd]
            data = conn.recv(1024)
            if data:
                conn.send(data)
            else:
                poller.unregister(fd)
                del conns[fd]
                conn.close()
