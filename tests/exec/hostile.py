# Closes every descriptor it did not open and dup2's over the high ones (as a daemonizing
# server might), then makes two select calls: both must still be traced, with the same results.
import os
import select
import socket

os.closerange(3, 4096)
for fd in range(3, 1024):
    try:
        os.close(fd)
    except OSError:
        pass
for fd in range(900, 1024):
    os.dup2(0, fd)
for fd in range(900, 1024):
    os.close(fd)
s = socket.socket()
s.bind(("127.0.0.1", 0))
s.listen(1)
print("ready", select.select([s], [], [], 0), flush=True)
c = socket.create_connection(s.getsockname())
select.select([s], [c], [], 0)
