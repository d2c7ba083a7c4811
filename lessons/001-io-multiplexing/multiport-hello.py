#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""两个端口（8001、8002）交给同一个 select，有请求的端口就 accept，并回一句 Hello_World!。"""
import argparse
import select
import socket


def main():
    parser = argparse.ArgumentParser(description='multiport-hello')
    parser.add_argument('--port', type=int, default=8001, help='第一个端口，第二个是它加 1')
    args = parser.parse_args()

    inputs = []
    for port in (args.port, args.port + 1):
        server = socket.socket()
        server.bind(('127.0.0.1', port))
        server.listen(5)
        inputs.append(server)
    print('服务器启动.........')

    while True:
        # r_list：有连接在排队的监听对象；第四个参数 1：最多等 1 秒
        r_list, w_list, e_list = select.select(inputs, [], [], 1)
        print('r_list大小:%d' % len(r_list))
        for sk in r_list:
            conn, addr = sk.accept()
            print('服务器接收到请求,客户端ip: %s .port: %s' % (addr[0], addr[1]))
            conn.sendall(bytes('Hello_World!', encoding='utf-8'))
            # 和文档一样，conn 没有交给 select：它之后发来的数据没人过问


if __name__ == '__main__':
    try:
        main()
    except KeyboardInterrupt:
        pass
