#!/usr/bin/env python3
"""The select-echo lesson's server written the way the documents write theirs: one select loop,
an rlist, recv(1024), sendall. The bench drives it with the same load client as muxlab --serve.

usage: python3 select_echo.py PORT
"""
import select
import socket
import sys

listener = socket.socket()
listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
listener.bind(('127.0.0.1', int(sys.argv[1])))
listener.listen(512)
rlist = [listener]
while True:
    ready, _, _ = select.select(rlist, [], [], 1.0)
    for sock in ready:
        if sock is listener:
            conn, addr = listener.accept()
            conn.sendall('你好'.encode())
            rlist.append(conn)
        else:
            data = sock.recv(1024)
            if not data:
                rlist.remove(sock)
                sock.close()
            else:
                sock.sendall(data + '好'.encode())
