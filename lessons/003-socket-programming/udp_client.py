#!/usr/bin/env python3
"""A client for `muxlab --serve --lesson udp-echo`: datagrams, no connection.

Each sendto() is answered by one datagram "已收到" ("received"), as the document's server
answers. UDP may drop a datagram, so each is tried up to three times. Exit 0 only if every
answer is right.
"""
import argparse
import os
import socket
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir))
import stepwait  # noqa: E402  lessons/stepwait.py: --wait, for muxlab's window


def main():
    ap = argparse.ArgumentParser()
    stepwait.add_option(ap)
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=8001)
    args = stepwait.start(ap.parse_args())
    server = (args.host, args.port)
    ok = True
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:  # no connect()
        udp.settimeout(1.0)
        for text in ("hello", "你好", "again"):
            want = "已收到".encode()
            got = None
            for _ in range(3):
                udp.sendto(text.encode(), server)
                try:
                    got, addr = udp.recvfrom(1024)  # one whole datagram, and who sent it
                    break
                except socket.timeout:
                    print("no answer to %r, sending again" % text)
            print("sent %r, got %r from %s:%d" % (text, got and got.decode(errors="replace"),
                                                   *(addr if got else ("?", 0))))
            ok &= got == want
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
