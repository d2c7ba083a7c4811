#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""马冬梅大爷模拟器：连上先问“你找谁呀！”，之后把对方说的名字里的一个字换成“什么”问回去，直到对方断开。"""
import argparse
import socket


def inquire(item):
    # 文档随机挑一个字；这里由文字本身算出挑哪个字，每次运行结果都一样
    name = item[sum(map(ord, item)) % len(item)]
    return item.replace(name, '什么')


def main():
    parser = argparse.ArgumentParser(description='conversation-loop')
    parser.add_argument('--port', type=int, default=8001)
    args = parser.parse_args()

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(('127.0.0.1', args.port))
    sock.listen(5)
    while True:
        conn, addr = sock.accept()
        print('用户已连接')
        conn.sendall('你找谁呀！'.encode('utf-8'))
        while True:  # 这个客户端不走，别人就只能排队
            client_data = conn.recv(1024)
            if not client_data:  # 空字节：对方关闭了连接
                break
            answer = inquire(client_data.decode('utf-8', 'replace'))
            conn.sendall(answer.encode('utf-8'))
        print('对方断开连接')
        conn.close()


if __name__ == '__main__':
    try:
        main()
    except KeyboardInterrupt:
        pass
