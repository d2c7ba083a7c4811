#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""003 §3 粘包: two sendall calls straight after each other, then close; nothing is read."""
import socket
import sys

port = int(sys.argv[sys.argv.index('--port') + 1]) if '--port' in sys.argv else 8001

client = socket.socket()
client.connect(('127.0.0.1', port))  # TCP 连接

# 连续发送两次
client.sendall('kinght love '.encode('utf-8'))
client.sendall('aym'.encode('utf-8'))

client.close()
