#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""select 的 1024 限制是描述符的编号：fd_set 是 FD_SETSIZE=1024 位的位图。客户端发 fill，服务端打开
一堆 /dev/null 把 1024 以下的编号占满；之后来的连接编号 >= 1024，select 不能监听它（Python 的
select 会抛 ValueError），只好告诉它“满了”并关闭。release 放掉这些描述符。"""
import argparse
import os
import resource
import select
import socket

FULL = b'Server full: select() cannot watch another socket.\n'


def main():
    parser = argparse.ArgumentParser(description='fd-setsize')
    parser.add_argument('--port', type=int, default=10024)
    args = parser.parse_args()
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, min(hard, 4096)), hard))

    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(('127.0.0.1', args.port))
    listener.listen(5)
    rlist, spares = [listener], []
    while True:
        ready, _, _ = select.select(rlist, [], [], 1)
        for s in ready:
            if s is listener:
                conn, addr = listener.accept()
                if conn.fileno() >= 1024:  # 放进 rlist 的话，下一次 select 抛 ValueError
                    print('refused fd', conn.fileno())
                    conn.sendall(FULL)
                    conn.close()
                    continue
                rlist.append(conn)
                conn.sendall(b'hello\n')
                continue
            data = s.recv(1024)
            if data.strip() == b'fill':  # 占满 1024 以下所有空着的编号
                try:
                    while not spares or spares[-1] < 1023:
                        spares.append(os.open(os.devnull, os.O_RDONLY))
                    s.sendall(b'filled\n')
                except OSError as e:
                    s.sendall(b'cannot fill: %s\n' % str(e).encode())
            elif data.strip() == b'release':
                for fd in spares:
                    os.close(fd)
                spares.clear()
                s.sendall(b'released\n')
            elif data:
                s.sendall(data)
            else:
                rlist.remove(s)
                s.close()


if __name__ == '__main__':
    try:
        main()
    except KeyboardInterrupt:
        pass
