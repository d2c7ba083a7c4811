#!/usr/bin/env python3
"""A client for `muxlab --serve --lesson conversation-loop`.

A is greeted and chats; B connects meanwhile and gets no greeting until A hangs up.
Exit 0 only if every answer is the asked-back form and B was made to wait.
"""
import argparse
import os
import socket
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir))
import stepwait  # noqa: E402  lessons/stepwait.py: --wait, for muxlab's window

GREETING = "你找谁呀！".encode()


def ask_back(text):
    # the lesson's own rule: the "random" character is picked from the text itself
    picked = text[sum(map(ord, text)) % len(text)]
    return text.replace(picked, "什么")


def recv_exactly(sock, n):
    data = b""
    while len(data) < n:
        chunk = sock.recv(n - len(data))
        if not chunk:
            break
        data += chunk
    return data


def chat(sock, who, text):
    sock.sendall(text.encode())
    want = ask_back(text).encode()
    got = recv_exactly(sock, len(want))
    print("%s said %s, grandpa asked back %s" % (who, text, got.decode(errors="replace")))
    return got == want


def main():
    ap = argparse.ArgumentParser()
    stepwait.add_option(ap)
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=8001)
    args = stepwait.start(ap.parse_args())
    ok = True

    a = socket.create_connection((args.host, args.port), timeout=5)
    ok &= recv_exactly(a, len(GREETING)) == GREETING
    print("A was greeted")
    b = socket.create_connection((args.host, args.port), timeout=5)
    b.settimeout(0.8)
    try:
        early = b.recv(1024)
    except socket.timeout:
        early = b""
    print("B while A holds the server:", early.decode(errors="replace") or "(nothing)")
    ok &= early == b""

    ok &= chat(a, "A", "马冬梅")
    ok &= chat(a, "A", "马冬梅？")
    a.close()  # A hangs up: the server goes back to accept() and finds B

    b.settimeout(5)
    greeting = recv_exactly(b, len(GREETING))
    print("B greeted at last:", greeting.decode(errors="replace"))
    ok &= greeting == GREETING
    ok &= chat(b, "B", "孙红雷")
    b.close()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
