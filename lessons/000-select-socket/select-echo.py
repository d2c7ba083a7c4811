#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""服务端：监听对象和通讯对象放在同一个列表里。新连接先收到“你好”，之后发来的每条信息加个“好”字发回。"""
import argparse
import select
import socket


def main():
    parser = argparse.ArgumentParser(description='select-echo')
    parser.add_argument('--port', type=int, default=9991)
    args = parser.parse_args()

    k1 = socket.socket()
    k1.bind(('127.0.0.1', args.port))
    k1.listen()
    lib = [k1]  # 监听对象 + 所有通讯对象

    while True:
        a, b, c = select.select(lib, [], [], 1)
        for k in a:
            if k == k1:  # 监听对象有变化：新用户连接
                d, e = k.accept()
                lib.append(d)  # 通讯对象也交给 select 监听
                d.sendall(bytes('你好', encoding='utf-8'))
            else:  # 通讯对象有变化：来了信息，或者对方走了
                try:
                    fd = k.recv(1024)
                    # BUG (as in the document): 对方正常关闭时 recv 返回 b''，不抛异常；
                    # 这里照样回一个“好”给已关闭的连接，要到下一轮 sendall 出错才进 except。
                    g = str(fd, encoding='utf-8') + '好'
                    k.sendall(bytes(g, encoding='utf-8'))
                except Exception:  # 连接被重置，或向已关闭的连接发送失败
                    lib.remove(k)  # 不再监听；没有 close，等 Python 回收时才关闭


if __name__ == '__main__':
    try:
        main()
    except KeyboardInterrupt:
        pass
