#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""用 select 实现的服务端：非阻塞 socket，inputs 同时当读列表和异常列表，outputs 当写列表，
每个连接一个 queue.Queue。收到的数据放进它的队列，可写时取出来发回去。"""
import argparse
import queue
import select
import socket


def main():
    parser = argparse.ArgumentParser(description='queue-server')
    parser.add_argument('--port', type=int, default=10000)
    args = parser.parse_args()

    # 创建套接字，设为非阻塞
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.setblocking(0)
    server_address = ('127.0.0.1', args.port)
    print('starting up on %s port %s' % server_address)
    server.bind(server_address)
    server.listen(5)

    inputs = [server]  # 读（也当异常）列表
    outputs = []  # 写列表
    message_queues = {}  # 连接 -> 要发给它的数据
    while inputs:
        print('waiting for the next event')
        readable, writable, exceptional = select.select(inputs, outputs, inputs)  # 没有超时
        for s in readable:
            if s is server:  # 新连接
                connection, client_address = s.accept()
                print('connection from', client_address)
                connection.setblocking(0)
                inputs.append(connection)
                message_queues[connection] = queue.Queue()
                continue
            data = s.recv(1024)
            if data:
                print('received "%s" from %s' % (data, s.getpeername()))
                message_queues[s].put(data)
                if s not in outputs:
                    outputs.append(s)
                continue
            print('closing', s)  # 读到空字节：对方断开，清理
            if s in outputs:
                outputs.remove(s)
            inputs.remove(s)
            s.close()
            del message_queues[s]
        for s in writable:
            if s not in message_queues:  # 这一轮前面已经关掉了
                continue
            try:
                next_msg = message_queues[s].get_nowait()
            except queue.Empty:
                print('  ', s.getpeername(), 'queue empty')
                outputs.remove(s)  # 队列空了才移出：每次都多转一圈
            else:
                print('sending "%s" to %s' % (next_msg, s.getpeername()))
                s.send(next_msg)
        for s in exceptional:
            if s not in message_queues:
                continue
            # 文档把这里当作“出错”；Linux 上它的意思只是“有紧急数据”，照文档关掉连接
            print('exception condition on', s.getpeername())
            inputs.remove(s)
            if s in outputs:
                outputs.remove(s)
            s.close()
            del message_queues[s]


if __name__ == '__main__':
    try:
        main()
    except KeyboardInterrupt:
        pass
