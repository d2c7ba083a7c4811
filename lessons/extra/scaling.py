#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""一次调用的开销和被监听的 socket 数量：客户端发一个数 N，服务端建 N 个空闲的本地 socket，
分别测 select、poll、epoll 在它们上面调用一次（超时 0）要多久，取中位数打印并回一行。"""
import argparse
import resource
import select
import socket
import statistics
import time


def idle_sockets(n):
    pairs = [socket.socketpair() for _ in range(n // 2)]
    return [s for p in pairs for s in p]


def cost(call, repeats=51):
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter_ns()
        call()
        times.append(time.perf_counter_ns() - t0)
    return statistics.median(times) / 1000  # 微秒


def measure(n):
    limit = resource.getrlimit(resource.RLIMIT_NOFILE)[0]
    if n + 128 > limit:  # 描述符上限不够：不测，说明原因（muxlab 的服务器也这样）
        print('%d not measured: the descriptor limit here is %d' % (n, limit))
        return
    socks = idle_sockets(n)
    if max(x.fileno() for x in socks) < 1024:
        print('%d select %.1f µs' % (n, cost(lambda: select.select(socks, [], [], 0))))
    else:
        print('%d select: fd >= 1024, select cannot take them' % n)
    p = select.poll()
    for x in socks:
        p.register(x, select.POLLIN)
    print('%d poll %.1f µs' % (n, cost(lambda: p.poll(0))))
    ep = select.epoll()
    for x in socks:
        ep.register(x, select.EPOLLIN)
    print('%d epoll %.1f µs' % (n, cost(lambda: ep.poll(0))))
    ep.close()
    for x in socks:
        x.close()


def main():
    parser = argparse.ArgumentParser(description='scaling')
    parser.add_argument('--port', type=int, default=10100)
    args = parser.parse_args()
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, min(hard, 20100)), hard))  # 10000 个 socket 要这么多

    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(('127.0.0.1', args.port))
    listener.listen(5)
    rlist = [listener]
    while True:
        ready, _, _ = select.select(rlist, [], [], 1)
        for s in ready:
            if s is listener:
                conn, addr = listener.accept()
                rlist.append(conn)
                conn.sendall(b'send a number of sockets, or all\n')
                continue
            data = s.recv(1024)
            if not data:
                rlist.remove(s)
                s.close()
                continue
            for word in data.split():
                if word == b'all':
                    counts = [10, 100, 1000, 10000]
                elif word.isdigit() and 1 <= int(word) <= 100000:
                    counts = [int(word)]
                else:
                    s.sendall(b'send a number from 1 to 100000, or all\n')
                    continue
                for n in counts:
                    measure(n)
                s.sendall(b'measured ' + word + b'\n')

if __name__ == '__main__':
    try:
        main()
    except KeyboardInterrupt:
        pass
