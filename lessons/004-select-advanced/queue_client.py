#!/usr/bin/env python3
"""A client for `muxlab --serve --lesson queue-server`.

Each message comes back once the server's select says the conn is writable. Then one urgent
byte (MSG_OOB): the document's server takes the xlist for an error and hangs up.
"""
import argparse
import os
import socket
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir))
import stepwait  # noqa: E402  lessons/stepwait.py: --wait, for muxlab's window


def read_exactly(s, n):
    data = b""
    while len(data) < n:
        chunk = s.recv(n - len(data))
        if not chunk:
            break
        data += chunk
    return data


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    stepwait.add_option(ap)
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=10000)
    args = stepwait.start(ap.parse_args())

    with socket.create_connection((args.host, args.port), timeout=5) as s:
        for msg in (b"hello", b"one"):
            s.sendall(msg)
            back = read_exactly(s, len(msg))
            print("sent", msg, "received", back)
            if back != msg:
                return 1
        s.send(b"!", socket.MSG_OOB)
        try:
            rest = s.recv(1024)
        except ConnectionResetError:
            rest = b""  # closed with our urgent byte unread: the kernel sent RST
        if rest:
            print("expected the server to hang up, got", rest, file=sys.stderr)
            return 1
        print("after the urgent byte the server closed the connection, as the document's code does")
    return 0


if __name__ == "__main__":
    sys.exit(main())
