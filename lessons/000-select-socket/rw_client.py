#!/usr/bin/env python3
"""Sends three lines to `muxlab --serve --lesson rw-separation`, one at a time."""
import argparse
import os
import socket
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir))
import stepwait  # noqa: E402  lessons/stepwait.py: --wait, for muxlab's window


def main():
    ap = argparse.ArgumentParser()
    stepwait.add_option(ap)
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=9991)
    args = stepwait.start(ap.parse_args())
    ok = True
    with socket.create_connection((args.host, args.port), timeout=5) as s:
        for word in ("one", "two", "three"):
            s.sendall(word.encode())
            want = (word + "好").encode()
            got = b""
            while len(got) < len(want):
                chunk = s.recv(1024)
                if not chunk:
                    break
                got += chunk
            print("sent %r, got %r" % (word, got.decode(errors="replace")))
            ok &= got == want
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
