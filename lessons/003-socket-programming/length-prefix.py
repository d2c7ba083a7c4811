#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""长度头解决粘包。端口 P：长度写成 4 位文字（"0012"，文档 3.1 的做法补齐了位数）；端口 P+1：长度用
struct.pack('i', n) 打包成 4 个字节（文档 3.2）。每收齐一帧打印一行 "frame N bytes: ..."，不回复。
和文档不同：不在 while 里阻塞着等一帧收齐，而是把收到的字节存起来，回到 select 等下一次可读。"""
import argparse
import select
import socket
import struct

LIMIT = 65536  # 一帧最多这么多字节：先检查长度，再为它留地方
SHOW = 64


def describe(header):
    text = header.decode('ascii') if all(0x20 <= b < 0x7f for b in header) else None
    return ' '.join('%02x' % b for b in header) + (' ("%s")' % text if text else '')


def frame_length(header, packed):
    """返回 (长度, None) 或 (None, 拒绝的理由)。"""
    if packed:
        n = struct.unpack('i', header)[0]  # 'i'：本机字节序，x86-64 上是小端
        if n < 0:
            return None, 'Refused: the length header %s says %d bytes, and a length cannot be negative.' % (describe(header), n)
    else:
        digits = header.strip()
        if not digits.isdigit():
            return None, ('Refused: the 4-byte text header %s is not a number; a length written as text has '
                          'no fixed width, so pad it to 4 digits ("0012") or pack it with struct.pack(\'i\', n).'
                          % describe(header))
        n = int(digits)
    if n > LIMIT:
        return None, ("Refused: the length header %s announces %d bytes, over this server's limit of %d bytes "
                      "(text typed into nc is not a length)." % (describe(header), n, LIMIT))
    return n, None


def main():
    parser = argparse.ArgumentParser(description='length-prefix')
    parser.add_argument('--port', type=int, default=8000, help='文字长度头的端口；P+1（8001，文档 3.2 的客户端连的端口）是 struct 打包的长度头')
    args = parser.parse_args()

    listeners = {}
    for port, packed in ((args.port, False), (args.port + 1, True)):
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.bind(('127.0.0.1', port))
        sock.listen(5)
        listeners[sock] = packed
    inputs = list(listeners)
    buffers = {}  # conn -> [是否打包的长度头, 还不够一帧的字节]

    while True:
        r, w, e = select.select(inputs, [], [], 1)
        for s in r:
            if s in listeners:
                conn, addr = s.accept()
                inputs.append(conn)
                buffers[conn] = [listeners[s], b'']
                continue
            chunk = s.recv(1024)
            if not chunk:
                inputs.remove(s)
                s.close()
                del buffers[s]
                continue
            packed, data = buffers[s]
            data += chunk
            refused = False
            while len(data) >= 4:
                n, why = frame_length(data[:4], packed)
                if why:
                    s.sendall(why.encode('utf-8') + b'\n')
                    inputs.remove(s)
                    s.close()
                    del buffers[s]
                    refused = True
                    break
                if len(data) < 4 + n:  # 半帧不是错误：剩下的以后再来
                    print('%d of a %d-byte frame so far' % (len(data) - 4, n))
                    break
                payload, data = data[4:4 + n], data[4 + n:]
                shown = ': ' + payload.decode('utf-8', 'replace') if n <= SHOW else ''
                print('frame %d bytes%s' % (n, shown))  # 和文档一样只打印、不回复：它的客户端从不读
            if not refused:
                buffers[s][1] = data

if __name__ == '__main__':
    try:
        main()
    except KeyboardInterrupt:
        pass
