# Makes one select call, then raises: a traceback on stderr and status 1.
import select
import socket

s = socket.socket()
s.bind(("127.0.0.1", 0))
s.listen(1)
select.select([s], [], [], 0)
raise RuntimeError("the server fell over")
