#!/usr/bin/env python3
"""Every lesson's own Python program (lessons/<folder>/<id>.py), run for real.

Each program is started with /usr/bin/python3 on free ports (--port), driven by the lesson's
own client script or by a scripted exchange of the lesson's first steps, and checked: it really
serves (the reply bytes), and SIGINT ends it quietly (exit 0, nothing on stderr). Where the
program keeps the document's bug, the documented failure must really happen: the traceback
(BrokenPipeError, ConnectionResetError) or the spin (CPU time burnt with no client acting).
The tagged lines of each program must hold the call they are tagged with.

Usage: tst_pyprograms.py LESSONS_DIR [ID...]   (all lessons, side by side, when no ID is given)
"""
import concurrent.futures
import glob
import json
import os
import re
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time

from freeports import free_ports

PYTHON = '/usr/bin/python3'
LESSONS = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else
                          os.path.join(os.path.dirname(__file__), '..', 'lessons'))
WAIT = 20  # seconds: the bound on every wait (start, reply, exit); none is a timing assertion


class Failed(Exception):
    pass


def check(ok, what):
    if not ok:
        raise Failed(what)


def bound(port, proto):
    """Whether something on this machine has 127.0.0.1:port bound (listening, for TCP)."""
    for line in open('/proc/net/' + proto).read().splitlines()[1:]:
        fields = line.split()
        local, state = fields[1], fields[3]
        if int(local.split(':')[1], 16) == port and (proto == 'udp' or state == '0A'):
            return True
    return False


def wait_until(cond, what, seconds=WAIT):
    deadline = time.monotonic() + seconds
    while not cond():
        check(time.monotonic() < deadline, 'gave up waiting: ' + what)
        time.sleep(0.02)


class Program:
    """One lesson program, started on free ports in a directory of its own."""

    def __init__(self, lesson, listeners=1, args=(), proto='tcp'):
        self.lesson = lesson
        self.dir = tempfile.mkdtemp(prefix='pyprog-%s-' % lesson['id'])
        self.port = free_ports(max(listeners, 1))
        self.out = open(os.path.join(self.dir, 'stdout'), 'w+')
        self.err = open(os.path.join(self.dir, 'stderr'), 'w+')
        self.proc = subprocess.Popen([PYTHON, lesson['program_path'], '--port', str(self.port), *args],
                                     cwd=self.dir, stdin=subprocess.DEVNULL, stdout=self.out, stderr=self.err)
        for p in range(self.port, self.port + listeners):
            wait_until(lambda: bound(p, proto) or self.proc.poll() is not None, 'port %d bound' % p)
            check(self.proc.poll() is None, 'the program died at start:\n' + self.stderr())

    def stderr(self):
        self.err.flush()
        self.err.seek(0)
        return self.err.read()

    def stdout(self):
        self.out.flush()
        self.out.seek(0)
        return self.out.read()

    def cpu_seconds(self):
        fields = open('/proc/%d/stat' % self.proc.pid).read().rsplit(')', 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf('SC_CLK_TCK')

    def alive(self):
        return self.proc.poll() is None

    def interrupt(self):
        """SIGINT: the program must end quietly (exit 0, nothing on stderr)."""
        check(self.alive(), 'the program had died:\n' + self.stderr())
        self.proc.send_signal(signal.SIGINT)
        try:
            code = self.proc.wait(WAIT)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            raise Failed('SIGINT did not end it')
        check(code == 0 and not self.stderr(), 'SIGINT: exit %d, stderr:\n%s' % (code, self.stderr()))

    def dies_with(self, error):
        """The documented failure: the program exits by itself with this exception's traceback."""
        try:
            code = self.proc.wait(WAIT)
        except subprocess.TimeoutExpired:
            raise Failed('expected it to die with %s; it is still running' % error)
        err = self.stderr()
        check(code != 0 and 'Traceback (most recent call last)' in err and
              re.search(r'^%s\b' % error, err, re.M), 'expected a %s traceback, got exit %d:\n%s' % (error, code, err))

    def spins(self, seconds=0.2):
        """The documented spin: with no client acting, the program burns CPU time. An idle
        program blocked in select burns none; on a loaded machine the spin gets only its share
        of a core, hence the long bound."""
        start = self.cpu_seconds()
        wait_until(lambda: self.cpu_seconds() - start >= seconds,
                   'the program to spin (%.1f s of CPU)' % seconds, seconds=WAIT * 3)

    def close(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self.out.close()
        self.err.close()
        shutil.rmtree(self.dir, ignore_errors=True)


def client(prog, *args, script=None):
    path = os.path.join(LESSONS, script or prog.lesson['client_script'])
    try:
        r = subprocess.run([PYTHON, path, '--port', str(prog.port), *args], cwd=prog.dir,
                           stdin=subprocess.DEVNULL, capture_output=True, timeout=WAIT * 2)
    except subprocess.TimeoutExpired:
        raise Failed('%s did not finish' % os.path.basename(path))
    check(r.returncode == 0, '%s failed (exit %d):\n%s%s\nprogram stderr:\n%s' % (
        os.path.basename(path), r.returncode, r.stdout.decode(errors='replace'),
        r.stderr.decode(errors='replace'), prog.stderr()))
    return r.stdout.decode(errors='replace')


def connect(prog, port=None):
    return socket.create_connection(('127.0.0.1', port or prog.port), timeout=WAIT)


def read_exactly(sock, n):
    got = b''
    while len(got) < n:
        chunk = sock.recv(n - len(got))
        if not chunk:
            break
        got += chunk
    return got


def expect(sock, want):
    got = read_exactly(sock, len(want))
    check(got == want, 'expected %r, got %r' % (want, got))


def reset(sock):
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 0))
    sock.close()


# Per lesson: how to drive its program. The default is the lesson's client script, then SIGINT.

def run_default(lesson, **kw):
    prog = Program(lesson, **kw)
    try:
        client(prog)
        prog.interrupt()
    finally:
        prog.close()


def run_multiport_welcome(lesson):
    run_default(lesson, listeners=3)


def run_multiport_hello(lesson):
    run_default(lesson, listeners=2)


def run_length_prefix(lesson):
    run_default(lesson, listeners=2)


def run_select_echo(lesson):
    # The document's bug (no empty-recv check) answers a closed peer once more, then the
    # except clause drops it: the server carries on and serves the next client.
    prog = Program(lesson)
    try:
        client(prog)
        client(prog)
        prog.interrupt()
    finally:
        prog.close()


def run_crashes_after_close(lesson):
    # The document's bug: an empty recv is queued (or answered) like a message; writing to the
    # closed peer fails with EPIPE outside any try, and the whole server dies.
    prog = Program(lesson)
    try:
        client(prog)
        prog.dies_with('BrokenPipeError')
    finally:
        prog.close()


def run_poll_server(lesson):
    # The document's if/elif reads first when a reset arrives as POLLIN|POLLERR|POLLHUP: recv
    # raises ConnectionResetError, which nothing catches.
    prog = Program(lesson)
    try:
        client(prog)
        b = connect(prog)
        b.sendall(b'hi')
        expect(b, b'i have receive')
        reset(b)
        prog.dies_with('ConnectionResetError')
    finally:
        prog.close()


def run_epoll_server(lesson):
    for args in ((), ('--et',)):
        prog = Program(lesson, args=args)
        try:
            client(prog)
            prog.interrupt()
        finally:
            prog.close()


def run_selectors(lesson):
    for kind in ('default', 'select', 'poll', 'epoll'):
        prog = Program(lesson, args=('--selector', kind))
        try:
            client(prog)
            prog.interrupt()
        finally:
            prog.close()


def run_lt_vs_et(lesson):
    for args, first in (((), b'abcdefghij'), (('--et',), b'abcd')):
        prog = Program(lesson, args=args)
        try:
            out = client(prog)
            check(repr(first) in out or first.decode() in out, 'expected %r first, client said:\n%s' % (first, out))
            prog.interrupt()
        finally:
            prog.close()


def run_udp_echo(lesson):
    prog = Program(lesson, proto='udp')
    try:
        client(prog)
        u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        u.settimeout(WAIT)
        u.sendto('你好'.encode(), ('127.0.0.1', prog.port))
        data, _ = u.recvfrom(1024)
        check(data == '已收到'.encode(), 'expected the document\'s 已收到, got %r' % data)
        u.close()
        prog.interrupt()
    finally:
        prog.close()


def run_file_upload(lesson):
    prog = Program(lesson, args=('--data-dir', 'files'))
    try:
        client(prog, '--data-dir', 'files')
        # The document's client: "name-size" with no end of line, then the bytes. When the
        # header arrives alone (here: the body waits until the server has opened the file),
        # the server takes the whole first recv as the header, as the document's server does.
        body = b'0123456789' * 300
        s = connect(prog)
        s.sendall(b'notes.txt-%d' % len(body))
        part = os.path.join(prog.dir, 'files', 'notes.txt.part')
        wait_until(lambda: os.path.exists(part), 'the server to open notes.txt.part')
        for i in range(0, len(body), 1024):
            s.sendall(body[i:i + 1024])
        # As the document's server: nothing back; the conn is closed once the file is complete.
        back = s.recv(1024)
        check(back == b'', 'expected the server to close with nothing sent, got %r' % back)
        s.close()
        check(open(os.path.join(prog.dir, 'files', 'notes.txt'), 'rb').read() == body, 'notes.txt differs')
        prog.interrupt()
    finally:
        prog.close()


def run_with_data_dir(lesson):
    prog = Program(lesson, args=('--data-dir', '.'))
    try:
        client(prog)
        prog.interrupt()
    finally:
        prog.close()


def run_blocking(lesson):
    run_default(lesson)


def run_client_side_select(lesson):
    # This lesson's program is a client: a server in the document's style answers it here,
    # sleeping on "sleep" so the other replies wait behind it.
    listener = socket.socket()
    listener.bind(('127.0.0.1', 0))
    listener.listen(8)
    port = listener.getsockname()[1]

    def serve():
        conns = []
        for _ in range(4):
            conn, _ = listener.accept()
            conns.append(conn)
        for conn in conns:
            text = conn.recv(1024).decode()
            if text == 'sleep':
                time.sleep(0.3)
                conn.sendall(('已收到延时反馈信息:' + text).encode())
            else:
                conn.sendall(('已收到普通信息：' + text).encode())
        for conn in conns:
            conn.close()

    server = threading.Thread(target=serve, daemon=True)
    server.start()
    # Like the document's client, the program never leaves its loop: once the four replies are
    # printed it goes on calling select on two empty lists, until it is stopped.
    replies = ['已收到普通信息：' + t for t in ('first', 'second', 'third')] + ['已收到延时反馈信息:sleep']
    prog = subprocess.Popen([PYTHON, '-u', lesson['program_path'], '--port', str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
    out = ''
    try:
        deadline = time.monotonic() + WAIT
        while not all(r in out for r in replies) and time.monotonic() < deadline:
            line = prog.stdout.readline()
            if not line:
                break
            out += line.decode()
        if prog.poll() is not None:
            raise Failed('the client left its loop (exit %s): %s' %
                         (prog.returncode, prog.stderr.read().decode()))
    finally:
        prog.kill()
        prog.wait(WAIT)
        listener.close()
    for text in replies:
        check(text in out, 'no %s in:\n%s' % (text, out))


def run_chat_room(lesson):
    prog = Program(lesson)
    try:
        a = connect(prog)  # accepted first: the server takes one connection per pass, in order
        b = connect(prog)
        joined = b'[127.0.0.1:%d] entered room\n' % b.getsockname()[1]
        expect(a, joined)
        a.sendall(b'hello\n')
        expect(b, b'<127.0.0.1:%d> hello\n' % a.getsockname()[1])
        # The document's `if data:` has no else: a member who leaves is read as empty bytes on
        # every pass, for ever, and nobody hears that they left.
        b.close()
        prog.spins()
        a.settimeout(0.2)
        try:
            heard = a.recv(1024)
        except socket.timeout:
            heard = None
        check(heard is None, 'nobody should hear of the leave in the document\'s program; A got %r' % heard)
        a.close()
        prog.interrupt()
    finally:
        prog.close()


def run_select_semantics(lesson):
    prog = Program(lesson)
    try:
        client(prog)
        # The document never looks at its error list: an urgent byte nobody reads brings
        # select back at once on every call (a spin) until the connection closes.
        a = connect(prog)
        a.send(b'!', socket.MSG_OOB)
        prog.spins()
        a.close()
        prog.interrupt()
    finally:
        prog.close()


SCENARIOS = {
    'multiport-welcome': run_multiport_welcome,
    'select-echo': run_select_echo,
    'rw-separation': run_crashes_after_close,
    'multiport-hello': run_multiport_hello,
    'select-reply': run_crashes_after_close,
    'rw-separation-pitfalls': run_crashes_after_close,
    'poll-server': run_poll_server,
    'epoll-server': run_epoll_server,
    'selectors': run_selectors,
    'file-upload': run_file_upload,
    'msg-and-file': run_with_data_dir,
    'remote-login': run_with_data_dir,
    'udp-echo': run_udp_echo,
    'length-prefix': run_length_prefix,
    'client-side-select': run_client_side_select,
    'lt-vs-et': run_lt_vs_et,
    'chat-room': run_chat_room,
    'select-semantics': run_select_semantics,
}

# What a tagged line must contain: the call it is tagged with ("send@conn": send, in the conn
# branch).
TAG_WORDS = {
    'select': ('select(', '.poll('), 'accept': ('accept(',), 'recv': ('recv(',),
    'send': ('send(', 'sendall('), 'close': ('close(',), 'recvfrom': ('recvfrom(',),
    'sendto': ('sendto(',), 'recv_oob': ('MSG_OOB',), 'connect': ('connect',),
    'listen': ('socket(', 'bind(', 'listen(', 'setsockopt('),
}


def check_tags(lesson):
    lines = open(lesson['program_path'], encoding='utf-8').read().split('\n')
    for tag, numbers in lesson['tags'].items():
        for n in numbers:
            words = TAG_WORDS.get(tag.split('@')[0])
            check(1 <= n <= len(lines), '%s: line %d is past the end' % (tag, n))
            check(not words or any(w in lines[n - 1] for w in words),
                  'line %d is tagged %s but reads %r' % (n, tag, lines[n - 1].strip()))
    check('select' in lesson['tags'] or 'accept' in lesson['tags'], 'no line is tagged select or accept')


def run(lesson):
    t0 = time.monotonic()
    try:
        check_tags(lesson)
        SCENARIOS.get(lesson['id'], run_default)(lesson)
        return lesson['id'], None, time.monotonic() - t0
    except Failed as e:
        return lesson['id'], str(e), time.monotonic() - t0
    except Exception as e:  # a broken scenario is a failure too, with its reason
        return lesson['id'], '%s: %s' % (type(e).__name__, e), time.monotonic() - t0


def main():
    lessons = []
    for path in sorted(glob.glob(os.path.join(LESSONS, '*', '*.json'))):
        lesson = json.load(open(path, encoding='utf-8'))
        lesson['program_path'] = os.path.join(os.path.dirname(path), lesson['python_file'])
        if len(sys.argv) <= 2 or lesson['id'] in sys.argv[2:]:
            lessons.append(lesson)
    check(lessons, 'no lesson found under ' + LESSONS)
    failed = 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
        for lid, problem, secs in pool.map(run, lessons):
            print('%-4s %-24s %5.1f s%s' % ('ok' if not problem else 'FAIL', lid, secs,
                                           '' if not problem else '\n     ' + problem.replace('\n', '\n     ')))
            failed += bool(problem)
    print('%d of %d lesson programs behaved as their lessons say' % (len(lessons) - failed, len(lessons)))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
