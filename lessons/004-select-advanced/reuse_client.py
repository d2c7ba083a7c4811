#!/usr/bin/env python3
"""A client for `muxlab --serve --lesson socket-options`.

Says bye: the server answers, closes first (so its side keeps TIME_WAIT) and restarts its
listener on the same port — refused without SO_REUSEADDR, accepted with it. Then this client
connects again to the restarted listener.
"""
import argparse
import os
import socket
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
    ap.add_argument("--port", type=int, default=10000)
    args = stepwait.start(ap.parse_args())

    with socket.create_connection((args.host, args.port), timeout=5) as s:
        print("received:", read_line(s))
        s.sendall(b"bye")
        answer = read_line(s)
        print("received:", answer)
        if answer != b"bye\n" or s.recv(1024) != b"":
            print("expected bye and then the server's close", file=sys.stderr)
            return 1
    # The listener is closed and bound again in between: retry for a few seconds.
    deadline = time.monotonic() + 5
    while True:
        try:
            s = socket.create_connection((args.host, args.port), timeout=5)
            break
        except ConnectionRefusedError:
            if time.monotonic() > deadline:
                print("the server did not listen again", file=sys.stderr)
                return 1
            time.sleep(0.1)
    with s:
        hello = read_line(s)
        print("after the restart, received:", hello)
        s.sendall(b"ping")
        echo = s.recv(1024)
        print("received:", echo)
        return 0 if hello == b"hello\n" and echo == b"ping" else 1


if __name__ == "__main__":
    sys.exit(main())
