#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""003 §2.2: each line typed goes as one datagram, and one datagram comes back; Q ends."""
import socket
import sys

port = int(sys.argv[sys.argv.index('--port') + 1]) if '--port' in sys.argv else 8001

client = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
while True:
    text = input('请输入要发送的内容(Q退出):').strip()
    if text.upper() == 'Q':
        break
    client.sendto(text.encode('utf-8'), ('127.0.0.1', port))
    data, (host, peer_port) = client.recvfrom(1024)
    print(data.decode('utf-8'))
client.close()
