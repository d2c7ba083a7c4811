#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""UDP 服务端：没有 listen，也没有 accept。recvfrom 收一个数据报和发送者的地址，sendto 回“已收到”。"""
import argparse
import select
import socket


def main():
    parser = argparse.ArgumentParser(description='udp-echo')
    parser.add_argument('--port', type=int, default=8001)
    args = parser.parse_args()

    server = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)  # SOCK_DGRAM：UDP
    server.bind(('127.0.0.1', args.port))  # 只 bind，不 listen
    rlist = [server]
    while True:
        r, w, e = select.select(rlist, [], [], 1)
        if not r:
            continue
        data, (host, port) = server.recvfrom(1024)  # 一个完整的数据报 + 谁发的
        print(data, host, port)
        server.sendto('已收到'.encode('utf-8'), (host, port))  # 没有连接：按地址回复


if __name__ == '__main__':
    try:
        main()
    except KeyboardInterrupt:
        pass
