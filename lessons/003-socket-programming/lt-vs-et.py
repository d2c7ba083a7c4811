#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""水平触发和边缘触发：每次被叫醒只 recv(4)，故意不读完。默认水平触发（LT）；--et 用边缘触发（EPOLLET），
缓冲区里剩下的字节要等到下一次有新数据到来才会再被提起。"""
import argparse
import select
import socket


def main():
    parser = argparse.ArgumentParser(description='lt-vs-et')
    parser.add_argument('--port', type=int, default=8001)
    parser.add_argument('--et', action='store_true', help='边缘触发（EPOLLET）')
    args = parser.parse_args()
    mode = select.EPOLLET if args.et else 0

    server = socket.socket()
    server.bind(('127.0.0.1', args.port))
    server.listen()
    server.setblocking(False)
    ep = select.epoll()
    ep.register(server.fileno(), select.EPOLLIN | mode)
    conns = {}
    while True:
        for fd, events in ep.poll(1):
            if fd == server.fileno():
                conn, addr = server.accept()
                conn.setblocking(False)
                ep.register(conn.fileno(), select.EPOLLIN | mode)
                conns[conn.fileno()] = conn
                continue
            data = conns[fd].recv(4)  # 只读 4 个字节：缓冲区里可能还有
            if not data:
                ep.unregister(fd)
                conns.pop(fd).close()
            else:
                conns[fd].sendall(data)


if __name__ == '__main__':
    try:
        main()
    except KeyboardInterrupt:
        pass
