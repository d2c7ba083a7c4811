#!/usr/bin/env python3
"""A client for `muxlab --serve --lesson xlist-truth`.

Sends an urgent byte (MSG_OOB) and ordinary data and prints what the server says it saw: the
urgent byte in its xlist, the data in its rlist. A second connection then resets (RST); the
server finds that one in its rlist, not its xlist, and the first connection carries on.
"""
import argparse
import os
import socket
import struct
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir))
import stepwait  # noqa: E402  lessons/stepwait.py: --wait, for muxlab's window


def read_line(s):
    data = b""
    while not data.endswith(b"\n"):
        chunk = s.recv(1024)
        if not chunk:
            break
        data += chunk
    return data


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    stepwait.add_option(ap)
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=10001)
    args = stepwait.start(ap.parse_args())

    checks = []
    with socket.create_connection((args.host, args.port), timeout=5) as a:
        a.send(b"!", socket.MSG_OOB)
        line = read_line(a)
        print("server:", line)
        checks.append(line == b'the xlist reported urgent (MSG_OOB) data: "!"\n')
        a.sendall(b"abc")
        line = read_line(a)
        print("server:", line)
        checks.append(line == b"received data: abc\n")

        b = socket.create_connection((args.host, args.port), timeout=5)
        time.sleep(0.3)
        b.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        b.close()  # RST: the server's recv on it fails with ECONNRESET
        time.sleep(0.3)

        a.sendall(b"still here")
        line = read_line(a)
        print("server:", line)
        checks.append(line == b"received data: still here\n")
    print("ok" if all(checks) else "unexpected answer")
    return 0 if all(checks) else 1


if __name__ == "__main__":
    sys.exit(main())
