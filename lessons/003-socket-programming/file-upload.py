#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""文件上传：客户端先发 "文件名-大小"，再发文件内容。服务端用 select 同时接收多个上传，边收边写进
临时文件，收齐后改名并回 "saved 名字: N bytes, md5 ..."；文件名只取最后一段，太大的文件直接拒绝。"""
import argparse
import hashlib
import os
import re
import select
import socket

LIMIT = 1024 * 1024  # 最大 1 MiB
HEADER = re.compile(rb'^(.+)-(\d+)$')


def safe_name(requested):
    """只要最后一段文件名：客户端能决定文件叫什么，不能决定它放在哪里。"""
    base = requested.replace('\\', '/').rsplit('/', 1)[-1]
    base = ''.join(c if c.isalnum() or c in '._-+ ()[]' else '_' for c in base)
    if base.startswith('.'):
        base = '_' + base[1:]
    return base[:120] if base.strip('_') else None


def main():
    parser = argparse.ArgumentParser(description='file-upload')
    parser.add_argument('--port', type=int, default=8001)
    parser.add_argument('--data-dir', default='file', help='文件存放的目录')
    args = parser.parse_args()
    os.makedirs(args.data_dir, exist_ok=True)

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(('127.0.0.1', args.port))
    sock.listen(5)
    inputs = [sock]
    jobs = {}  # conn -> {'head': 还没凑成一行的字节, 'file': 临时文件, 'name', 'size', 'left', 'md5'}

    def finish(conn, text=None):
        job = jobs.pop(conn)
        if job.get('file'):  # 半个文件不算文件：删掉临时文件
            job['file'].close()
            os.remove(job['file'].name)
        if text:
            conn.sendall(text.encode('utf-8') + b'\n')
        inputs.remove(conn)
        conn.close()

    while True:
        r, w, e = select.select(inputs, [], [], 1)
        for s in r:
            if s is sock:
                conn, addr = sock.accept()
                inputs.append(conn)
                jobs[conn] = {'head': b'', 'file': None}
                continue
            try:
                data = s.recv(1024)
            except ConnectionResetError:  # 对方用 RST 中途离开
                data = b''
            job = jobs[s]
            if not data:
                if job['file']:
                    print('%s: 对方中途离开，删除临时文件' % job['name'])
                finish(s)
                continue
            if job['file'] is None:
                job['head'] += data
                line, sep, body = job['head'].partition(b'\n')
                # 有换行：换行前是头。没有换行：整个第一次 recv 就是头（文档的客户端不发换行）
                if not sep and not HEADER.match(line):
                    if len(line) > 256:
                        finish(s, 'Refused: no end of line within 256 bytes; start with "name-size\\n".')
                    continue
                m = HEADER.match(line.strip())
                if not m:
                    finish(s, 'Refused: the first line must be "name-size", such as "notes.txt-3000" (a header with '
                              'no newline that arrives in one recv with the file\'s first bytes cannot be told from them).')
                    continue
                requested, size = m.group(1).decode('utf-8', 'replace'), int(m.group(2))
                name = safe_name(requested)
                if name is None:
                    finish(s, 'Refused the file name "%s": it does not name a file.' % requested)
                    continue
                if size > LIMIT:
                    finish(s, 'Refused: "%s" is %d bytes, over the limit of %d bytes.' % (name, size, LIMIT))
                    continue
                path = os.path.join(args.data_dir, name)
                job.update(file=open(path + '.part', 'wb'), name=name, size=size, left=size,
                           md5=hashlib.md5())
                data = body
            if len(data) > job['left']:
                finish(s, 'Refused: more bytes than the %d announced.' % job['size'])
                continue
            job['file'].write(data)
            job['md5'].update(data)
            job['left'] -= len(data)
            if job['left']:
                done = job['size'] - job['left']
                print('%s: %d / %d 字节 (%d%%)' % (job['name'], done, job['size'], done * 100 // job['size']))
                continue
            job['file'].close()
            os.replace(job['file'].name, job['file'].name[:-len('.part')])  # 收齐了才改成正式的名字
            job['file'] = None
            print('saved %s: %d bytes, md5 %s' % (job['name'], job['size'], job['md5'].hexdigest()))  # 只打印，不回复
            finish(s)


if __name__ == '__main__':
    try:
        main()
    except KeyboardInterrupt:
        pass
