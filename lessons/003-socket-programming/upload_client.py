#!/usr/bin/env python3
"""Client for the file-upload lesson: `muxlab --serve --lesson file-upload`.

Uploads a small generated file the way the lesson's server expects it — a "name-size" line,
then the bytes; a second upload uses a hostile name ("../../escape.txt"). Like the document's,
the server answers nothing: it prints the saved name, size and MD5 (read its log) and closes.
This client checks that it closed in order with nothing sent back, and with --data-dir (the
server's) that both files are there, byte for byte, the hostile one inside the directory.
Exits 0 only if all of that holds.
"""
import argparse
import hashlib
import os
import socket
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir))
import stepwait  # noqa: E402  lessons/stepwait.py: --wait, for muxlab's window


def upload(host, port, name, data):
    with socket.create_connection((host, port), timeout=5) as s:
        s.sendall(f"{name}-{len(data)}\n".encode())
        for i in range(0, len(data), 1024):  # as the document's client: 1024 at a time
            s.sendall(data[i:i + 1024])
        reply = b""
        while True:  # the server closes once the file is complete, with nothing to say
            chunk = s.recv(1024)
            if not chunk:
                break
            reply += chunk
    return reply.decode(errors="replace")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    stepwait.add_option(ap)
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=8001)
    ap.add_argument("--data-dir", help="the server's data directory, to check the saved files")
    args = stepwait.start(ap.parse_args())

    data = bytes((i * 7 + 3) % 256 for i in range(5000))  # every byte value, NULs included
    md5 = hashlib.md5(data).hexdigest()
    ok = True
    for name, saved in (("muxlab-upload.bin", "muxlab-upload.bin"), ("../../escape.txt", "escape.txt")):
        reply = upload(args.host, args.port, name, data)
        print(f"uploaded {name!r} ({len(data)} bytes, md5 {md5}); the server's log names it {saved!r}")
        if reply:
            print(f"  FAILED: the server sent {reply!r}")
            ok = False
        if args.data_dir:
            path = os.path.join(args.data_dir, saved)
            if not os.path.exists(path) or open(path, "rb").read() != data:
                print(f"  FAILED: {path} is not the file sent")
                ok = False
    print("ok" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    try:
        sys.exit(main())
    except OSError as e:
        print(f"cannot talk to the server: {e}", file=sys.stderr)
        sys.exit(1)
