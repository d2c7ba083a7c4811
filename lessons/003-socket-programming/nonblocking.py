#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""非阻塞：setblocking(False) 之后 accept、recv 没东西时不等，抛 BlockingIOError（EAGAIN）。
程序每一轮把 accept 和每个连接的 recv 都试一遍，收到就回“收到:”加原文，然后歇 0.5 秒。"""
import argparse
import select
import socket


def main():
    parser = argparse.ArgumentParser(description='nonblocking')
    parser.add_argument('--port', type=int, default=8001)
    args = parser.parse_args()

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(('127.0.0.1', args.port))
    sock.listen(5)
    sock.setblocking(False)
    conns = []
    while True:
        try:
            conn, addr = sock.accept()  # 没人连接：BlockingIOError
            conn.setblocking(False)  # accept 出来的 socket 默认是阻塞的
            conns.append(conn)
        except BlockingIOError:
            pass
        for conn in conns[:]:
            try:
                data = conn.recv(1024)  # 没有数据：BlockingIOError
            except BlockingIOError:
                continue
            if data:
                print('收到:', data.decode('utf-8', 'replace'))  # 和文档一样只打印、不回复
            else:  # 空字节不是“暂时没有”，而是“再也不会有”：对方关闭了
                conns.remove(conn)
                conn.close()
        select.select([], [], [], 0.5)  # 什么都不监听：只是歇一会儿


if __name__ == '__main__':
    try:
        main()
    except KeyboardInterrupt:
        pass
