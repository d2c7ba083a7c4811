#!/usr/bin/env python3
"""Connects to each of the three ports of `muxlab --serve --lesson multiport-welcome`."""
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
    ap.add_argument("--port", type=int, default=9991, help="the first of three ports")
    args = stepwait.start(ap.parse_args())
    want = "欢迎访问".encode()
    ok = True
    for port in (args.port, args.port + 1, args.port + 2):
        with socket.create_connection((args.host, port), timeout=5) as s:
            got = b""
            while len(got) < len(want):
                chunk = s.recv(1024)
                if not chunk:
                    break
                got += chunk
            print("port %d says %s" % (port, got.decode(errors="replace")))
            ok &= got == want
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
