#!/usr/bin/env python3
"""Client for the sticky-packets lesson: `muxlab --serve --lesson sticky-packets`.

Sends "kinght love " and "aym" with two sendall calls, straight after each other, as the
document does. The server answers every recv with how many bytes that recv returned, so you
can see whether the two sends arrived as one recv (they usually do) or two. Either way all 15
bytes must be reported, in order: the client exits 0 only then.
"""
import argparse
import os
import re
import socket
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir))
import stepwait  # noqa: E402  lessons/stepwait.py: --wait, for muxlab's window

PARTS = [b"kinght love ", b"aym"]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    stepwait.add_option(ap)
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=8001)
    args = stepwait.start(ap.parse_args())

    with socket.create_connection((args.host, args.port), timeout=5) as s:
        for part in PARTS:
            s.sendall(part)
        s.shutdown(socket.SHUT_WR)  # no more to send: the server's recv will then return b''
        replies = b""
        while True:
            chunk = s.recv(1024)
            if not chunk:
                break
            replies += chunk
    lines = replies.decode().splitlines()
    total, seen = 0, b""
    for line in lines:
        print("server:", line)
        m = re.fullmatch(r"recv got (\d+) bytes: (.*)", line)
        if m:
            total += int(m.group(1))
            seen += m.group(2).encode()
    sent = b"".join(PARTS)
    print(f"{len(PARTS)} sends became {len(lines)} recv(s) on the server")
    ok = total == len(sent) and seen == sent
    print("ok" if ok else f"FAILED: expected {len(sent)} bytes {sent!r} in all")
    return 0 if ok else 1


if __name__ == "__main__":
    try:
        sys.exit(main())
    except OSError as e:
        print(f"cannot talk to the server: {e}", file=sys.stderr)
        sys.exit(1)
