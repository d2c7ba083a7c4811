#!/usr/bin/env python3
"""Client for the msg-and-file lesson: `muxlab --serve --lesson msg-and-file`.

Speaks document 003 §3.3's protocol: every item is a length-prefixed JSON header followed by a
length-prefixed payload, and a framed "close" ends the session. Sends one message, uploads a
small generated file and says close. Like the document's, the server answers nothing: it
prints the message and the saved file's size and MD5 (read its log; this client prints the MD5
to compare), and closes after "close". Exits 0 only if the server closed in order, having read
everything, and sent nothing back.
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
        back = b""
        while True:  # after close the server closes too, with nothing to say
            chunk = s.recv(4096)
            if not chunk:
                break
            back += chunk
    print(f"sent 你好 and {name} ({len(data)} bytes, md5 {hashlib.md5(data).hexdigest()}), then close")
    ok = back == b""
    print("ok: the server read it all and closed" if ok else f"FAILED: the server sent {back!r}")
    return 0 if ok else 1


if __name__ == "__main__":
    try:
        sys.exit(main())
    except OSError as e:
        print(f"cannot talk to the server: {e}", file=sys.stderr)
        sys.exit(1)
