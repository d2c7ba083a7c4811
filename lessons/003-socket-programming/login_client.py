#!/usr/bin/env python3
"""Client for the remote-login lesson: `muxlab --serve --lesson remote-login`.

Logs in as the document's client does — JSON with the user name and md5(salt + password) —
once with the right password and once with a wrong one, and checks both answers. (The lesson
explains why a salted MD5 sent by the client is not how real systems handle passwords.)
Exits 0 only if the server accepts the first and refuses the second.
"""
import argparse
import hashlib
import json
import os
import socket
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir))
import stepwait  # noqa: E402  lessons/stepwait.py: --wait, for muxlab's window

SALT = "sdasdfagfawds"
GREETING = "欢迎使用XX系统".encode()


def document_md5(password):
    h = hashlib.md5(SALT.encode())
    h.update(password.encode())
    return h.hexdigest()


def login(host, port, user, password):
    with socket.create_connection((host, port), timeout=5) as s:
        greeting = b""
        while len(greeting) < len(GREETING):  # TCP may hand it over in pieces
            chunk = s.recv(1024)
            if not chunk:
                break
            greeting += chunk
        print("server:", greeting.decode(errors="replace"))
        s.sendall(json.dumps({"username": user, "password": document_md5(password)}).encode())
        reply = b""
        while True:  # the server answers, then closes
            chunk = s.recv(1024)
            if not chunk:
                break
            reply += chunk
    return greeting, reply.decode(errors="replace")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    stepwait.add_option(ap)
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=8001)
    ap.add_argument("--user", default="kinght")
    ap.add_argument("--password", default="123456")
    args = stepwait.start(ap.parse_args())

    ok = True
    for password, expected in ((args.password, "登陆成功"), (args.password + "-wrong", "账号或密码错误")):
        greeting, reply = login(args.host, args.port, args.user, password)
        print(f"login {args.user} / {password!r}: {reply!r}")
        if greeting != GREETING or reply != expected:
            print(f"  expected the greeting {GREETING.decode()!r} and then {expected!r}")
            ok = False
    print("ok" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    try:
        sys.exit(main())
    except OSError as e:
        print(f"cannot talk to the server: {e}", file=sys.stderr)
        sys.exit(1)
