#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""服务端：accept 后回 Hello_World，把 conn 也放进 inputs；conn 发来什么，就回“回复:”加什么。"""
import argparse
import select
import socket


def main():
    parser = argparse.ArgumentParser(description='select-reply')
    parser.add_argument('--port', type=int, default=8001)
    args = parser.parse_args()

    sk1 = socket.socket()
    sk1.bind(('127.0.0.1', args.port))
    sk1.listen(5)
    print('服务端启动...........')
    inputs = [sk1, ]

    while True:
        r_list, w_list, e_list = select.select(inputs, [], [], 1)
        for sk in r_list:
            if sk == sk1:  # 有人访问，sk1 发生变化
                conn, addr = sk.accept()
                conn.sendall(bytes('Hello_World', encoding='utf-8'))
                inputs.append(conn)  # 之后 conn 有数据，select 也会告诉我们
            else:  # conn 发生变化
                try:
                    recv_bytes = sk.recv(1024)
                except Exception as e:  # 对方重置连接（RST）时才会到这里
                    inputs.remove(sk)
                    print(e)
                else:
                    recv_str = str(recv_bytes, encoding='utf-8')
                    print(recv_str)
                    # BUG (as in the document): 对方正常关闭时 recv 返回 b''，不抛异常，于是向已关闭的
                    # 连接回“回复:”；下一轮 sendall 抛出 BrokenPipeError（它不在 try 里），服务端退出。
                    sk.sendall(bytes('回复:' + recv_str, encoding='utf-8'))


if __name__ == '__main__':
    try:
        main()
    except KeyboardInterrupt:
        pass
