#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""003 §4: connect, send ABCDEFGH, close. The document's server only prints it."""
import socket
import sys

port = int(sys.argv[sys.argv.index('--port') + 1]) if '--port' in sys.argv else 8001

client = socket.socket()
client.connect(('127.0.0.1', port))  # 阻塞
client.sendall('ABCDEFGH'.encode('utf-8'))
client.close()
