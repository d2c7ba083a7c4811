# An echo server on select.select, written the way the documents write theirs: a listener in
# rlist, each accepted conn added, every byte echoed back, a closed peer removed.
# Usage: select_echo.py PORT [ROUNDS]   (ROUNDS: stop after that many select calls)
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
rlist = [server]
while rounds != 0:
    rounds -= 1
    readable, _, _ = select.select(rlist, [], [], 5.0)
    for s in readable:
        if s is server:
            conn, addr = server.accept()
            rlist.append(conn)
        else:
            data = s.recv(1024)
            if data:
                s.send(data)
            else:
                rlist.remove(s)
                s.close()
server.close()
