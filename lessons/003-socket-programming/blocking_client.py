#!/usr/bin/env python3
"""A client for `muxlab --serve --lesson blocking-server`.

Two connections, A then B. B speaks first, yet hears nothing while the server sits
in recv() on A; once A has spoken and been answered, B is served. Exit 0 only if
both get "hello world" and B was made to wait.
"""
import argparse
import os
import socket
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir))
import stepwait  # noqa: E402  lessons/stepwait.py: --wait, for muxlab's window


def read_all(sock):
    """Everything until the server closes (it answers once, then closes)."""
    data = b""
    while True:
        chunk = sock.recv(1024)
        if not chunk:
            return data
        data += chunk


def main():
    ap = argparse.ArgumentParser()
    stepwait.add_option(ap)
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=8001)
    args = stepwait.start(ap.parse_args())

    a = socket.create_connection((args.host, args.port), timeout=5)
    b = socket.create_connection((args.host, args.port), timeout=5)  # lands in the accept queue
    b.sendall(b"hello from B")
    b.settimeout(0.8)
    try:
        early = b.recv(1024)
    except socket.timeout:
        early = b""
    print("B while the server is busy with A:", early or "(nothing: B waits in the queue)")
    waited = early == b""

    a.sendall(b"hello from A")
    got_a = read_all(a)
    print("A got:", got_a.decode(errors="replace"))
    b.settimeout(5)
    got_b = read_all(b)
    print("B got:", got_b.decode(errors="replace"))
    a.close()
    b.close()
    return 0 if waited and got_a == b"hello world" and got_b == b"hello world" else 1


if __name__ == "__main__":
    sys.exit(main())
