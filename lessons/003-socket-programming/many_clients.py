#!/usr/bin/env python3
"""Many clients at once for `muxlab --serve --lesson select-many-clients`.

Five connections are open together; each speaks twice, interleaved with the others.
One select loop answers all of them. Exit 0 only if every answer is right.
"""
import argparse
import os
import socket
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir))
import stepwait  # noqa: E402  lessons/stepwait.py: --wait, for muxlab's window

PREFIX = "收到消息:".encode()


def recv_exactly(sock, n):
    data = b""
    while len(data) < n:
        chunk = sock.recv(n - len(data))
        if not chunk:
            break
        data += chunk
    return data


def main():
    ap = argparse.ArgumentParser()
    stepwait.add_option(ap)
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=8001)
    ap.add_argument("--clients", type=int, default=5)
    args = stepwait.start(ap.parse_args())
    ok = True
    socks = [socket.create_connection((args.host, args.port), timeout=5) for _ in range(args.clients)]
    for round_ in (1, 2):
        for i, s in enumerate(socks):  # everyone speaks before anyone reads
            s.sendall("c{}-{}".format(i, round_).encode())
        for i, s in enumerate(socks):
            want = PREFIX + "c{}-{}".format(i, round_).encode()
            got = recv_exactly(s, len(want))
            print("client %d got %s" % (i, got.decode(errors="replace")))
            ok &= got == want
    for s in socks:
        s.close()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
