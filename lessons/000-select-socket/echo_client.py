#!/usr/bin/env python3
"""A client for `muxlab --serve --lesson select-echo`: greeting, then two echoes."""
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
    ap.add_argument("--port", type=int, default=9991)
    args = stepwait.start(ap.parse_args())
    ok = True
    with socket.create_connection((args.host, args.port), timeout=5) as s:
        greeting = recv_exactly(s, len("你好".encode()))
        print("greeting:", greeting.decode(errors="replace"))
        ok &= greeting == "你好".encode()
        for word in ("hello", "select"):
            s.sendall(word.encode())
            want = (word + "好").encode()
            got = recv_exactly(s, len(want))
            print("sent %r, got %r" % (word, got.decode(errors="replace")))
            ok &= got == want
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
