#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""mypollserver：用 poll 实现同样的服务端。poll 只返回描述符编号，所以要维护 {fileno: socket} 的地图。"""
import argparse
import select
from socket import *


def main():
    parser = argparse.ArgumentParser(description='poll-server')
    parser.add_argument('--port', type=int, default=8000)
    args = parser.parse_args()
    dic_fd = {}

    socketfd = socket(AF_INET, SOCK_STREAM)
    socketfd.setsockopt(SOL_SOCKET, SO_REUSEADDR, 1)
    socketfd.bind(('127.0.0.1', args.port))
    socketfd.listen(10)

    po = select.poll()
    po.register(socketfd, select.POLLIN | select.POLLERR)
    dic_fd[socketfd.fileno()] = socketfd  # 描述符地图

    while True:
        events = po.poll()  # 没有超时：一直等
        for fn, event in events:
            if fn == socketfd.fileno():
                connfd, addr = dic_fd[fn].accept()
                po.register(connfd, select.POLLIN | select.POLLERR)
                dic_fd[connfd.fileno()] = connfd
            elif event & select.POLLIN:
                # BUG (as in the document): 对方用 RST 断开时 revents 是 POLLIN|POLLERR|POLLHUP，
                # 先进这个分支，recv 抛出 ConnectionResetError，没人捕获：服务端退出。
                data = dic_fd[fn].recv(1024)
                if not data:
                    po.unregister(fn)  # 先注销再关闭
                    dic_fd[fn].close()
                    print('has delete', fn)
                    del dic_fd[fn]
                else:
                    print(dic_fd[fn].getpeername(), ':', data.decode())
                    # 加上 POLLOUT：poll 版的 wlist.append
                    po.modify(fn, select.POLLIN | select.POLLERR | select.POLLOUT)
            elif event & select.POLLOUT:  # if/elif：同时有 POLLIN 时这一轮不会走到这里
                dic_fd[fn].send(b'i have receive')
                po.modify(fn, select.POLLIN | select.POLLERR)
            elif event & select.POLLERR:
                po.unregister(fn)
                del dic_fd[fn]


if __name__ == '__main__':
    try:
        main()
    except KeyboardInterrupt:
        pass
