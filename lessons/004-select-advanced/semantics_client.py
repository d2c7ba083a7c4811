#!/usr/bin/env python3
"""A client for `muxlab --serve --lesson select-semantics`.

It makes the server's select() return each way the lesson shows: a connect (the listener is
readable, then the new conn writable), an urgent byte (the xlist) and ordinary data (the
rlist). Like the document's, the server never sends a byte: it prints what it gets. Watch its
tick lines while this runs. Exits 0 only if the server stayed silent and, once this client
has said it has no more to send, closed in order.
"""
import argparse
import os
import socket
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir))
import stepwait  # noqa: E402  lessons/stepwait.py: --wait, for muxlab's window


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    stepwait.add_option(ap)
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=8002)
    args = stepwait.start(ap.parse_args())

    with socket.create_connection((args.host, args.port), timeout=5) as s:
        time.sleep(0.3)                # the server's rlist (accept), then its wlist
        s.send(b"!", socket.MSG_OOB)   # the server's xlist
        time.sleep(0.3)
        s.sendall(b"hi")               # the server's rlist; it prints, it does not answer
        time.sleep(0.3)
        # The server must still be there: nothing arrives, and the connection is not closed.
        s.settimeout(0.5)
        try:
            extra = s.recv(1024)
        except socket.timeout:
            extra = None
        if extra is not None:
            print("the server should stay silent, got", extra, file=sys.stderr)
            return 1
        s.settimeout(5)
        s.shutdown(socket.SHUT_WR)     # readable with an empty recv: the server closes
        extra = s.recv(1024)
        if extra:
            print("the server should stay silent, got", extra, file=sys.stderr)
            return 1
    print("ok: urgent byte and data sent, the server stayed silent and closed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
