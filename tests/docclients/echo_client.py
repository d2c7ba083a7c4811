#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""000 IO多路复用监听客户端多通讯地址的客户端: read (the greeting first, then each reply), print,
then send the next line typed. The document's loop never ends; the end of input ends it here."""
import socket
import sys

port = int(sys.argv[sys.argv.index('--port') + 1]) if '--port' in sys.argv else 9991

z = socket.socket()
z.connect(('127.0.0.1', port,))
while True:
    f = z.recv(1024)
    print(str(f, encoding='utf-8'))
    try:
        a = input('输入要发送的信息')
    except EOFError:
        break
    z.sendall(bytes(a, encoding='utf-8'))
z.close()
