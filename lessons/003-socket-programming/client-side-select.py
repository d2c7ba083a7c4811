#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""客户端的伪并发：四个非阻塞 connect 一起发出去。select 的第二个列表说“连上了”，就发出请求；
第一个列表说“回复到了”，就读出来并关闭。服务端遇到 sleep 会睡一阵，其他请求都得等它（队头阻塞）。"""
import argparse
import select
import socket


def main():
    parser = argparse.ArgumentParser(description='client-side-select')
    parser.add_argument('--port', type=int, default=8001)
    parser.add_argument('--host', default='127.0.0.1')
    args = parser.parse_args()

    inp_text = ['first', 'sleep', 'second', 'third']  # 要发送的消息
    client_list = {}  # 正在连接的 socket -> 它要发的消息
    recv_list = []  # 已发出请求、等回复的 socket
    for item in inp_text:
        client = socket.socket()
        client.setblocking(False)  # 非阻塞：connect 立刻返回 EINPROGRESS
        client.connect_ex((args.host, args.port))
        client_list[client] = item

    while True:  # 和文档一样：两个列表都空了也不退出
        r, w, e = select.select(recv_list, list(client_list), [], 1)
        for sock in w:  # 可写：连接已经完成
            data = client_list.pop(sock)
            print(data)
            sock.sendall(data.encode('utf-8'))
            recv_list.append(sock)
        for sock in r:  # 可读：回复到了
            data = sock.recv(1024)
            print(data.decode('utf-8', 'replace'))
            recv_list.remove(sock)
            sock.close()


if __name__ == '__main__':
    try:
        main()
    except KeyboardInterrupt:
        pass
