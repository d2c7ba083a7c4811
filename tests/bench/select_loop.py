"""Calls select.select on one readable socket N times and prints the nanoseconds per call, as
measured inside the program: what the exec section compares traced and untraced. The first
figure is the process's CPU time (user + system), which other work on a shared machine does not
move; the second is wall-clock time, which also counts the waits a tracer imposes (strace stops
the program at every call and lets it go only when strace itself has run).

usage: python3 select_loop.py N
"""
import select
import socket
import sys
import time

n = int(sys.argv[1])
a, b = socket.socketpair()
b.send(b"x")  # a stays readable: every call returns at once with one fd ready
rlist = [a]
for _ in range(1000):  # warm up
    select.select(rlist, [], [], 0)
t0, w0 = time.process_time_ns(), time.perf_counter_ns()
for _ in range(n):
    select.select(rlist, [], [], 0)
t1, w1 = time.process_time_ns(), time.perf_counter_ns()
print("ns_per_call", (t1 - t0) / n, (w1 - w0) / n, flush=True)
