#!/usr/bin/env python3
"""Sends three lines to `muxlab --serve --lesson rw-separation`, one at a time."""
import argparse
import socket
import sys


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=9991)
    args = ap.parse_args()
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
