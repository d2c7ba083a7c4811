#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""000 服务端读写分离的客户端: send each line typed, then read and print the reply. The document's
loop never ends; the end of input ends it here."""
import socket
import sys

port = int(sys.argv[sys.argv.index('--port') + 1]) if '--port' in sys.argv else 9991

z = socket.socket()
z.connect(('127.0.0.1', port,))
while True:
    try:
        a = input('输入要发送的信息')
    except EOFError:
        break
    z.sendall(bytes(a, encoding='utf-8'))
    f = z.recv(1024)
    print(str(f, encoding='utf-8'))
z.close()
