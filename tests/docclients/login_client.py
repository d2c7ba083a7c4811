#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""003 案例3 远程登陆: read the welcome, send the typed name and the salted MD5 of the typed
password as JSON, print the verdict. The document's client never calls close(): the process
ends and the kernel closes the socket."""
import hashlib
import json
import socket
import sys

port = int(sys.argv[sys.argv.index('--port') + 1]) if '--port' in sys.argv else 8001


def md5(origin, salt='sdasdfagfawds'):
    h = hashlib.md5(salt.encode('utf-8'))
    h.update(origin.encode('utf-8'))
    return h.hexdigest()


def run():
    client = socket.socket()
    client.connect(('127.0.0.1', port))
    print(client.recv(1024).decode('utf-8'))
    username = input('请输入账号名:').strip()
    password = input('请输入密码:').strip()
    client.sendall(json.dumps({'username': username, 'password': md5(password)}).encode('utf-8'))
    print(client.recv(1024).decode('utf-8'))


if __name__ == '__main__':
    run()
