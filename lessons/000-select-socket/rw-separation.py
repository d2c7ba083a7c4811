#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""服务端读写分离：读到的信息先记进 jilu，通讯对象放进 select 的第二个参数，等它可写时再回复（加个“好”字）。"""
import argparse
import select
import socket


def main():
    parser = argparse.ArgumentParser(description='rw-separation')
    parser.add_argument('--port', type=int, default=9991)
    args = parser.parse_args()

    k1 = socket.socket()
    k1.bind(('127.0.0.1', args.port))
    k1.listen()

    lib = [k1]  # 第一个参数（也当第三个参数）：监听对象和通讯对象
    lib2 = []  # 第二个参数：有回复要发的通讯对象
    jilu = {}  # 通讯对象 -> 还没回复的信息

    while True:
        a, b, c = select.select(lib, lib2, lib, 1)
        for k in a:  # 读：只收，不回
            if k == k1:
                d, e = k.accept()
                lib.append(d)
                jilu[d] = []
            else:
                try:
                    fd = k.recv(1024)
                except Exception:  # 连接被重置
                    lib.remove(k)  # BUG (as in the document): 不关闭 k，jilu[k] 和 lib2 里的 k 都留着
                else:
                    # BUG (as in the document): 对方关闭时 recv 返回 b''，这里仍当作一条信息排队。
                    # 下一轮向已关闭的连接发出“好”（对方回 RST），再下一轮 sendall 抛出
                    # BrokenPipeError，没人捕获：整个服务端退出，其他客户端一起断开。
                    jilu[k].append(str(fd, encoding='utf-8'))
                    lib2.append(k)
        for km in b:  # 写：可写的通讯对象，取出最早的一条回复
            jkd = jilu[km].pop(0)
            km.sendall(bytes(jkd + '好', encoding='utf-8'))
            lib2.remove(km)
        for fh in c:  # 第三个列表：Linux 上只表示有紧急数据
            lib.remove(fh)  # BUG (as in the document): 同上，不关闭，也不从 jilu、lib2 里拿掉


if __name__ == '__main__':
    try:
        main()
    except KeyboardInterrupt:
        pass
