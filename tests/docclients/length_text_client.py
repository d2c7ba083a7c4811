#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""003 §3.1: each message's length as text, sendall(b'12') then the 12 bytes, then the same for
"aym", then close; nothing is read. The length has no fixed width, so a server reading the
first 4 bytes as the length gets "12ki" whenever the sends stick together."""
import socket
import sys

port = int(sys.argv[sys.argv.index('--port') + 1]) if '--port' in sys.argv else 8001

client = socket.socket()
client.connect(('127.0.0.1', port))

text = ['kinght love ', 'aym']
for item in text:
    item_encode = item.encode('utf-8')
    item_len = str(len(item_encode)).encode('utf-8')  # 长度写成文字
    client.sendall(item_len)
    client.sendall(item_encode)
client.close()
