#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""select 的四条规则。监听 socket 和每个连接都放进 inputs（第一个和第三个参数），新连接也放进 outputs
（第二个参数），队列却是空的：和文档一样从不给客户端发东西，收到的只打印。前 4 次 select 超时 1 秒，之后不给。"""
import argparse
import select
import socket


def main():
    parser = argparse.ArgumentParser(description='select-semantics')
    parser.add_argument('--port', type=int, default=8002)
    args = parser.parse_args()

    sk1 = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sk1.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sk1.bind(('127.0.0.1', args.port))
    sk1.listen(5)
    sk1.setblocking(0)
    inputs = [sk1, ]
    outputs = []
    queues = {}  # conn -> 还没发出去的话
    calls = 0

    while True:
        calls += 1
        timeout = 1 if calls < 5 else None  # 规则 4：有超时最多等这么久；None 一直等
        readable_list, writeable_list, error_list = select.select(inputs, outputs, inputs, timeout)
        for r in readable_list:  # 规则 1：可读（监听 socket 可读 = 有连接可以 accept）
            if sk1 == r:
                print('accept...')
                request, address = r.accept()
                request.setblocking(0)
                inputs.append(request)  # 同时在 rlist 和 xlist 里
                queues[request] = []  # 没有话要发：放进 outputs 只为看规则二
                outputs.append(request)
            else:
                received = r.recv(1024)
                if received:
                    print('received data:', received.decode('utf-8', 'replace'))
                else:  # 对方关闭也是“可读”，只是读到空字节
                    inputs.remove(r)
                    if r in outputs:
                        outputs.remove(r)
                    del queues[r]
                    r.close()
        for w in writeable_list:  # 规则 2：可写 = 发送缓冲区有空间
            if w not in queues:
                continue
            if queues[w]:
                w.send(queues[w].pop(0))
            else:
                outputs.remove(w)  # 队列空了才离开 outputs：多转的一圈
        # 规则 3：error_list 里是什么？Linux 上是有紧急数据（MSG_OOB）的连接，不是“出错”的连接。
        # BUG (as in the document): error_list 从来不处理。紧急字节一直没人读，每次 select 都立刻带着
        # 它返回，循环空转、吃满一个 CPU，直到这个连接关闭。


if __name__ == '__main__':
    try:
        main()
    except KeyboardInterrupt:
        pass
