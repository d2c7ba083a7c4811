#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""003 §2.1 TCP 客户端: send hello, wait for the one reply, print it, close."""
import socket
import sys

port = int(sys.argv[sys.argv.index('--port') + 1]) if '--port' in sys.argv else 8001

client = socket.socket()
client.connect(('127.0.0.1', port))
client.sendall(b'hello')
reply = client.recv(1024)  # 阻塞，等回复
print(reply)
client.close()
