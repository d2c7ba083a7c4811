#!/usr/bin/env python3
"""A client for `muxlab --serve --lesson scaling`.

Asks the server to time one call of each backend over 10, 100 and 1000 idle sockets. The
figures are printed by the server (its "measured" lines); this client checks the replies.
"""
import argparse
import os
import socket
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir))
import stepwait  # noqa: E402  lessons/stepwait.py: --wait, for muxlab's window


def read_line(s):
    data = b""
    while not data.endswith(b"\n"):
        chunk = s.recv(1024)
        if not chunk:
            break
        data += chunk
    return data


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    stepwait.add_option(ap)
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=10100)
    ap.add_argument("counts", nargs="*", default=["10", "100", "1000"])
    args = stepwait.start(ap.parse_args())

    with socket.create_connection((args.host, args.port), timeout=8) as s:
        print("server:", read_line(s))
        for n in args.counts:
            s.sendall(n.encode())
            answer = read_line(s)
            print("server:", answer, "(the figures are in the server's measured lines)")
            if answer != b"measured " + n.encode() + b"\n":
                return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
