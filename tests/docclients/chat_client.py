#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""004 实现socket异步聊天客户端 (client): a 2 s connect timeout, then one select over the
keyboard and the socket; what the room sends is printed after the "<You>" prompt, a typed line
goes to the room. The document's loop never ends (at the end of input readline() returns '' and
it would send empty bytes forever); here the end of input ends it as closing the terminal
would."""
import select
import socket
import sys


def prompt():
    print('<You>', end="")
    sys.stdout.flush()


if __name__ == "__main__":
    host = '127.0.0.1'
    port = int(sys.argv[sys.argv.index('--port') + 1]) if '--port' in sys.argv else 8002

    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.settimeout(2)
    try:
        s.connect((host, port))
    except Exception as e:
        print('Unable to connect:', e)
        sys.exit()

    print('Connected to remote host. Start sending messages')
    prompt()
    rlist = [sys.stdin, s]
    while True:
        read_list, write_list, error_list = select.select(rlist, [], [])
        for sock in read_list:
            if sock == s:
                data = sock.recv(4096)
                if not data:
                    print('\nDisconnected from chat server')
                    sys.exit()
                print(data.decode("utf-8"), end="")
                prompt()
            else:
                msg = sys.stdin.readline()
                if not msg:
                    s.close()
                    sys.exit()
                s.send(msg.encode("utf-8"))
                prompt()
