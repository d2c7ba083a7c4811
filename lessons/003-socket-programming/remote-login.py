#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""远程登录：连上先收到“欢迎使用XX系统”，再发 json {"username": ..., "password": md5(盐+密码)}。
服务端按用户文件（每行 "名字|散列"）核对，回“登陆成功”或“账号或密码错误”，然后关闭。
和文档不同：用 select 同时服务多个连接，半个 json 先存着等下一次 recv，不是 json 的请求说明原因再关闭。"""
import argparse
import hashlib
import json
import os
import select
import socket

SALT = 'sdasdfagfawds'
USERS = {'kinght': '123456', 'xin': 'aym2022'}


def md5(origin, salt=SALT):
    # 文档的做法：所有用户共用一个盐、用很快的 MD5。真正存密码要用每人一个盐的慢散列（如 scrypt）
    hash_object = hashlib.md5(salt.encode('utf-8'))
    hash_object.update(origin.encode('utf-8'))
    return hash_object.hexdigest()


def user_login(path, uname, pwd):
    with open(path, mode='rt', encoding='utf-8') as user_object:
        for user in user_object:
            username, passwd = user.rstrip('\n').split('|')  # 文档没去掉换行，只有最后一行对得上
            if username == uname and passwd == pwd:
                return '登陆成功'
    return '账号或密码错误'


def refusal(request):
    """不能当登录请求处理的原因（和 muxlab 的服务器回的一样）；能处理时返回 None。"""
    text = request.lstrip()
    if not text.startswith(b'{'):
        return 'Refused: expected a JSON object such as {"username": …, "password": …}.'
    if text.count(b'{') > text.count(b'}'):
        return 'Refused: no complete JSON object within 1024 bytes.'
    try:
        info = json.loads(text.decode('utf-8'))
    except ValueError as e:
        return 'Refused: the request is not valid JSON (%s).' % e
    if not isinstance(info.get('username'), str) or not isinstance(info.get('password'), str):
        return 'Refused: a login needs "username" and "password" strings.'
    return None


def main():
    parser = argparse.ArgumentParser(description='remote-login')
    parser.add_argument('--port', type=int, default=8001)
    parser.add_argument('--data-dir', default='.', help='用户文件 user 所在的目录')
    args = parser.parse_args()
    path = os.path.join(args.data_dir, 'user')
    if not os.path.exists(path):  # 第一次运行：写一个用户文件
        with open(path, 'w', encoding='utf-8') as f:
            f.write(''.join('%s|%s\n' % (u, md5(p)) for u, p in USERS.items()))

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(('127.0.0.1', args.port))
    sock.listen(5)
    inputs = [sock]
    pending = {}  # conn -> 还不完整的请求
    while True:
        r, w, e = select.select(inputs, [], [], 1)
        for s in r:
            if s is sock:
                conn, addr = sock.accept()
                inputs.append(conn)
                conn.sendall('欢迎使用XX系统'.encode('utf-8'))
                pending[conn] = b''
                continue
            data = s.recv(1024)
            pending[s] += data
            if data and pending[s].count(b'{') > pending[s].count(b'}') and len(pending[s]) <= 1024:
                continue  # 半个请求：剩下的以后再来
            why = refusal(pending[s])
            if why is None:
                info = json.loads(pending[s].decode('utf-8'))
                login_status = user_login(path, info['username'], info['password'])
                print('login', info['username'], login_status)
                s.sendall(login_status.encode('utf-8'))
            elif data:
                s.sendall(why.encode('utf-8') + b'\n')
            inputs.remove(s)
            s.close()
            del pending[s]


if __name__ == '__main__':
    try:
        main()
    except KeyboardInterrupt:
        pass
