# A thread makes two select calls while the main thread waits for it, then the main thread
# makes one: three ticks, the thread's marked with its thread id.
import select
import socket
import threading

a, b = socket.socketpair()
b.send(b"x")


def worker():
    select.select([a], [], [], 0)
    select.select([a], [], [], 0)


t = threading.Thread(target=worker)
t.start()
t.join()
select.select([a], [], [], 0)
