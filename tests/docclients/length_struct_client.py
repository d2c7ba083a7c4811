#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""003 §3.2: each message as struct.pack('i', len) then the bytes, two messages, then close.
The document's server only prints what it gets, so this client never reads."""
import socket
import struct
import sys

port = int(sys.argv[sys.argv.index('--port') + 1]) if '--port' in sys.argv else 8001

client = socket.socket()
client.connect(('127.0.0.1', port))

first = 'xin正在学习'.encode('utf-8')
head1 = struct.pack('i', len(first))  # 4 个字节的长度
client.sendall(head1)
client.sendall(first)

second = '应该没有'.encode('utf-8')
head2 = struct.pack('i', len(second))
client.sendall(head2)
client.sendall(second)

client.close()
