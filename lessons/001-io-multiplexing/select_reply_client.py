#!/usr/bin/env python3
"""Client for the select-reply lesson (document 001).

Start the server:   muxlab --serve --lesson select-reply
Then run:           python3 select_reply_client.py [--port 8001] [--host 127.0.0.1]

The server greets with 'Hello_World' and answers every message with '回复:' + message.
Exit status 0 only if every reply is exactly that.
"""
import argparse
import os
import socket
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir))
import stepwait  # noqa: E402  lessons/stepwait.py: --wait, for muxlab's window


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
    parser.add_argument('--port', type=int, default=8001)
    args = stepwait.start(parser.parse_args())

    deadline = stepwait.deadline(8)
    ok = True
    try:
        sock = socket.create_connection((args.host, args.port), timeout=5)
    except OSError as e:
        print(f'cannot connect to {args.host}:{args.port}: {e}')
        return 1
    with sock:
        expected = 'Hello_World'.encode('utf-8')
        got = read_exactly(sock, len(expected), deadline)
        print(f'greeting: {got.decode("utf-8", "replace")!r}')
        ok = ok and got == expected
        for text in ('hello', '你好', 'select'):
            sock.sendall(text.encode('utf-8'))
            expected = ('回复:' + text).encode('utf-8')
            got = read_exactly(sock, len(expected), deadline)
            print(f'sent {text!r}, received {got.decode("utf-8", "replace")!r}')
            if got != expected:
                print(f'  expected {expected.decode("utf-8")!r}')
                ok = False
    # Closing here makes conn A readable on the server with an empty recv: it closes too.
    print('ok' if ok else 'FAILED')
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
