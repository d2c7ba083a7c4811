#!/usr/bin/env python3
"""The client side of document 003 §5.2, for `muxlab --serve --lesson client-side-select`.

muxlab serves the sleepy server on the port: it answers at once, except "sleep", on which
it sleeps for a few ticks and answers nobody meanwhile. This client opens one non-blocking
connection per request and drives them all with one select: the wlist tells it a connect
has finished (send then), the rlist that a reply has come. It prints when each reply came.
Exit 0 only if every reply is right and the ones queued behind "sleep" came after it
(head-of-line blocking).
"""
import argparse
import os
import select
import socket
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir))
import stepwait  # noqa: E402  lessons/stepwait.py: --wait, for muxlab's window

REQUESTS = ["first", "sleep", "second", "third"]
NORMAL = "已收到普通信息："
DELAYED = "已收到延时反馈信息:"


def main():
    ap = argparse.ArgumentParser()
    stepwait.add_option(ap)
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=8001)
    args = stepwait.start(ap.parse_args())

    pending = {}  # socket -> request, until its connect finishes
    for text in REQUESTS:
        s = socket.socket()
        s.setblocking(False)
        s.connect_ex((args.host, args.port))  # EINPROGRESS: it completes later
        pending[s] = text
    waiting = {}  # socket -> request, sent and not yet answered
    replies = {}  # request -> (reply, seconds after start)
    start = time.monotonic()
    deadline = stepwait.deadline(8)
    while (pending or waiting) and time.monotonic() < deadline:
        r, w, _ = select.select(list(waiting), list(pending), [], 0.5)
        for s in w:
            err = s.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)  # writable = finished, not "succeeded"
            text = pending.pop(s)
            if err:
                print("connect for %r failed: %s" % (text, err))
                s.close()
                continue
            s.sendall(text.encode())
            waiting[s] = text
        for s in r:
            text = waiting.pop(s)
            data = b""
            while True:  # the reply may come in pieces; the server keeps the conn open
                try:
                    chunk = s.recv(1024)
                except BlockingIOError:
                    break
                if not chunk:
                    break
                data += chunk
            replies[text] = (data.decode(errors="replace"), time.monotonic() - start)
            print("%6.2f s  %s -> %s" % (replies[text][1], text, replies[text][0]))
            s.close()

    ok = len(replies) == len(REQUESTS)
    for text in REQUESTS:
        want = (DELAYED if text == "sleep" else NORMAL) + text
        ok &= replies.get(text, ("", 0))[0] == want
    if ok:
        t = {k: v[1] for k, v in replies.items()}
        stalled = min(t["second"], t["third"]) >= t["sleep"] - 0.05 and t["second"] - t["first"] >= 0.3
        print("second and third waited behind sleep:", stalled)
        ok &= stalled
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
