#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""003 §3.3: lines typed as msg|TEXT or file|PATH, each sent as a framed JSON header and a
framed payload; Q sends a framed "close" and ends. The server never answers, so nothing is read."""
import json
import os
import socket
import struct
import sys

port = int(sys.argv[sys.argv.index('--port') + 1]) if '--port' in sys.argv else 8001


def send_data(conn, content):
    data = content.encode('utf-8')
    header = struct.pack('i', len(data))  # 先发长度
    conn.sendall(header)
    conn.sendall(data)
    print(data, len(data))


def send_file(conn, file_path):
    file_size = os.stat(file_path).st_size
    conn.sendall(struct.pack('i', file_size))
    sent = 0
    file_object = open(file_path, mode='rb')
    while file_size > sent:
        chunk = file_object.read(1024)
        conn.sendall(chunk)
        sent += len(chunk)
    file_object.close()


def run():
    client = socket.socket()
    client.connect(('127.0.0.1', port))
    while True:
        content = input('>>>')
        if content.upper() == 'Q':
            send_data(client, 'close')  # 约定的断开字符串，服务端收到后关闭连接
            break
        parts = content.split('|')
        if len(parts) != 2:
            print('格式输入错误')
            continue
        message_type, info = parts
        if message_type == 'msg':
            send_data(client, json.dumps({'msg_type': 'msg'}))
            send_data(client, info)
        elif message_type == 'file':
            filename = info.rsplit(os.sep, maxsplit=1)[-1]
            send_data(client, json.dumps({'msg_type': 'file', 'file_name': filename}))
            send_file(client, info)
        else:
            print('格式输入错误')
            continue
    client.close()


if __name__ == '__main__':
    run()
