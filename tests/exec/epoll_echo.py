# An echo server on select.epoll (level-triggered). Usage: epoll_echo.py PORT [ROUNDS]
import select
import socket
import sys

port = int(sys.argv[1]) if len(sys.argv) > 1 else 0
rounds = int(sys.argv[2]) if len(sys.argv) > 2 else -1
server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind(("127.0.0.1", port))
server.listen(5)
server.setblocking(False)
print("listening", server.getsockname()[1], flush=True)
ep = select.epoll()
ep.register(server.fileno(), select.EPOLLIN)
conns = {}
while rounds != 0:
    rounds -= 1
    for fd, events in ep.poll(5):
        if fd == server.fileno():
            conn, _ = server.accept()
            conns[conn.fileno()] = conn
            ep.register(conn.fileno(), select.EPOLLIN)
        else:
            conn = conns[fd]
            data = conn.recv(1024)
            if data:
                conn.send(data)
            else:
                ep.unregister(fd)
                del conns[fd]
                conn.close()
