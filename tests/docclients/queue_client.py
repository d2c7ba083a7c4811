#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""004 socket client 端实例 (the queue server's client): one select over the keyboard and the
socket; a typed line goes to the server, whatever the server sends is printed. The document's
loop never ends (at the end of input readline() returns '' and stdin stays readable, so it would
send empty bytes forever); here the end of input ends it as closing the terminal would."""
import select
import socket
import sys

port = int(sys.argv[sys.argv.index('--port') + 1]) if '--port' in sys.argv else 10000

ip_port = ('127.0.0.1', port)
sk = socket.socket()
sk.connect(ip_port)

rlist = [sys.stdin, sk]

while True:
    read_list, write_list, error_list = select.select(rlist, [], [])
    for sock in read_list:
        # the server answered
        if sock == sk:
            data = sock.recv(4096).decode("utf-8")
            if not data:
                print('\nDisconnected from chat server')
                sys.exit()
            print("server_message:", data)
        # a line was typed
        elif sys.stdin in read_list:
            msg = sys.stdin.readline()
            if not msg:
                sk.close()
                sys.exit()
            sk.send(msg.encode("utf-8"))
