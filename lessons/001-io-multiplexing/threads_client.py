#!/usr/bin/env python3
"""Client for the threads-vs-select lesson (document 001).

Start the server:   muxlab --serve --lesson threads-vs-select
Then run:           python3 threads_client.py [--port 8001] [--host 127.0.0.1]

Opens three connections and sends 'job' on all of them at once, timing each reply; then
'thread-job'. The server answers 'done:' + request. With 'job' one select loop does the
20 ms pieces of work one after another; with 'thread-job' it starts a thread per request.
Exit 0 only if every reply is exact.
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


def round_trip(socks, request, deadline):
    expected = b'done:' + request
    start = time.monotonic()
    for s in socks:
        s.sendall(request)
    ok = True
    for name, s in zip('ABC', socks):
        got = read_exactly(s, len(expected), deadline)
        ms = (time.monotonic() - start) * 1000
        print(f'  {name}: {got!r} after {ms:.1f} ms')
        ok = ok and got == expected
    return ok


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    stepwait.add_option(parser)
    parser.add_argument('--host', default='127.0.0.1')
    parser.add_argument('--port', type=int, default=8001)
    args = stepwait.start(parser.parse_args())

    deadline = stepwait.deadline(8)
    try:
        socks = [socket.create_connection((args.host, args.port), timeout=5) for _ in range(3)]
    except OSError as e:
        print(f'cannot connect to {args.host}:{args.port}: {e}')
        return 1
    time.sleep(0.2)  # let the server accept all three before the requests go out
    print("'job' (one select loop, one request after another):")
    ok = round_trip(socks, b'job', deadline)
    print("'thread-job' (one thread per request):")
    ok = round_trip(socks, b'thread-job', deadline) and ok
    for s in socks:
        s.close()
    print('ok' if ok else 'FAILED')
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
