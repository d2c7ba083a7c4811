#!/usr/bin/env python3
"""Client for the rw-separation-pitfalls lesson (document 001).

Start the server:   muxlab --serve --lesson rw-separation-pitfalls
Then run:           python3 rw_pitfalls_client.py [--port 8001] [--host 127.0.0.1]

Asking one question at a time and waiting for each answer, the document's server looks
correct: every message gets '回复:' + message. (The traps need two messages in one pass,
which the lesson's simulated clients arrange tick by tick.) Exit 0 only if every reply is right.
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
    try:
        sock = socket.create_connection((args.host, args.port), timeout=5)
    except OSError as e:
        print(f'cannot connect to {args.host}:{args.port}: {e}')
        return 1
    ok = True
    with sock:
        got = read_exactly(sock, len(b'Hello_World'), deadline)
        print(f'greeting: {got!r}')
        ok = got == b'Hello_World'
        for text in ('one', 'two', 'three'):
            sock.sendall(text.encode())
            expected = ('回复:' + text).encode('utf-8')
            got = read_exactly(sock, len(expected), deadline)
            print(f'sent {text!r}, received {got.decode("utf-8", "replace")!r}')
            if got != expected:
                print(f'  expected {expected.decode("utf-8")!r}')
                ok = False
    print('ok' if ok else 'FAILED')
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
