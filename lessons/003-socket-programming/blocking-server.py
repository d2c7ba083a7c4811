#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""阻塞的服务端：accept 等一个连接，recv 等这个连接说话，回 hello world 后关闭，再回去 accept。"""
import argparse
import socket


def main():
    parser = argparse.ArgumentParser(description='blocking-server')
    parser.add_argument('--port', type=int, default=8001)
    args = parser.parse_args()

    # 1. 监听本机的 IP 和端口
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(('127.0.0.1', args.port))
    sock.listen(5)  # 接受队列：最多 5 个连接排队
    while True:
        # 2. 等待有人来连接（阻塞）
        conn, addr = sock.accept()
        # 3. 等待这个连接发来消息（阻塞）：这期间别的客户端只能在队列里等
        client_data = conn.recv(1024)
        print(client_data.decode('utf-8', 'replace'))
        # 4. 回复，然后关闭这个连接
        conn.sendall(b'hello world')
        conn.close()


if __name__ == '__main__':
    try:
        main()
    except KeyboardInterrupt:
        pass
