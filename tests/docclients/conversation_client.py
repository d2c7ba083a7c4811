#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""003 案例1 马冬梅: read the greeting, then for each line typed send it and print the answer;
Q ends it."""
import socket
import sys

port = int(sys.argv[sys.argv.index('--port') + 1]) if '--port' in sys.argv else 8001

client = socket.socket()
client.connect(('127.0.0.1', port))
message = client.recv(1024)
print(message.decode('utf-8'))
while True:
    content = input('请输入(q/Q退出)：')
    if content.upper() == 'Q':
        break
    client.sendall(content.encode('utf-8'))
    reply = client.recv(1024)
    print(reply.decode('utf-8'))
client.close()
