#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""TCP 聊天室：一个 select 看着监听 socket 和所有成员。新成员进来告诉其他人 entered room，
谁说话就转发给其他所有人。和文档不同：成员 socket 是非阻塞的，发不出去的部分排队等可写，
一个不读的成员积压超过 16384 字节就被断开（SO_LINGER 0，发 RST），不会卡住整个聊天室。"""
import argparse
import select
import socket
import struct

RECV_BUFFER = 65536
SNDBUF = 16384
QUEUE_CAP = 16384


def main():
    parser = argparse.ArgumentParser(description='chat-room')
    parser.add_argument('--port', type=int, default=8002)
    args = parser.parse_args()

    server_socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server_socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server_socket.bind(('127.0.0.1', args.port))
    server_socket.listen(10)
    CONNECTION_LIST = [server_socket]
    out = {}  # 成员 -> 内核还没收下的字节
    names = {}
    doomed = []  # 积压太多、要断开的成员
    print('Chat server started on port ' + str(args.port))

    def send_queued(sock):
        try:
            while out[sock]:
                n = sock.send(out[sock])
                out[sock] = out[sock][n:]
        except BlockingIOError:  # 内核缓冲区满了：剩下的等可写
            pass
        if len(out[sock]) > QUEUE_CAP and sock not in doomed:
            doomed.append(sock)

    def broadcast_data(sock, message):
        for member in CONNECTION_LIST:
            if member is not server_socket and member is not sock and member not in doomed:
                out[member] += message.encode('utf-8')
                send_queued(member)

    def leave(sock, why, reset):
        if reset:  # SO_LINGER 0：close 发 RST；普通的 FIN 会排在对方不读的数据后面，永远发不出去
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 0))
        CONNECTION_LIST.remove(sock)
        del out[sock]
        sock.close()
        broadcast_data(None, '[%s] %s\n' % (names.pop(sock), why))

    while True:
        wlist = [s for s in CONNECTION_LIST if out.get(s)]
        read_sockets, write_sockets, error_sockets = select.select(CONNECTION_LIST, wlist, [])
        for sock in read_sockets:
            if sock == server_socket:  # 新成员
                sockfd, addr = server_socket.accept()
                sockfd.setblocking(False)
                sockfd.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, SNDBUF)
                CONNECTION_LIST.append(sockfd)
                out[sockfd] = b''
                names[sockfd] = '%s:%s' % addr
                print('Client (%s, %s) connected' % addr)
                broadcast_data(sockfd, '[%s] entered room\n' % names[sockfd])
            elif sock in out:
                try:
                    data = sock.recv(RECV_BUFFER)
                except ConnectionError:
                    leave(sock, 'is offline', False)
                    continue
                # BUG (as in the document): 只有 if data，没有 else。成员正常离开时 recv 返回 b''，
                # 这里什么都不做：连接留在 CONNECTION_LIST 里，select 每次都立刻把它当“可读”返回，
                # 循环空转、吃满一个 CPU，其他人也永远听不到“离开”。
                if data:
                    broadcast_data(sock, '<%s> ' % names[sock] + data.decode('utf-8', 'replace'))
        for sock in write_sockets:
            if sock in out:
                send_queued(sock)
        while doomed:
            sock = doomed.pop(0)
            if sock in out:
                print('not reading, disconnected')
                leave(sock, 'was disconnected: not reading', True)


if __name__ == '__main__':
    try:
        main()
    except KeyboardInterrupt:
        pass
