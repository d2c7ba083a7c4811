#!/usr/bin/env python3
"""Many clients at once for `muxlab --serve --lesson select-many-clients`.

Five connections are open together; each speaks twice, interleaved with the others, then
says it has no more to send. One select loop reads all of them and, like the document's
server, prints what it gets (read its log) and sends nothing back. Exit 0 only if the server
closed every connection in order with nothing sent back.
"""
import argparse
import os
import socket
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir))
import stepwait  # noqa: E402  lessons/stepwait.py: --wait, for muxlab's window

def recv_exactly(sock, n):
    data = b""
    while len(data) < n:
        chunk = sock.recv(n - len(data))
        if not chunk:
            break
        data += chunk
    return data


def main():
    ap = argparse.ArgumentParser()
    stepwait.add_option(ap)
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=8001)
    ap.add_argument("--clients", type=int, default=5)
    args = stepwait.start(ap.parse_args())
    ok = True
    socks = [socket.create_connection((args.host, args.port), timeout=5) for _ in range(args.clients)]
    for round_ in (1, 2):
        for i, s in enumerate(socks):  # everyone speaks in turn
            s.sendall("c{}-{}".format(i, round_).encode())
    for s in socks:
        s.shutdown(socket.SHUT_WR)  # the server's recv returns b'' and it closes
    for i, s in enumerate(socks):
        got = recv_exactly(s, 1)
        print("client %d sent c%d-1 and c%d-2; the server closed%s" % (
            i, i, i, ", sending %r" % got if got else " with nothing sent back"))
        ok &= got == b""
    for s in socks:
        s.close()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
