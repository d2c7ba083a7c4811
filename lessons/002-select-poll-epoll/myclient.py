#!/usr/bin/env python3
"""Client for the four server lessons of document 002, like the document's myclient.py.

Start a server:   muxlab --serve --lesson select-server   (or poll-server, epoll-server,
                  selectors; add --backend select|poll|epoll|epoll-et to choose the call)
Then run:         python3 myclient.py [--port 8000] [--host 127.0.0.1]

Sends a few lines one at a time, as the document's client does after each input(), and waits
for the server's fixed answer to each: 'I have receive' from the select, epoll and selectors
servers, 'i have receive' from the poll server (the document spells it that way there).
Exit 0 only if every answer is exactly one of the two, the same one each time.
"""
import argparse
import os
import socket
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir))
import stepwait  # noqa: E402  lessons/stepwait.py: --wait, for muxlab's window

REPLIES = (b'I have receive', b'i have receive')


def read_exactly(sock, size, deadline):
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
    parser.add_argument('--port', type=int, default=8000)
    args = stepwait.start(parser.parse_args())

    deadline = stepwait.deadline(8)
    try:
        sock = socket.create_connection((args.host, args.port), timeout=5)
    except OSError as e:
        print(f'cannot connect to {args.host}:{args.port}: {e}')
        return 1
    ok = True
    first = None
    with sock:
        for line in ('hello', '你好', 'bye'):
            # One line, then wait for its answer: two lines sent back to back could arrive in
            # one recv on the server and get a single answer.
            sock.sendall(line.encode('utf-8'))
            got = read_exactly(sock, len(REPLIES[0]), deadline)
            print(f'sent {line!r}, received {got.decode("utf-8", "replace")!r}')
            first = first or got
            if got not in REPLIES or got != first:
                print(f'  expected {first!r}' if first in REPLIES else f'  expected one of {REPLIES!r}')
                ok = False
    print('ok' if ok else 'FAILED')
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
