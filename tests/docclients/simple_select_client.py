#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""004 socket client 端简单实例: every line typed is sent; the server only prints, so nothing is
read. The document's loop never ends (Ctrl-C ends the process, and with it the socket); here
the end of input ends it the same way."""
import socket
import sys

port = int(sys.argv[sys.argv.index('--port') + 1]) if '--port' in sys.argv else 8002

ip_port = ('127.0.0.1', port)
sk = socket.socket()
sk.connect(ip_port)

while True:
    try:
        input_str = input('wait input:')
    except EOFError:
        break
    sk.sendall(input_str.encode('utf-8'))
sk.close()
