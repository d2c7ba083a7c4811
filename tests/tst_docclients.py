#!/usr/bin/env python3
"""The documents' own clients (tests/docclients/) against `muxlab --serve --lesson ID`.

Each lesson's server is started once on free ports with --trace; its document client runs
ROUNDS times, one after the other, for real. Then the server is stopped (SIGTERM writes the
trace) and every round is checked against what the kernel recorded:
  - the client exited 0 with nothing on stderr (no BrokenPipeError, no ConnectionResetError);
  - every byte the client sent was received by the server on that connection, in order;
  - the connection ended as the client ended it (an empty recv, or the protocol's own close),
    never as a reset (recv = -1 ECONNRESET), which is what a reply the client never reads
    turns the client's close into;
  - the server sent nothing the document's server does not send (replies listed per lesson).
file-upload's document client sends "name-size" and the file straight after it with no end
marker: when one recv holds both, the header cannot be told from the file (the document's
server crashes there, which the lesson is about) and the server must refuse; such rounds are
counted apart and must say so, every other round must save the file intact.

004's stdin + socket clients (queue-server, chat-room) select over stdin and the socket. Fed
stdin from a pipe, each line is typed only once the line before it has had its answer (the
echo, or the broadcast reaching the other member), and input ends only once every client has
printed all it was sent: so a client leaves with nothing unread, and a reset could only be the
server's doing. The same checks, per connection, against what the document's server sends.

Prints one line per lesson with the figures; exits 1 if any round failed.
Usage: tst_docclients.py MUXLAB [ID...]
"""
import hashlib
import json
import os
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
HERE = os.path.dirname(os.path.abspath(__file__))
CLIENTS = os.path.join(HERE, 'docclients')
ROUNDS = 8
WAIT = 20  # seconds: the bound on every wait; none is a timing assertion
ECONNRESET = 104


def frame(data):
    return struct.pack('i', len(data)) + data


ANY = object()  # replies the test cannot know in advance (马冬梅's random 什么)


class Round:
    """One run of a document client: what it is given, what it sends, what it must get."""

    def __init__(self, stdin=b'', sends=b'', file=None, replies=b''):
        self.stdin = stdin
        self.sends = sends  # every byte the client sends on its connection, in order
        self.file = file  # (name, bytes) a file the server must have saved
        self.replies = replies  # every byte the document's server sends it (ANY: unknown)


def sticky(k, work):
    return Round(sends='kinght love aym'.encode())


def length_struct(k, work):
    return Round(sends=frame('xin正在学习'.encode()) + frame('应该没有'.encode()))


def msg_file(k, work):
    name = 'note-%d.txt' % k
    body = ('round %d of the document client\n' % k).encode() * 40
    path = os.path.join(work, name)
    with open(path, 'wb') as f:
        f.write(body)
    header = json.dumps({'msg_type': 'file', 'file_name': name}).encode()
    sends = (frame(json.dumps({'msg_type': 'msg'}).encode()) + frame('你好'.encode()) +
             frame(header) + struct.pack('i', len(body)) + body + frame(b'close'))
    return Round(stdin=('msg|你好\nfile|%s\nQ\n' % path).encode(), sends=sends,
                 file=(name, body))


def upload(k, work):
    name = 'upload-%d.txt' % k
    body = ('hello, upload round %d\n' % k).encode() * 100
    path = os.path.join(work, name)
    with open(path, 'wb') as f:
        f.write(body)
    return Round(stdin=(path + '\n').encode(), sends=('%s-%d' % (name, len(body))).encode() + body,
                 file=(name, body))


def lines_sent(*lines, end='', greeting='', answer=None):
    """Lines typed one by one, then `end` (the client's quit word) or the end of input; the
    server sends `greeting` on accept and answer(line) for each line (None: nothing)."""
    def make(k, work):
        typed = ''.join(l + '\n' for l in lines) + (end + '\n' if end else '')
        replies = ANY if answer is ANY else \
            (greeting + ''.join(answer(l) for l in lines if answer)).encode()
        return Round(stdin=typed.encode(), sends=''.join(lines).encode(), replies=replies)
    return make


def udp(k, work):
    return Round(stdin='hello\n你好\nQ\n'.encode(), sends='hello你好'.encode(),
                 replies='已收到已收到'.encode())


def login(k, work):
    digest = hashlib.md5(b'sdasdfagfawds' + b'123456').hexdigest()
    request = json.dumps({'username': 'kinght', 'password': digest}).encode()
    return Round(stdin=b'kinght\n123456\n', sends=request, replies='欢迎使用XX系统登陆成功'.encode())


class Typist:
    """A document client started with a pipe for stdin: lines are typed one at a time and what
    it prints is gathered as it comes, so the test can wait (bounded) for what it must see."""

    def __init__(self, client, port):
        self.p = subprocess.Popen([PYTHON, '-u', os.path.join(CLIENTS, client), '--port',
                                   str(port)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE)
        self.out = b''
        self.err = b''
        self.lock = threading.Lock()
        threading.Thread(target=self._drain, args=('out', self.p.stdout), daemon=True).start()
        threading.Thread(target=self._drain, args=('err', self.p.stderr), daemon=True).start()

    def _drain(self, which, pipe):
        for chunk in iter(lambda: pipe.read1(4096), b''):
            with self.lock:
                setattr(self, which, getattr(self, which) + chunk)

    def printed(self):
        with self.lock:
            return self.out.decode('utf-8', 'replace')

    def wait_for(self, text, count=1):
        """True once the client has printed `text` `count` times (bounded by WAIT)."""
        deadline = time.monotonic() + WAIT
        while self.printed().count(text) < count:
            if time.monotonic() > deadline or self.p.poll() is not None:
                return self.printed().count(text) >= count
            time.sleep(0.01)
        return True

    def type(self, line):
        self.p.stdin.write(line.encode() + b'\n')
        self.p.stdin.flush()

    def end_input(self):
        """Closes stdin, as closing the terminal would; returns the exit code (None: stuck)."""
        self.p.stdin.close()
        try:
            return self.p.wait(WAIT)
        except subprocess.TimeoutExpired:
            self.p.kill()
            self.p.wait()
            return None

    def stderr(self):
        with self.lock:
            return self.err.decode('utf-8', 'replace').strip()


def queue_round(port):
    """queue-server: one client types each line and waits for its echo."""
    c = Typist('queue_client.py', port)
    why = []
    for k, line in enumerate(['hello', '你好'], 1):
        c.type(line)
        if not c.wait_for('server_message: ', k):
            why.append('no echo of %r printed' % line)
    typed = 'hello\n你好\n'.encode()
    return [c], why, [dict(sends=typed, replies=lambda names: typed)]


def chat_round(port):
    """chat-room: A and B join; A says hi (B prints it), B says yo (A prints it); A leaves and
    B sees the room say so; then B leaves. What the document's server sends, with the
    differences the lesson names: a member is named as the trace names its socket ("#1") where
    the document prints its address ("127.0.0.1:PORT", "('127.0.0.1', PORT)"), a message has no
    leading "\\r", and a member who left is announced ("[#1] left room") where the document's
    `if data:` with no `else` reads the closed socket forever and says nothing."""
    a = Typist('chat_client.py', port)
    why = []
    if not a.wait_for('Connected to remote host'):
        why.append('A did not connect')
    b = Typist('chat_client.py', port)
    if not a.wait_for('entered room'):
        why.append('A was not told B entered')
    a.type('hi')
    if not b.wait_for('> hi'):
        why.append('B did not print hi')
    b.type('yo')
    if not a.wait_for('> yo'):
        why.append('A did not print yo')
    a.end_input()
    if not b.wait_for('left room'):
        why.append('B was not told A left')
    return [a, b], why, [
        dict(sends=b'hi\n',
             replies=lambda n: ('[%s] entered room\n<%s> yo\n' % (n[1], n[1])).encode()),
        dict(sends=b'yo\n',
             replies=lambda n: ('<%s> hi\n[%s] left room\n' % (n[0], n[0])).encode()),
    ]


# Per lesson: its document client, the listener it talks to, each round's exchange; `udp`: the
# exchange is datagrams; `closes`: the server closes each connection (so a round ends there).
LESSONS = [
    dict(id='sticky-packets', client='sticky_client.py', make=sticky),
    dict(id='length-prefix', client='length_struct_client.py', listener=1, make=length_struct),
    # §3.1's text length has no fixed width: its first 4 bytes are always "12ki" to a server
    # that buffers them (the document's own server dies on them when the sends stick).
    dict(id='length-prefix', name='length-prefix §3.1', client='length_text_client.py',
         make=lambda k, w: Round(sends=b'12kinght love 3aym'), refused='"12ki") is not a number'),
    dict(id='msg-and-file', client='msg_file_client.py', make=msg_file),
    dict(id='file-upload', client='upload_client.py', make=upload),
    dict(id='udp-echo', client='udp_client.py', make=udp, udp=True),
    dict(id='select-semantics', client='simple_select_client.py', make=lines_sent('hi', 'there')),
    dict(id='select-many-clients', client='select_many_client.py',
         make=lines_sent('a1', 'a2', end='Q')),
    dict(id='nonblocking', client='nonblocking_client.py',
         make=lambda k, w: Round(sends=b'ABCDEFGH')),
    dict(id='multiport-welcome', client='welcome_client.py', listener=1,
         make=lambda k, w: Round(replies='欢迎访问'.encode()), closes=False),
    dict(id='select-echo', client='echo_client.py',
         make=lines_sent('a', 'b', greeting='你好', answer=lambda l: l + '好')),
    dict(id='rw-separation', client='rw_client.py',
         make=lines_sent('a', 'b', answer=lambda l: l + '好')),
    dict(id='select-server', client='myclient.py',
         make=lines_sent('hello', 'world', end='\n', answer=lambda l: 'I have receive')),
    dict(id='poll-server', client='myclient.py',
         make=lines_sent('hello', 'world', end='\n', answer=lambda l: 'i have receive')),
    dict(id='blocking-server', client='hello_client.py',
         make=lambda k, w: Round(sends=b'hello', replies=b'hello world')),
    dict(id='conversation-loop', client='conversation_client.py',
         make=lines_sent('马冬梅', '马冬梅', end='Q', answer=ANY)),
    dict(id='remote-login', client='login_client.py', make=login),
    # 004's stdin + socket clients, typed into through a pipe.
    dict(id='queue-server', play=queue_round),
    dict(id='chat-room', play=chat_round),
]


def start_server(muxlab, lesson, port, data_dir, trace):
    p = subprocess.Popen([muxlab, '--serve', '--lesson', lesson, '--port', str(port),
                          '--data-dir', data_dir, '--trace', trace],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    lines = []
    listening = threading.Event()

    def drain():  # a consumer that stops reading stdout stops the server
        for raw in p.stdout:
            line = raw.decode('utf-8', 'replace')
            lines.append(line)
            if line.startswith('listening'):
                listening.set()
        listening.set()

    threading.Thread(target=drain, daemon=True).start()
    if not listening.wait(WAIT) or p.poll() is not None:
        raise RuntimeError('%s: the server did not start: %s' % (lesson, p.stderr.read()))
    return p, lines


def stop_server(server):
    """SIGTERM (muxlab --serve writes its trace and exits on it), a kill if it does not."""
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(WAIT)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def connections(trace):
    """Per external connection, in the order they were accepted: what the server did on it."""
    conns, live = [], {}
    for t in trace['ticks']:
        for o in t.get('opened', []):
            if o['role'] in ('external', 'udp'):
                c = {'name': o['name'], 'recv': [], 'sent': b'', 'reset': False, 'refused': [],
                     'notes': [], 'closed': False, 'role': o['role']}
                conns.append(c)
                live[o['fd']] = c
            elif o['fd'] in live:
                del live[o['fd']]
        for a in t.get('actions', []):
            c = live.get(a.get('fd'))
            if c is None or a['by'] != 'server':
                continue
            data = a['text'].encode() if 'text' in a else b''
            if 'b64' in a:
                import base64
                data = base64.b64decode(a['b64'])
            if a['call'] in ('recv', 'recvfrom'):
                if a.get('errno') == ECONNRESET:
                    c['reset'] = True
                elif a.get('ret', 0) > 0:
                    c['recv'].append(data)
            elif a['call'] in ('send', 'sendto'):
                c['sent'] += data
            elif a['call'] == 'refuse':
                c['refused'].append(data.decode('utf-8', 'replace'))
            elif a['call'] == 'note':
                c['notes'].append(data.decode('utf-8', 'replace'))
            elif a['call'] == 'close':
                c['closed'] = True
        for fd in t.get('closed', []):
            live.pop(fd, None)
    return conns


def run_lesson(muxlab, lesson, client, listener=0, make=None, udp=False, closes=True,
               refused=None):
    work = tempfile.mkdtemp(prefix='muxlab-docclients-')
    data_dir = os.path.join(work, 'data')
    os.mkdir(data_dir)
    trace_path = os.path.join(work, 'trace.json')
    port = free_ports(listener + 1)
    server, lines = start_server(muxlab, lesson, port, data_dir, trace_path)
    rounds, clients = [], []
    try:
        for k in range(1, ROUNDS + 1):
            r = make(k, work)
            rounds.append(r)
            c = subprocess.run([PYTHON, os.path.join(CLIENTS, client), '--port',
                                str(port + listener)], input=r.stdin, capture_output=True,
                               timeout=WAIT)
            clients.append(c)
            # The next round starts once the server has closed this one's connection, so each
            # round's connection is its own (bounded: a connection left open fails below).
            if closes and not udp:
                deadline = time.monotonic() + WAIT
                while (sum(' close(' in l for l in lines) < k and
                       time.monotonic() < deadline and server.poll() is None):
                    time.sleep(0.02)
    finally:
        stop_server(server)
    with open(trace_path) as f:
        conns = connections(json.load(f))

    failures, stuck = [], 0
    if udp:
        conns = [c for c in conns if c['role'] == 'udp']
        got = b''.join(b''.join(c['recv']) for c in conns)
        want = b''.join(r.sends for r in rounds)
        if got != want:
            failures.append('the server received %r, the clients sent %r' % (got, want))
        sent = b''.join(c['sent'] for c in conns)
        if sent != b''.join(r.replies for r in rounds):
            failures.append('the server sent "%s", the document sends "%s"'
                            % (sent[:80].decode('utf-8', 'replace'),
                               rounds[0].replies.decode()))
    elif len(conns) != ROUNDS:
        failures.append('%d connections for %d rounds' % (len(conns), ROUNDS))
    for k, (r, c) in enumerate(zip(rounds, clients), 1):
        why = []
        conn = conns[k - 1] if not udp and k <= len(conns) else None
        header_stuck = False
        if lesson == 'file-upload' and conn and conn['recv']:
            header = r.sends[:len(r.sends) - len(r.file[1])]
            header_stuck = conn['recv'][0] != header
        if refused:
            # The lesson's point: this client's protocol cannot work; the server must say so.
            if not conn or not any(refused in t for t in conn['refused']):
                why.append('not refused with %r' % refused)
        elif header_stuck:
            # The document's protocol cannot tell this header from the file: the lesson's point.
            stuck += 1
            if not conn['refused']:
                why.append('header and file came in one recv and the server did not refuse')
        else:
            if c.returncode != 0 or c.stderr.strip():
                err = c.stderr.decode('utf-8', 'replace').strip().splitlines()
                why.append('client exit %d%s' % (c.returncode, (': ' + err[-1]) if err else ''))
            if udp:
                out = [l.split(':')[-1] for l in c.stdout.decode('utf-8', 'replace').splitlines()]
                if out != ['已收到', '已收到'] and out[:2] != ['已收到', '已收到']:
                    why.append('client printed %r' % out)
            elif conn is not None:
                got = b''.join(conn['recv'])
                if got != r.sends:
                    why.append('server received %d of %d bytes' % (len(got), len(r.sends))
                               if r.sends.startswith(got) else 'server received other bytes')
                if conn['reset']:
                    why.append('recv = -1 ECONNRESET')
                if r.replies is not ANY and conn['sent'] != r.replies:
                    sent = conn['sent'][:60].decode('utf-8', 'replace').replace('\n', '\\n')
                    why.append('server sent "%s"' % sent + (
                        ' (the document\'s sends "%s")' % r.replies.decode() if r.replies else ''))
                if conn['refused']:
                    why.append('refused: %s' % conn['refused'][0][:100])
                if closes and not conn['closed']:
                    why.append('never closed')
            if r.file:
                path = os.path.join(data_dir, r.file[0])
                if not os.path.exists(path) or open(path, 'rb').read() != r.file[1]:
                    why.append('%s not saved intact' % r.file[0])
        if why:
            failures.append('round %d: %s' % (k, '; '.join(why)))
    return failures, stuck



def run_typed(muxlab, lesson, play):
    """Runs ROUNDS rounds of `play` against `muxlab --serve --lesson`; checks every connection
    in the trace against what the round's clients sent and were sent."""
    work = tempfile.mkdtemp(prefix='muxlab-docclients-')
    data_dir = os.path.join(work, 'data')
    os.mkdir(data_dir)
    trace_path = os.path.join(work, 'trace.json')
    port = free_ports(1)
    server, lines = start_server(muxlab, lesson, port, data_dir, trace_path)
    rounds, failures, closed = [], [], 0
    try:
        for k in range(1, ROUNDS + 1):
            clients, why, want = play(port)
            for c in clients:
                code = c.end_input()
                if code != 0 or c.stderr():
                    why.append('client exit %s%s' % (code, (': ' + c.stderr().splitlines()[-1])
                                                     if c.stderr() else ''))
            # The next round starts once the server has closed this round's connections.
            closed += len(want)
            deadline = time.monotonic() + WAIT
            while (sum(' close(' in l for l in lines) < closed and
                   time.monotonic() < deadline and server.poll() is None):
                time.sleep(0.02)
            rounds.append((why, want))
    finally:
        stop_server(server)
    with open(trace_path) as f:
        conns = connections(json.load(f))
    if len(conns) != sum(len(w) for _, w in rounds):
        failures.append('%d connections for %d clients' % (len(conns),
                                                          sum(len(w) for _, w in rounds)))
    at = 0
    for k, (why, want) in enumerate(rounds, 1):
        mine = conns[at:at + len(want)]
        at += len(want)
        names = [c['name'].split(':', 1)[-1] for c in mine]  # "conn:#2" speaks as "#2"
        for n, (conn, w) in enumerate(zip(mine, want)):
            who = 'client %d' % (n + 1) if len(want) > 1 else 'client'
            got = b''.join(conn['recv'])
            if got != w['sends']:
                why.append('%s: server received %r, it sent %r' % (who, got, w['sends']))
            if conn['reset']:
                why.append('%s: recv = -1 ECONNRESET' % who)
            replies = w['replies'](names)
            if conn['sent'] != replies:
                why.append('%s: server sent %r, expected %r' % (who, conn['sent'], replies))
            if conn['refused'] or not conn['closed']:
                why.append('%s: %s' % (who, conn['refused'][0] if conn['refused']
                                       else 'never closed'))
        if why:
            failures.append('round %d: %s' % (k, '; '.join(why)))
    return failures, 0

def main():
    muxlab = os.path.abspath(sys.argv[1])
    only = sys.argv[2:]
    failed = False
    for spec in LESSONS:
        lesson = spec['id']
        if only and lesson not in only:
            continue
        if 'play' in spec:
            failures, stuck = run_typed(muxlab, lesson, spec['play'])
        else:
            failures, stuck = run_lesson(muxlab, lesson, **{k: v for k, v in spec.items()
                                                              if k not in ('id', 'name')})
        bad = len([f for f in failures if f.startswith('round')])
        extra = ' (%d with header and file in one recv, refused as the lesson shows)' % stuck \
            if lesson == 'file-upload' else ''
        if spec.get('refused'):
            extra = ' (refused every round, as the lesson shows)'
            stuck = ROUNDS - bad
        print('%-20s %s: %d of %d rounds clean%s' % (spec.get('name', lesson),
                                                     'FAIL' if failures else 'ok',
                                                     ROUNDS - bad - stuck, ROUNDS, extra))
        for f in failures:
            print('    ' + f)
        failed = failed or bool(failures)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
