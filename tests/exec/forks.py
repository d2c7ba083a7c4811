# Forks a child that also calls select (it runs untraced), then the parent makes select calls
# until the child has ended; prints the child's pid first. Usage: forks.py [SECONDS]
import os
import select
import socket
import sys
import time

seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 0.2
pid = os.fork()
if pid == 0:
    a, b = socket.socketpair()
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        select.select([a], [], [], 0.01)
    os._exit(0)
print("child", pid, flush=True)
s = socket.socket()
s.bind(("127.0.0.1", 0))
s.listen(1)
for _ in range(3):
    select.select([s], [], [], 0)
os.waitpid(pid, 0)
