#!/usr/bin/env python3
"""Client for the multiport-hello lesson (document 001).

Start the server:   muxlab --serve --lesson multiport-hello
Then run:           python3 multiport_client.py [--port 8001] [--host 127.0.0.1]

It connects to both ports (P and P+1) and expects b'Hello_World!' from each.
Exit status 0 only if both greetings arrived intact.
"""
import argparse
import os
import socket
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir))
import stepwait  # noqa: E402  lessons/stepwait.py: --wait, for muxlab's window

GREETING = b'Hello_World!'


def read_exactly(sock, size, deadline):
    """Read until `size` bytes arrived, the peer closed, or the deadline passed."""
    got = b''
    while len(got) < size:
        left = deadline - time.monotonic()
        if left <= 0:
            break
        sock.settimeout(left)
        try:
            chunk = sock.recv(size - len(got))
        except socket.timeout:
            break
        if not chunk:
            break
        got += chunk
    return got


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    stepwait.add_option(parser)
    parser.add_argument('--host', default='127.0.0.1')
    parser.add_argument('--port', type=int, default=8001)
    args = stepwait.start(parser.parse_args())

    deadline = stepwait.deadline(8)
    ok = True
    for port in (args.port, args.port + 1):
        try:
            with socket.create_connection((args.host, port), timeout=5) as sock:
                got = read_exactly(sock, len(GREETING), deadline)
        except OSError as e:
            print(f'port {port}: cannot connect: {e}')
            ok = False
            continue
        print(f'port {port}: received {got!r}')
        if got != GREETING:
            print(f'port {port}: expected {GREETING!r}')
            ok = False
    print('ok' if ok else 'FAILED')
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
