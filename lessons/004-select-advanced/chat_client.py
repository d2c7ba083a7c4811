#!/usr/bin/env python3
"""A chat client for `muxlab --serve --lesson chat-room`.

Like the document's client it selects on two things at once: what you type and what the
server sends. With --interactive it reads your keyboard (stdin). Without it, it checks the
room by itself: "alice" types through a pipe (select treats it exactly like stdin) while a
second member, "bob", listens, and each must hear the other.
"""
import argparse
import os
import re
import select
import socket
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir))
import stepwait  # noqa: E402  lessons/stepwait.py: --wait, for muxlab's window


def interactive(host, port):
    s = socket.create_connection((host, port), timeout=5)
    print("Connected. Type a line and press Enter; Ctrl-D leaves.")
    while True:
        ready, _, _ = select.select([sys.stdin, s], [], [])
        if s in ready:
            data = s.recv(4096)
            if not data:
                print("\nDisconnected from chat server")
                return 0
            sys.stdout.write(data.decode("utf-8", "replace"))
            sys.stdout.flush()
        if sys.stdin in ready:
            line = sys.stdin.readline()
            if not line:
                return 0
            s.sendall(line.encode("utf-8"))


def read_until(sock, pattern, seconds=5.0):
    """Reads from sock until the bytes seen so far match pattern; returns them."""
    seen = b""
    deadline = stepwait.deadline(seconds)
    while not re.search(pattern, seen):
        left = deadline - time.monotonic()
        if left <= 0:
            return seen
        ready, _, _ = select.select([sock], [], [], left)
        if ready:
            chunk = sock.recv(4096)
            if not chunk:
                return seen
            seen += chunk
    return seen


def self_check(host, port):
    alice = socket.create_connection((host, port), timeout=5)
    time.sleep(0.3)  # let the server accept alice before bob arrives
    bob = socket.create_connection((host, port), timeout=5)
    keyboard_r, keyboard_w = os.pipe()  # alice's "stdin"

    joined = read_until(alice, rb"\[#?\w+\] entered room\n")
    print("alice received:", joined)
    if not joined:
        return 1

    os.write(keyboard_w, b"hello from alice\n")
    os.close(keyboard_w)
    typed = os.fdopen(keyboard_r, "rb")
    # The document's client loop: one select over the keyboard and the socket.
    sent = False
    deadline = time.monotonic() + 3
    while not sent and time.monotonic() < deadline:
        ready, _, _ = select.select([typed, alice], [], [], 0.5)
        if typed in ready:
            line = typed.readline()
            if line:
                alice.sendall(line)
                sent = True
        if alice in ready and not alice.recv(4096):
            print("alice: disconnected", file=sys.stderr)
            return 1

    heard = read_until(bob, rb"<#?\w+> hello from alice\n")
    print("bob received:", heard)
    if not re.search(rb"<#?\w+> hello from alice\n", heard):
        return 1
    bob.sendall(b"hi alice\n")
    back = read_until(alice, rb"<#?\w+> hi alice\n")
    print("alice received:", back)
    if not re.search(rb"<#?\w+> hi alice\n", back):
        return 1
    bob.close()
    left = read_until(alice, rb"left room\n")
    print("alice received:", left)
    alice.close()
    return 0 if left.endswith(b"left room\n") else 1


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    stepwait.add_option(ap)
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=8002)
    ap.add_argument("--interactive", action="store_true", help="chat from your keyboard")
    args = stepwait.start(ap.parse_args())
    if args.interactive:
        return interactive(args.host, args.port)
    return self_check(args.host, args.port)


if __name__ == "__main__":
    sys.exit(main())
