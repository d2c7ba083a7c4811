# An echo server on select.select, written the way the documents write theirs: a listener in
# rlist, each accepted conn added, every byte echoed back, a closed peer removed.
# Usage: select_echo.py PORT [ROUNDS]   (ROUNDS: stop after that many select calls)
import select
import sys

import echo_loop

rounds = int(sys.argv[2]) if len(sys.argv) > 2 else -1
server = echo_loop.listen()
rlist = [server]
while rounds != 0:
    rounds -= 1
    readable, _, _ = select.select(rlist, [], [], 5.0)
    echo_loop.handle(server, rlist, readable, lambda conn, data: conn.send(data))
server.close()
