#!/usr/bin/env python3
"""A client for `muxlab --serve --lesson fd-setsize`.

Asks the server to fill every descriptor number below 1024, connects a second time (that conn
gets a number of 1024 or more) and prints what the server answered: with --backend select a
refusal, with poll or epoll the usual hello. Then it asks the server to release the spares.
"""
import argparse
import os
import socket
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir))
import stepwait  # noqa: E402  lessons/stepwait.py: --wait, for muxlab's window

FULL = b"Server full: select() cannot watch another socket.\n"


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
    ap.add_argument("--port", type=int, default=10024)
    args = stepwait.start(ap.parse_args())

    with socket.create_connection((args.host, args.port), timeout=5) as a:
        print("first connection:", read_line(a))
        a.sendall(b"fill")
        filled = read_line(a)
        print("fill:", filled)
        if filled != b"filled\n":
            print("the server could not go past descriptor 1023 here (its limit is too low)")
            return 0 if filled.startswith(b"cannot fill") else 1
        with socket.create_connection((args.host, args.port), timeout=5) as b:
            answer = read_line(b)
            print("second connection (numbered 1024 or more on the server):", answer)
        a.sendall(b"release")
        print("release:", read_line(a))
    if answer == FULL:
        print("the server runs select: it refused the descriptor past FD_SETSIZE")
    elif answer == b"hello\n":
        print("the server runs poll or epoll: descriptor numbers past 1023 are fine")
    else:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
