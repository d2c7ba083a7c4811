# An echo server that polls with select.select(..., 0) in a tight loop: thousands of calls a
# second, most of them returning nothing. What a program "at full speed" looks like.
# Usage: busy_select.py [PORT]
import select

import echo_loop

server = echo_loop.listen()
rlist = [server]
while True:
    readable, _, _ = select.select(rlist, [], [], 0)
    echo_loop.handle(server, rlist, readable, lambda conn, data: conn.sendall(data.upper()))
