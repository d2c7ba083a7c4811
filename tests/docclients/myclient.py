#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""002 myclient.py: send each line typed and print the reply; an empty line ends it."""
import socket
import sys

port = int(sys.argv[sys.argv.index('--port') + 1]) if '--port' in sys.argv else 8000

st = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
st.connect(('localhost', port))
while True:
    sdata = input()
    if not sdata:
        break
    st.send(sdata.encode())
    data = st.recv(1024).decode()
    print(data)
st.close()
