#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""多线程和 select：启动时先跑一遍文档的 process() 例子（顺序 10 次 / 10 个线程）；之后一个 select
循环服务所有连接，每个请求要做 20 ms 的阻塞工作。请求 job 依次做，thread-job 每个交给一个线程。"""
import argparse
import select
import socket
import threading
import time


def process(arg):
    time.sleep(0.02)  # 文档里的 process()：一段会阻塞的工作


def replay_document():
    t0 = time.perf_counter()
    for i in range(10):
        process(i)
    one_by_one = time.perf_counter() - t0
    t0 = time.perf_counter()
    threads = [threading.Thread(target=process, args=(i,)) for i in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print('10 次 process()：顺序 %.0f ms，10 个线程 %.0f ms'
          % (one_by_one * 1000, (time.perf_counter() - t0) * 1000))


def main():
    parser = argparse.ArgumentParser(description='threads-vs-select')
    parser.add_argument('--port', type=int, default=8001)
    args = parser.parse_args()
    replay_document()

    server = socket.socket()
    server.bind(('127.0.0.1', args.port))
    server.listen(5)
    inputs = [server]
    while True:
        r_list, w_list, e_list = select.select(inputs, [], [], 1)
        jobs = []
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
            jobs.append((sk, data))
        if not jobs:
            continue
        t0 = time.perf_counter()
        if any(data.startswith(b'thread') for sk, data in jobs):
            threads = [threading.Thread(target=process, args=(data,)) for sk, data in jobs]
            for t in threads:
                t.start()
            for t in threads:
                t.join()  # 等最慢的那一个
            for sk, data in jobs:
                sk.sendall(b'done:' + data)
        else:
            for sk, data in jobs:
                process(data)  # 后面的请求都在等这一个
                sk.sendall(b'done:' + data)
        print('%d 个请求用了 %.0f ms' % (len(jobs), (time.perf_counter() - t0) * 1000))


if __name__ == '__main__':
    try:
        main()
    except KeyboardInterrupt:
        pass
