#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""000 客户端代码1/2: connect, read the server's one greeting, print it, end."""
import socket
import sys

port = int(sys.argv[sys.argv.index('--port') + 1]) if '--port' in sys.argv else 9991

z = socket.socket()
z.connect(('127.0.0.1', port,))
f = z.recv(1024)  # 服务端 sendall() 发来的一句话
print(str(f, encoding='utf-8'))
