#!/usr/bin/env python3
"""Client for the msg-and-file lesson: `muxlab --serve --lesson msg-and-file`.

Speaks document 003 §3.3's protocol: every item is a length-prefixed JSON header followed by a
length-prefixed payload, and a framed "close" ends the session. Sends one message, uploads a
small generated file, says close, and checks the server's answers — the echoed message, the
saved file's size and MD5, and "bye". Exits 0 only if all are right.
"""
import argparse
import hashlib
import json
import os
import socket
import struct
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir))
import stepwait  # noqa: E402  lessons/stepwait.py: --wait, for muxlab's window


def frame(payload):
    if isinstance(payload, str):
        payload = payload.encode()
    return struct.pack("<i", len(payload)) + payload


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    stepwait.add_option(ap)
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=8001)
    args = stepwait.start(ap.parse_args())

    data = bytes((i * 13 + 1) % 256 for i in range(5000))
    name = "muxlab-demo.bin"
    with socket.create_connection((args.host, args.port), timeout=5) as s:
        s.sendall(frame(json.dumps({"msg_type": "msg"})) + frame("你好"))
        s.sendall(frame(json.dumps({"msg_type": "file", "file_name": name})))
        s.sendall(struct.pack("<i", len(data)))
        for i in range(0, len(data), 1024):
            s.sendall(data[i:i + 1024])
        s.sendall(frame("close"))
        replies = b""
        while True:  # the server answers "bye" to close, then closes
            chunk = s.recv(4096)
            if not chunk:
                break
            replies += chunk
    got = replies.decode(errors="replace")
    for line in got.splitlines():
        print("server:", line)
    expected = ("msg: 你好\n"
                f"file {name}: {len(data)} bytes saved as {name}, md5 {hashlib.md5(data).hexdigest()}\n"
                "bye\n")
    ok = got == expected
    print("ok" if ok else "FAILED: expected " + repr(expected))
    return 0 if ok else 1


if __name__ == "__main__":
    try:
        sys.exit(main())
    except OSError as e:
        print(f"cannot talk to the server: {e}", file=sys.stderr)
        sys.exit(1)
