#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""003 §5.1: each line typed is sent; Q closes. The document's server only prints: nothing is read."""
import socket
import sys

port = int(sys.argv[sys.argv.index('--port') + 1]) if '--port' in sys.argv else 8001


def run():
    client = socket.socket()
    client.connect(('127.0.0.1', port))
    while True:
        content = input('>>>')
        if content.upper() == 'Q':
            break
        client.sendall(content.encode('utf-8'))
    client.close()


if __name__ == '__main__':
    run()
