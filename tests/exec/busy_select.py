# An echo server that polls with select.select(..., 0) in a tight loop: thousands of calls a
# second, most of them returning nothing. What a program "at full speed" looks like.
# Usage: busy_select.py [PORT]
import select
import socket
import sys

port = int(sys.argv[1]) if len(sys.argv) > 1 else 0
server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind(("127.0.0.1", port))
server.listen(5)
print("listening", server.getsockname()[1], flush=True)
rlist = [server]
while True:
    readable, _, _ = select.select(rlist, [], [], 0)
    for s in readable:
        if s is server:
            conn, _ = server.accept()
            rlist.append(conn)
        else:
            data = s.recv(1024)
            if data:
                s.sendall(data.upper())
            else:
                rlist.remove(s)
                s.close()
