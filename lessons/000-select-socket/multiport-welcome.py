#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""服务端：三个端口（9991-9993）放进同一个 select，哪个端口来了连接就接受哪个，并发一句“欢迎访问”。"""
import argparse
import select
import socket


def main():
    parser = argparse.ArgumentParser(description='multiport-welcome')
    parser.add_argument('--port', type=int, default=9991, help='第一个端口，另外两个依次加 1')
    args = parser.parse_args()

    lib = []  # 三个监听对象组成一个列表，交给 select 一起看
    for port in (args.port, args.port + 1, args.port + 2):
        k = socket.socket()
        k.bind(('127.0.0.1', port))
        k.listen()
        lib.append(k)

    while True:
        # 最多等 1 秒；哪个监听对象的接受队列里有连接，就出现在 a 里
        a, b, c = select.select(lib, [], [], 1)
        for k in a:
            d, e = k.accept()  # 连接已经在队列里，accept 不会阻塞
            d.sendall(bytes('欢迎访问', encoding='utf-8'))
            # 和文档一样，d 没有放进任何列表：下一次 accept 覆盖 d 时，旧连接被 Python 回收关闭


if __name__ == '__main__':
    try:
        main()
    except KeyboardInterrupt:
        pass
