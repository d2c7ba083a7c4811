# Starts a forked child and a subprocess that both sleep, prints their pids, then waits in
# select forever: what a SIGKILL of muxlab must leave no trace of.
import os
import select
import socket
import subprocess
import time

pid = os.fork()
if pid == 0:
    time.sleep(120)
    os._exit(0)
sleeper = subprocess.Popen(["sleep", "120"])
print("pids", os.getpid(), pid, sleeper.pid, flush=True)
s = socket.socket()
s.bind(("127.0.0.1", 0))
s.listen(1)
while True:
    select.select([s], [], [], 1.0)
