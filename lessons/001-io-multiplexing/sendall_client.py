#!/usr/bin/env python3
"""Client for the send-vs-sendall lesson (document 001).

Start the server:   muxlab --serve --lesson send-vs-sendall
Then run:           python3 sendall_client.py [--port 8001] [--host 127.0.0.1]

Asks for the big reply ('big'), does not read for a moment (so the server's send() comes
back short and it has to wait in the wlist), then reads all 60000 bytes and checks every
line. Then 'hi' must come back as 'ok:hi'. Exit 0 only if both replies are exact.
"""
import argparse
import os
import socket
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir))
import stepwait  # noqa: E402  lessons/stepwait.py: --wait, for muxlab's window

BIG_BYTES = 60000


def big_reply(size):
    """The server's reply: numbered lines '0000000xxx…x\\n' (64 bytes each), cut to size."""
    out = bytearray()
    line = 0
    while len(out) < size:
        out += b'%07d' % line + b'x' * 56 + b'\n'
        line += 1
    out = out[:size]
    out[-1:] = b'\n'
    return bytes(out)


def read_exactly(sock, size, deadline):
    got = bytearray()
    calls = 0
    while len(got) < size:
        left = deadline - time.monotonic()
        if left <= 0:
            break
        sock.settimeout(left)
        try:
            chunk = sock.recv(min(65536, size - len(got)))
        except socket.timeout:
            break
        calls += 1
        if not chunk:
            break
        got += chunk
    return bytes(got), calls


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
        sock.sendall(b'big')
        time.sleep(0.5)  # not reading: the server's buffers fill up and send() comes back short
        got, calls = read_exactly(sock, BIG_BYTES, deadline)
        print(f'big: received {len(got)} bytes in {calls} recv calls')
        if got != big_reply(BIG_BYTES):
            print(f'  expected {BIG_BYTES} bytes of numbered lines')
            ok = False
        sock.sendall(b'hi')
        got, _ = read_exactly(sock, len(b'ok:hi'), deadline)
        print(f'sent hi, received {got!r}')
        ok = ok and got == b'ok:hi'
    print('ok' if ok else 'FAILED')
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
