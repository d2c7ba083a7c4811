#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""粘包：每次 recv(1024) 拿到多少字节、是什么，就如实打印一行 "recv got N bytes: ..."；不回复。"""
import argparse
import select
import socket


def main():
    parser = argparse.ArgumentParser(description='sticky-packets')
    parser.add_argument('--port', type=int, default=8001)
    args = parser.parse_args()

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(('127.0.0.1', args.port))
    sock.listen(1)
    inputs = [sock]
    while True:
        r, w, e = select.select(inputs, [], [], 1)
        for s in r:
            if s is sock:
                conn, addr = sock.accept()
                inputs.append(conn)
                continue
            client_data = s.recv(1024)  # 缓冲区里有什么就拿什么，最多 1024 字节
            if not client_data:
                inputs.remove(s)
                s.close()
                continue
            shown = client_data[:64] + (b'...' if len(client_data) > 64 else b'')
            # 和文档一样只打印、不回复：文档的客户端从不读，没人读的回复会让它的 close 变成 RST
            print('recv got %d bytes: %s' % (len(client_data), shown.decode('utf-8', 'replace')))


if __name__ == '__main__':
    try:
        main()
    except KeyboardInterrupt:
        pass
