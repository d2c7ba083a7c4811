#!/usr/bin/env python3
"""A client for `muxlab --serve --lesson lt-vs-et [--backend epoll|epoll-et]`.

The server echoes, but reads only 4 bytes each time it is woken. Send 10 bytes at once:
level-triggered, every byte comes back (the server is told again while bytes remain);
edge-triggered, only the first 4 do — the rest sit unread until new data arrives, and then
the server answers with those old bytes. Exit 0 if what came back fits either mode.
"""
import argparse
import os
import socket
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir))
import stepwait  # noqa: E402  lessons/stepwait.py: --wait, for muxlab's window


def collect(sock, seconds):
    sock.settimeout(0.1)
    data = b""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            chunk = sock.recv(1024)
        except socket.timeout:
            continue
        if not chunk:
            break
        data += chunk
    return data


def main():
    ap = argparse.ArgumentParser()
    stepwait.add_option(ap)
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=8001)
    args = stepwait.start(ap.parse_args())
    with socket.create_connection((args.host, args.port), timeout=5) as s:
        s.sendall(b"abcdefghij")
        first = collect(s, 1.0)
        print("sent abcdefghij, got back %r" % first.decode(errors="replace"))
        s.sendall(b"k")
        second = collect(s, 1.0)
        print("sent k, got back %r" % second.decode(errors="replace"))
    if first == b"abcdefghij" and second == b"k":
        print("level-triggered: told again while bytes remained")
        return 0
    if first == b"abcd" and second == b"efgh":
        print("edge-triggered: the missed wakeup — 6 bytes waited for new data, ijk still wait")
        return 0
    print("neither level- nor edge-triggered behaviour")
    return 1


if __name__ == "__main__":
    sys.exit(main())
