#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""003 案例2: the path typed, then "name-size" (no end of line) and the file in 1024-byte
reads straight after it, then close. The document's server answers nothing; nothing is read."""
import os
import socket
import sys

port = int(sys.argv[sys.argv.index('--port') + 1]) if '--port' in sys.argv else 8001

client = socket.socket()
client.connect(('127.0.0.1', port))

file_path = input('请输入需要上传的文件:')

# 先发文件名和大小
file_size = os.stat(file_path).st_size
file_name = os.path.basename(file_path)
client.sendall('{}-{}'.format(file_name, file_size).encode('utf-8'))

# 再发文件内容
print('开始上传文件')
file_object = open(file_path, mode='rb')
read_size = 0
while True:
    chunk = file_object.read(1024)
    client.sendall(chunk)
    read_size += len(chunk)
    if read_size == file_size:
        break
file_object.close()
client.close()
