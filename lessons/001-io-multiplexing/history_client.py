#!/usr/bin/env python3
"""Client for the mux-history lesson (document 001).

Start the server:   muxlab --serve --lesson mux-history
Then run:           python3 history_client.py [--port 8001] [--host 127.0.0.1]

Asks the server to time select, poll and epoll_wait over 10..2000 descriptors (the figures
appear in the server's output), checks its fixed answer, and then makes the same measurement
here in Python so both can be compared. Exit 0 only if the server's answer is exact.
"""
import argparse
import os
import select
import socket
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir))
import stepwait  # noqa: E402  lessons/stepwait.py: --wait, for muxlab's window

REPLY = (b"measured select, poll and epoll_wait over 10, 100, 1000 and 2000 descriptors; "
         b"the figures are in the server's log\n")


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


def cost_us(call, repeats=21):
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        call()
        times.append(time.perf_counter() - t0)
    return sorted(times)[repeats // 2] * 1e6


def measure_here():
    """The same measurement in Python (pipes stand in for eventfds: portable to 3.8)."""
    for n in (10, 100, 1000):
        pipes = []
        try:
            for _ in range(n):
                pipes.append(os.pipe())
        except OSError as e:
            print(f'  {n}: cannot open descriptors ({e})')
            for r, w in pipes:
                os.close(r)
                os.close(w)
            return
        reads = [r for r, _ in pipes]
        os.write(pipes[-1][1], b'x')
        p = select.poll()
        for fd in reads:
            p.register(fd, select.POLLIN)
        line = f'  {n:5} fds, 1 ready:'
        if max(reads) < 1024:
            line += f' select {cost_us(lambda: select.select(reads, [], [], 0)):8.1f} µs'
        else:
            line += ' select  refused (fd >= 1024)'
        line += f'  poll {cost_us(lambda: p.poll(0)):8.1f} µs'
        if hasattr(select, 'epoll'):
            e = select.epoll()
            for fd in reads:
                e.register(fd, select.EPOLLIN)
            line += f'  epoll {cost_us(lambda: e.poll(0)):8.1f} µs'
            e.close()
        print(line)
        for r, w in pipes:
            os.close(r)
            os.close(w)


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
    with sock:
        sock.sendall(b'history')
        got = read_exactly(sock, len(REPLY), deadline)
    print(f'server answered: {got.decode("utf-8", "replace")!r}')
    ok = got == REPLY
    print('the same measurement in this Python process (median of 21 calls):')
    measure_here()
    print('ok' if ok else 'FAILED')
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
