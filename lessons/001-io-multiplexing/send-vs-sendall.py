#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""send 和 sendall：客户端发 big，服务端要回 60000 字节。send 只发得出缓冲区装得下的那一部分，
剩下的交给 select 的第二个参数（wlist），等 conn 可写了再接着发；其他消息回 ok: 加原文。"""
import argparse
import select
import socket


def make_reply(size):
    """带行号的回复：每行 64 字节（7 位行号 + 56 个 x + 换行），截到 size 字节，最后一个字节是换行。"""
    out = b''
    line = 0
    while len(out) < size:
        out += b'%07d' % line + b'x' * 56 + b'\n'
        line += 1
    return out[:size - 1] + b'\n'


def main():
    parser = argparse.ArgumentParser(description='send-vs-sendall')
    parser.add_argument('--port', type=int, default=8001)
    args = parser.parse_args()

    big = make_reply(60000)
    server = socket.socket()
    server.bind(('127.0.0.1', args.port))
    server.listen(5)
    inputs, outputs, pending = [server], [], {}  # pending：conn -> 还没发出去的字节

    while True:
        r_list, w_list, e_list = select.select(inputs, outputs, [], 1)
        for sk in r_list:
            if sk is server:
                conn, addr = server.accept()
                conn.setblocking(False)  # 非阻塞：send 发不完就返回，不会卡住整个循环
                # 发送缓冲区调小一点，部分发送更容易看到（内核实际记为两倍）
                conn.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 4096)
                inputs.append(conn)
                continue
            data = sk.recv(1024)
            if not data:
                inputs.remove(sk)
                if sk in outputs:
                    outputs.remove(sk)
                pending.pop(sk, None)
                sk.close()
                continue
            if data.strip() == b'big':
                n = sk.send(big)  # 返回值：这一次真正发出去多少
                print('send(big) 发出 %d / %d 字节' % (n, len(big)))
                pending[sk] = big[n:]
                outputs.append(sk)  # 剩下的等 conn 可写时再发
            else:
                sk.sendall(b'ok:' + data)
        for sk in w_list:
            if sk not in pending:
                continue
            n = sk.send(pending[sk])
            pending[sk] = pending[sk][n:]
            if not pending[sk]:  # 发完了，不再关心它是否可写
                del pending[sk]
                outputs.remove(sk)


if __name__ == '__main__':
    try:
        main()
    except KeyboardInterrupt:
        pass
