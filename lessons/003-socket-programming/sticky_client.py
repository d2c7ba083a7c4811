#!/usr/bin/env python3
"""Client for the sticky-packets lesson: `muxlab --serve --lesson sticky-packets`.

Sends "kinght love " and "aym" with two sendall calls, straight after each other, as the
document does. Like the document's server, the lesson's server answers nothing: it prints
what each recv returned (read its log to see whether the two sends arrived as one recv, as
they usually do, or two). This client then says it has no more to send (SHUT_WR) and waits
for the server to close in turn: it exits 0 only if the server closed in order, having read
everything, and sent nothing back.
"""
import argparse
import os
import socket
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir))
import stepwait  # noqa: E402  lessons/stepwait.py: --wait, for muxlab's window

PARTS = [b"kinght love ", b"aym"]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    stepwait.add_option(ap)
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=8001)
    args = stepwait.start(ap.parse_args())

    with socket.create_connection((args.host, args.port), timeout=5) as s:
        for part in PARTS:
            s.sendall(part)
        s.shutdown(socket.SHUT_WR)  # no more to send: the server's recv will then return b''
        back = b""
        while True:
            chunk = s.recv(1024)
            if not chunk:
                break
            back += chunk
    sent = b"".join(PARTS)
    print(f"sent {len(sent)} bytes in {len(PARTS)} sends; the server's log shows its recvs")
    ok = back == b""
    print("ok: the server read it all and closed" if ok else f"FAILED: the server sent {back!r}")
    return 0 if ok else 1


if __name__ == "__main__":
    try:
        sys.exit(main())
    except OSError as e:
        print(f"cannot talk to the server: {e}", file=sys.stderr)
        sys.exit(1)
