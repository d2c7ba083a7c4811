#!/usr/bin/env python3
"""A client for `muxlab --serve --lesson nonblocking`.

The server polls: each pass it tries accept() and recv() and mostly gets EAGAIN, so a message
may wait up to one pass before it is noticed. Like the document's, the server prints what it
gets (read its log) and sends nothing back. Two clients each send, then say they have no more
to send; exit 0 only if the server closed both in order with nothing sent back.
"""
import argparse
import os
import socket
import sys
import time

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
    args = stepwait.start(ap.parse_args())
    ok = True
    clients = [socket.create_connection((args.host, args.port), timeout=5) for _ in range(2)]
    for i, (sock, text) in enumerate(zip(clients, ("ABCDEFGH", "hi"))):
        start = time.monotonic()
        sock.sendall(text.encode())
        sock.shutdown(socket.SHUT_WR)  # the server's recv returns b'' and it closes
        got = recv_exactly(sock, 1)
        print("client %d sent %r; the server closed after %.2f s%s" % (
            i + 1, text, time.monotonic() - start, ", sending %r" % got if got else ""))
        ok &= got == b""
    for sock in clients:
        sock.close()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
