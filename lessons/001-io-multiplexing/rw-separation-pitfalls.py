#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""select 读写分离（文档 001 的写法）：读到的消息放进 message_dict，conn 放进 outputs，可写时回“回复:”。"""
import argparse
import select
import socket


def main():
    parser = argparse.ArgumentParser(description='rw-separation-pitfalls')
    parser.add_argument('--port', type=int, default=8001)
    args = parser.parse_args()

    sk1 = socket.socket()
    sk1.bind(('127.0.0.1', args.port))
    sk1.listen(5)
    print('服务端启动...........')
    inputs = [sk1, ]
    outputs = []  # 第二个参数：等着回复的 conn
    message_dict = {}  # conn -> 收到、还没回复的消息

    while True:
        r_list, w_list, e_list = select.select(inputs, outputs, [], 1)
        for sk in r_list:
            if sk == sk1:
                conn, addr = sk.accept()
                conn.sendall(bytes('Hello_World', encoding='utf-8'))
                inputs.append(conn)
                message_dict[conn] = []
            else:
                try:
                    recv_bytes = sk.recv(1024)
                except Exception as e:
                    inputs.remove(sk)
                    print(e)
                else:
                    # BUG (as in the document): 对方关闭时这里收到 b''，也会排进队列去回复。
                    recv_str = str(recv_bytes, encoding='utf-8')
                    message_dict[sk].append(recv_str)
                    outputs.append(sk)
        for conn in w_list:
            # BUG (as in the document): pop() 取的是最后一条，排在前面的旧消息被晾着
            recv_str = message_dict[conn].pop()
            print(recv_str)
            conn.sendall(bytes('回复:' + recv_str, encoding='utf-8'))
            # BUG (as in the document): clear() 清掉整个 outputs，连这一轮刚加进来、还没回复的 conn 也被清掉
            outputs.clear()


if __name__ == '__main__':
    try:
        main()
    except KeyboardInterrupt:
        pass
