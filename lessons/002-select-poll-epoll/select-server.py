#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""myselectserver：select 实现多客户端访问。收到数据先打印，把 conn 放进 wlist，可写时回 I have receive。"""
import argparse
from select import select
from socket import *


def main():
    parser = argparse.ArgumentParser(description='select-server')
    parser.add_argument('--port', type=int, default=8000)
    args = parser.parse_args()

    rlist = []
    wlist = []
    xlist = []

    # 创建 socket 服务
    socketfd = socket(AF_INET, SOCK_STREAM)
    socketfd.setsockopt(SOL_SOCKET, SO_REUSEADDR, 1)
    socketfd.bind(('127.0.0.1', args.port))
    socketfd.listen(10)

    # 监听 socket 同时放进 rlist 和 xlist
    rlist.append(socketfd)
    xlist.append(socketfd)

    while True:
        rl, wl, xl = select(rlist, wlist, xlist)  # 没有超时：一直等到有变化
        for r in rl:
            if r is socketfd:  # 新的客户端连接
                connfd, addr = r.accept()
                rlist.append(connfd)
            else:  # 客户端 socket 有数据，或者断开了
                data = r.recv(1024)
                if not data:
                    rlist.remove(r)  # 先移出 rlist 再关闭
                    r.close()
                else:
                    print(r.getpeername(), ':', data.decode())
                    wlist.append(r)  # 回复留到下一次 select 说它可写时
        for w in wl:
            w.send(b'I have receive')
            wlist.remove(w)  # 发完就移出 wlist，否则 select 每次都会立刻返回
        for x in xl:
            # 文档把第三个列表当作“出错的 IO”；Linux 上它只报告紧急数据，监听 socket 永远不会出现在这里
            if x is socketfd:
                x.close()


if __name__ == '__main__':
    try:
        main()
    except KeyboardInterrupt:
        pass
