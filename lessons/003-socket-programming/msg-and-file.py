#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""发送消息和文件上传：每一段都是 struct.pack('i', 长度) + 内容。先来一段 json 头：
{"msg_type": "msg"} 后面跟一段消息，{"msg_type": "file", "file_name": ...} 后面跟一段文件；
一段 close 结束会话。服务端用 select 接收，文件边收边写进临时文件，长度先查再收。"""
import argparse
import hashlib
import json
import os
import select
import socket
import struct

HEADER_LIMIT = 4096
MESSAGE_LIMIT = 65536
FILE_LIMIT = 1024 * 1024


def safe_name(requested):
    base = requested.replace('\\', '/').rsplit('/', 1)[-1]
    base = ''.join(c if c.isalnum() or c in '._-+ ()[]' else '_' for c in base)
    if base.startswith('.'):
        base = '_' + base[1:]
    return base[:120] if base.strip('_') else None


class Session:
    """一个连接的状态：收到还没处理的字节、当前的 json 头、正在写的文件。"""

    def __init__(self):
        self.buf = b''
        self.header = None
        self.file = None


def serve(s, st, data_dir):
    """处理 st.buf 里已经到齐的部分。和文档一样，消息和文件只打印、不回复（它的客户端从不读）；
    返回的只有拒绝的理由和是否结束（关闭连接）。"""
    out = []
    while True:
        if st.file:  # 文件内容：有多少写多少，不必整段放在内存里
            f, left, md5 = st.file
            piece, st.buf = st.buf[:left], st.buf[left:]
            f.write(piece)
            md5.update(piece)
            left -= len(piece)
            if left:
                st.file = (f, left, md5)
                return out, False
            f.close()
            os.replace(f.name, f.name[:-len('.part')])
            print('file %s: %d bytes saved as %s, md5 %s' % (
                st.header['file_name'], st.header['size'], os.path.basename(f.name[:-len('.part')]),
                md5.hexdigest()))
            st.file = st.header = None
            continue
        if len(st.buf) < 4:
            return out, False
        n = struct.unpack('i', st.buf[:4])[0]  # 'i'：本机字节序，x86-64 上是小端
        kind = 'header' if st.header is None else st.header['msg_type']
        limit = {'header': HEADER_LIMIT, 'msg': MESSAGE_LIMIT, 'file': FILE_LIMIT}[kind]
        if n < 0 or n > limit:  # 先查长度，再为它留地方
            out.append('Refused: a %s of %d bytes is over the limit of %d bytes.\n' % (kind, n, limit))
            return out, True
        if kind == 'file':
            name = safe_name(st.header['file_name'])
            if name is None:
                out.append('Refused the file name "%s": it does not name a file.\n' % st.header['file_name'])
                return out, True
            st.header['size'] = n
            st.file = (open(os.path.join(data_dir, name) + '.part', 'wb'), n, hashlib.md5())
            st.buf = st.buf[4:]
            continue
        if len(st.buf) < 4 + n:  # 这一段还没到齐：回 select 等下一次可读
            return out, False
        payload, st.buf = st.buf[4:4 + n], st.buf[4 + n:]
        if kind == 'msg':
            print('接收到消息:{}'.format(payload.decode('utf-8', 'replace')))
            st.header = None
        elif payload == b'close':
            print('客户端已关闭连接')
            return out, True
        else:
            try:
                st.header = json.loads(payload.decode('utf-8'))
                if st.header.get('msg_type') not in ('msg', 'file'):
                    raise ValueError
                if st.header['msg_type'] == 'file':
                    str(st.header['file_name'])
            except (ValueError, KeyError, AttributeError, UnicodeDecodeError):
                out.append('Refused: the header must be {"msg_type": "msg"} or '
                           '{"msg_type": "file", "file_name": "..."}.\n')
                return out, True


def main():
    parser = argparse.ArgumentParser(description='msg-and-file')
    parser.add_argument('--port', type=int, default=8001)
    parser.add_argument('--data-dir', default='file', help='文件存放的目录')
    args = parser.parse_args()
    os.makedirs(args.data_dir, exist_ok=True)

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(('127.0.0.1', args.port))
    sock.listen(5)
    inputs = [sock]
    sessions = {}

    while True:
        r, w, e = select.select(inputs, [], [], 1)
        for s in r:
            if s is sock:
                conn, addr = sock.accept()
                inputs.append(conn)
                sessions[conn] = Session()
                continue
            st = sessions[s]
            try:
                data = s.recv(1024)
            except ConnectionResetError:
                data = b''
            st.buf += data
            replies, done = serve(s, st, args.data_dir) if data else ([], True)
            for text in replies:
                s.sendall(text.encode('utf-8'))
            if done:
                if st.file:  # 半个文件不算文件
                    st.file[0].close()
                    os.remove(st.file[0].name)
                del sessions[s]
                inputs.remove(s)
                s.close()


if __name__ == '__main__':
    try:
        main()
    except KeyboardInterrupt:
        pass
