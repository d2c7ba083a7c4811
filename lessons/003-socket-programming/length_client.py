#!/usr/bin/env python3
"""Client for the length-prefix lesson: `muxlab --serve --lesson length-prefix`.

The lesson's server listens twice: on PORT it reads a length written as 4 text digits
(document 003 §3.1, padded so it works), on PORT+1 a length packed with struct.pack('i', n)
(§3.2). This client sends framed messages to both — stuck together, and one longer than a
recv — then types "hello" at the packed port like a person in nc would. Like the document's,
the server prints each frame (read its log) and sends nothing back, so for the frames this
client checks that the server read everything and closed in order with no reply; the one
thing the server ever says is why it refuses a length, and that line is checked word for word.
Exits 0 only if all of them are right.
"""
import argparse
import os
import socket
import struct
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir))
import stepwait  # noqa: E402  lessons/stepwait.py: --wait, for muxlab's window


def talk(host, port, data):
    with socket.create_connection((host, port), timeout=5) as s:
        s.sendall(data)
        s.shutdown(socket.SHUT_WR)
        got = b""
        while True:
            chunk = s.recv(4096)
            if not chunk:
                break
            got += chunk
    return got.decode(errors="replace")


def packed(text):
    body = text.encode() if isinstance(text, str) else text
    return struct.pack("<i", len(body)) + body  # the document's 'i' is little-endian on x86


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    stepwait.add_option(ap)
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=8000, help="the text-header port; PORT+1 (8001) is packed")
    args = stepwait.start(ap.parse_args())

    long_body = bytes(range(48, 58)) * 300  # 3000 bytes: more than one recv(1024)
    cases = [
        ("text header", args.port, b"0012kinght love " + b"0003aym", ""),
        ("packed header", args.port + 1, packed("xin正在学习") + packed("应该没有") + packed(long_body),
         ""),
        ("text at the packed port", args.port + 1, b"hello\n",
         "Refused: the length header 68 65 6c 6c (\"hell\") announces 1819043176 bytes, over this "
         "server's limit of 65536 bytes (text typed into nc is not a length).\n"),
    ]
    ok = True
    for what, port, data, expected in cases:
        reply = talk(args.host, port, data)
        print(f"{what} (port {port}):" + ("" if reply else " read in full, no reply (see the server's log)"))
        for line in reply.splitlines():
            print("  server:", line)
        if reply != expected:
            print("  expected:", expected.splitlines())
            ok = False
    print("ok" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    try:
        sys.exit(main())
    except OSError as e:
        print(f"cannot talk to the server: {e}", file=sys.stderr)
        sys.exit(1)
