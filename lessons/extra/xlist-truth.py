#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""第三个列表到底是什么：每个连接同时放进 rlist 和 xlist，看到什么就回给客户端一行。
Linux 上 xlist 报告的是紧急数据（MSG_OOB）；对方重置连接（RST）时，连接出现在 rlist 里，recv 抛 ECONNRESET。"""
import argparse
import select
import socket


def report(s, text):
    print(text)
    s.sendall(text.encode('utf-8') + b'\n')


def main():
    parser = argparse.ArgumentParser(description='xlist-truth')
    parser.add_argument('--port', type=int, default=10001)
    args = parser.parse_args()

    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(('127.0.0.1', args.port))
    listener.listen(5)
    inputs = [listener]
    while True:
        r, w, x = select.select(inputs, [], inputs, 1)
        for s in r:
            if s is listener:
                conn, addr = listener.accept()
                inputs.append(conn)  # 同时在 rlist 和 xlist 里
                continue
            try:
                data = s.recv(1024)  # 普通数据；读到紧急标记处为止
            except ConnectionResetError:
                print('RST: the conn was readable and recv raised ECONNRESET')
                data = b''
            if data:
                report(s, 'received data: ' + data.decode('utf-8', 'replace'))
            else:
                inputs.remove(s)
                s.close()
        for s in x:
            if s in inputs:
                byte = s.recv(1, socket.MSG_OOB)  # 紧急字节要单独读
                report(s, 'the xlist reported urgent (MSG_OOB) data: "%s"' % byte.decode('utf-8', 'replace'))


if __name__ == '__main__':
    try:
        main()
    except KeyboardInterrupt:
        pass
