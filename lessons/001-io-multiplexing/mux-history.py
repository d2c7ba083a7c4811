#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""select -> poll -> epoll：客户端发来 history，服务端当场测量三种调用在 10、100、1000、2000 个
描述符上各要多久（取中位数，打印出来），再回一句固定的话。select 只收得下编号 0..1023 的描述符。"""
import argparse
import os
import resource
import select
import socket
import time

REPLY = (b"measured select, poll and epoll_wait over 10, 100, 1000 and 2000 descriptors; "
         b"the figures are in the server's log\n")


def cost(call, repeats=21):
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        call()
        times.append(time.perf_counter() - t0)
    return sorted(times)[repeats // 2] * 1e6  # 中位数，微秒


def measure():
    print('FD_SETSIZE = 1024：select 只能监听编号 0..1023 的描述符')
    for n in (10, 100, 1000, 2000):
        fds = [os.eventfd(0) for _ in range(n)]
        os.eventfd_write(fds[-1], 1)  # 只有最后一个就绪
        p = select.poll()
        e = select.epoll()
        for fd in fds:
            p.register(fd, select.POLLIN)
            e.register(fd, select.EPOLLIN)
        if max(fds) < 1024:
            sel = '%.1f' % cost(lambda: select.select(fds, [], [], 0))
        else:
            sel = '(fd >= 1024, select 不能用)'
        print('%5d 个描述符: select %s µs, poll %.1f µs, epoll %.1f µs'
              % (n, sel, cost(lambda: p.poll(0)), cost(lambda: e.poll(0))))
        e.close()
        for fd in fds:
            os.close(fd)


def main():
    parser = argparse.ArgumentParser(description='mux-history')
    parser.add_argument('--port', type=int, default=8001)
    args = parser.parse_args()
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, min(hard, 4096)), hard))

    server = socket.socket()
    server.bind(('127.0.0.1', args.port))
    server.listen(5)
    inputs = [server]
    while True:
        r_list, w_list, e_list = select.select(inputs, [], [], 1)
        for sk in r_list:
            if sk is server:
                conn, addr = server.accept()
                inputs.append(conn)
                continue
            data = sk.recv(1024)
            if not data:
                inputs.remove(sk)
                sk.close()
                continue
            measure()
            sk.sendall(REPLY)


if __name__ == '__main__':
    try:
        main()
    except KeyboardInterrupt:
        pass
