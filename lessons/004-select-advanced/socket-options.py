#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""SO_REUSEADDR 和 TIME_WAIT：连接的人说 bye，服务端回 bye 并先关闭（它这一端进入 TIME_WAIT）；
然后服务端“重启”：关掉监听 socket，先不带 SO_REUSEADDR 再 bind 同一个端口（EADDRINUSE），
再带上 SO_REUSEADDR（成功）。其他消息原样发回；连上的人先收到 hello。"""
import argparse
import select
import socket


def listen(port, reuse):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    if reuse:  # 必须在 bind 之前设置
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(('127.0.0.1', port))  # TIME_WAIT 占着端口时，不带 SO_REUSEADDR 会 EADDRINUSE
    s.listen(5)
    return s


def main():
    parser = argparse.ArgumentParser(description='socket-options')
    parser.add_argument('--port', type=int, default=10000)
    args = parser.parse_args()

    sk = listen(args.port, True)
    inputs = [sk]
    while True:
        r, w, e = select.select(inputs, [], [], 1)
        for s in r:
            if s not in inputs:  # 这一轮里已经关掉的旧监听 socket
                continue
            if s is sk:
                conn, addr = sk.accept()
                inputs.append(conn)
                conn.sendall(b'hello\n')
                continue
            data = s.recv(1024)
            if data.strip() == b'bye':
                s.sendall(b'bye\n')
                inputs.remove(s)
                s.close()  # 服务端先关闭：连接结束后 TIME_WAIT 留在服务端这一边
                # “重启”：关掉监听 socket，同一个端口再 bind 一次
                inputs.remove(sk)
                sk.close()
                try:
                    sk = listen(args.port, False)
                except OSError as err:
                    print('不带 SO_REUSEADDR:', err)
                    sk = listen(args.port, True)
                    print('带上 SO_REUSEADDR：bind 成功')
                inputs.append(sk)
            elif data:
                s.sendall(data)
            else:
                inputs.remove(s)
                s.close()

if __name__ == '__main__':
    try:
        main()
    except KeyboardInterrupt:
        pass
