#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""selectors 模块：同一份服务端代码，底下可以是 select、poll 或 epoll（--selector 选择）。
读到数据后改成同时关心可写，可写时回 I have receive；每轮读完测一次三种调用各要多久。"""
import argparse
import select
import selectors
import socket
import time

CHOICES = {'default': selectors.DefaultSelector, 'select': selectors.SelectSelector,
           'poll': selectors.PollSelector, 'epoll': selectors.EpollSelector}


def cost(call, repeats=51):
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        call()
        times.append(time.perf_counter() - t0)
    return sorted(times)[repeats // 2] * 1e6  # 中位数，微秒


def measure(socks):
    p = select.poll()
    ep = select.epoll()
    for s in socks:
        p.register(s, select.POLLIN)
        ep.register(s, select.EPOLLIN)
    print('%d 个 socket: select %.1f µs, poll %.1f µs, epoll %.1f µs' % (
        len(socks), cost(lambda: select.select(socks, [], [], 0)),
        cost(lambda: p.poll(0)), cost(lambda: ep.poll(0))))
    ep.close()


def main():
    parser = argparse.ArgumentParser(description='selectors')
    parser.add_argument('--port', type=int, default=8000)
    parser.add_argument('--selector', choices=sorted(CHOICES), default='default')
    args = parser.parse_args()
    sel = CHOICES[args.selector]()  # Linux 上默认是 EpollSelector

    server = socket.socket()
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(('127.0.0.1', args.port))
    server.listen(10)
    sel.register(server, selectors.EVENT_READ)

    while True:
        read_any = False
        for key, mask in sel.select():  # 没有超时：一直等
            sock = key.fileobj
            if sock is server:
                conn, addr = server.accept()
                sel.register(conn, selectors.EVENT_READ)
                continue
            if mask & selectors.EVENT_READ:
                data = sock.recv(1024)
                if not data:
                    sel.unregister(sock)
                    sock.close()
                    continue
                read_any = True
                sel.modify(sock, selectors.EVENT_READ | selectors.EVENT_WRITE)
            if mask & selectors.EVENT_WRITE:
                sock.send(b'I have receive')
                sel.modify(sock, selectors.EVENT_READ)
        if read_any:
            measure([key.fileobj for key in sel.get_map().values()])


if __name__ == '__main__':
    try:
        main()
    except KeyboardInterrupt:
        pass
