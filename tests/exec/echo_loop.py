# What select_echo.py and busy_select.py share: the listener they open and what they do with the
# sockets select() returned readable. Each keeps its own select.select call, so the line a tick
# is attributed to is in the program that was run, and its own reply (echo, or upper case).
import socket
import sys


def listen():
    """A listener on 127.0.0.1 at the port in argv[1] (0 or none: any free port), announced as
    "listening PORT" on stdout, which the tests read."""
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", port))
    server.listen(5)
    print("listening", server.getsockname()[1], flush=True)
    return server


def handle(server, rlist, readable, reply):
    """The documents' loop body: the listener readable is a connection to accept (its conn
    joins rlist); a conn readable is bytes to answer with reply(conn, data), or its peer's
    close (the conn leaves rlist and is closed)."""
    for s in readable:
        if s is server:
            conn, _ = server.accept()
            rlist.append(conn)
        else:
            data = s.recv(1024)
            if data:
                reply(s, data)
            else:
                rlist.remove(s)
                s.close()
