#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""同一个服务端换成 epoll：每个 socket 只注册一次（EPOLL_CTL_ADD），epoll.poll() 只返回就绪的事件。
--et 用边缘触发（EPOLLET）注册，看 if/elif 漏掉的 EPOLLOUT 会怎样。"""
import argparse
import select
from socket import *


def main():
    parser = argparse.ArgumentParser(description='epoll-server')
    parser.add_argument('--port', type=int, default=8000)
    parser.add_argument('--et', action='store_true', help='边缘触发（EPOLLET）')
    args = parser.parse_args()
    et = select.EPOLLET if args.et else 0

    socketfd = socket(AF_INET, SOCK_STREAM)
    socketfd.setsockopt(SOL_SOCKET, SO_REUSEADDR, 1)
    socketfd.bind(('127.0.0.1', args.port))
    socketfd.listen(10)

    ep = select.epoll()
    ep.register(socketfd, select.EPOLLIN | et)  # 只注册一次，之后留在内核里
    dic_fd = {socketfd.fileno(): socketfd}

    while True:
        events = ep.poll()  # 只返回就绪的 (fd, event)
        for fn, event in events:
            if fn == socketfd.fileno():
                connfd, addr = socketfd.accept()
                ep.register(connfd, select.EPOLLIN | et)
                dic_fd[connfd.fileno()] = connfd
            elif event & select.EPOLLIN:
                data = dic_fd[fn].recv(1024)
                if not data:
                    ep.unregister(fn)  # EPOLL_CTL_DEL，再关闭
                    dic_fd.pop(fn).close()
                else:
                    print(dic_fd[fn].getpeername(), ':', data.decode())
                    ep.modify(fn, select.EPOLLIN | select.EPOLLOUT | et)  # EPOLL_CTL_MOD
            elif event & select.EPOLLOUT:  # 和 poll 版一样的 if/elif：同时有 EPOLLIN 时跳过
                dic_fd[fn].send(b'I have receive')
                ep.modify(fn, select.EPOLLIN | et)


if __name__ == '__main__':
    try:
        main()
    except KeyboardInterrupt:
        pass
