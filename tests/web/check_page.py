#!/usr/bin/env python3
"""Opens muxlab's shared web pages in a real browser and checks them as a learner uses them.

Debian's chromium runs headless and is driven over the Chrome DevTools Protocol on
--remote-debugging-pipe (fd 3: commands in, fd 4: replies and events out, each message one
JSON object ended by a NUL byte). Python's standard library only: no npm, no webdriver.

Test mode (the ctest entry `web`): muxlab makes a run and its page (--headless --trace --html),
for select, poll and epoll, and one page from the saved trace (--html --open); each page must
  - load from file:// with no console error, no exception and nothing blocked,
  - show tick 3 after three real → key presses, with the ready chips the trace records,
  - judge a question: the learner ticks the kernel's answer, steps, and reads "right",
  - list tick 2's calls in the order made (A's send, the call, the server's recv and send, A's
    read of the echo) and light the program lines that made tick 4 (select-echo: 20, 28, 32),
  - reach the last tick when the slider is dragged to its end,
  - change the narration when 中文 is clicked,
  - never scroll sideways at 1366×768 and at 390×844, at any tick, in either language.

With --long-traces MAKER, one long run kept whole and trimmed to its newest ticks (the engine
drops the oldest chunk for real; tests/web/make_long_traces.cpp writes both traces), each made
into a page by `muxlab --html --open`; the trimmed page
  - says once, at the top, from which tick it kept the run (and the whole page does not),
  - opens at its first kept tick, and at that tick and every later one shows what the whole
    page shows at the same tick: the chips (names, labels, ready, added, removed, events and
    why ready), the call and its result, the syscall log, the narration, the position,
  - steps, drags and jumps (Home, End) only within the kept ticks, in both languages, and
    never scrolls sideways.

Screenshot mode (--screenshot OUT.png): the page at one tick and one size, for the README.

Every wait is bounded; chromium's whole process group is gone when the script ends.
Exit 0 pass, 1 fail, 77 skip (no chromium).
"""

import argparse
import json
import os
import re
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import base64

SIZES = [(1366, 768, False), (390, 844, True)]


class Failure(Exception):
    pass


class Browser:
    """chromium --headless with one page, spoken to over the DevTools pipe."""

    def __init__(self, chromium, deadline):
        self.deadline = deadline
        self.profile = tempfile.mkdtemp(prefix='muxlab-web-')
        to_chrome_r, self.to_chrome = os.pipe()
        self.from_chrome, from_chrome_w = os.pipe()

        def child_fds():
            # The protocol's fixed descriptors: chromium reads fd 3 and writes fd 4.
            os.dup2(to_chrome_r, 3)
            os.dup2(from_chrome_w, 4)

        args = [chromium, '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
                '--no-first-run', '--disable-background-networking',
                '--disable-component-update', '--disable-sync', '--disable-extensions',
                '--mute-audio', '--hide-scrollbars', '--font-render-hinting=none',
                '--user-data-dir=' + self.profile, '--remote-debugging-pipe', 'about:blank']
        self.proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL, preexec_fn=child_fds,
                                     pass_fds=(3, 4), start_new_session=True)
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self.buffer = b''
        self.next_id = 0
        self.events = []
        self.session = None

    # the pipe
    def _read_message(self, until):
        while b'\0' not in self.buffer:
            left = until - time.monotonic()
            if left <= 0:
                raise Failure('chromium did not answer in time')
            ready, _, _ = select.select([self.from_chrome], [], [], left)
            if not ready:
                continue
            chunk = os.read(self.from_chrome, 1 << 20)
            if not chunk:
                raise Failure('chromium closed the DevTools pipe (it exited?)')
            self.buffer += chunk
        raw, self.buffer = self.buffer.split(b'\0', 1)
        return json.loads(raw)

    def send(self, method, params=None, session=True, timeout=20):
        self.next_id += 1
        msg = {'id': self.next_id, 'method': method, 'params': params or {}}
        if session and self.session:
            msg['sessionId'] = self.session
        data = json.dumps(msg).encode() + b'\0'
        while data:
            data = data[os.write(self.to_chrome, data):]
        until = min(time.monotonic() + timeout, self.deadline)
        while True:
            reply = self._read_message(until)
            if reply.get('id') == self.next_id:
                if 'error' in reply:
                    raise Failure('%s failed: %s' % (method, reply['error'].get('message')))
                return reply.get('result', {})
            if 'method' in reply:
                self.events.append(reply)

    def wait_event(self, method, timeout=20):
        until = min(time.monotonic() + timeout, self.deadline)
        while True:
            for k, e in enumerate(self.events):
                if e['method'] == method:
                    return self.events.pop(k)
            self.events.append(self._read_message(until))

    def pump(self, seconds):
        """Reads the events that arrive within `seconds` (console messages after an action)."""
        until = time.monotonic() + seconds
        try:
            while True:
                self.events.append(self._read_message(until))
        except Failure:
            pass

    # a page
    def open_page(self):
        targets = self.send('Target.getTargets', session=False)['targetInfos']
        pages = [t for t in targets if t['type'] == 'page']
        target = pages[0]['targetId'] if pages else \
            self.send('Target.createTarget', {'url': 'about:blank'}, session=False)['targetId']
        self.session = self.send('Target.attachToTarget', {'targetId': target, 'flatten': True},
                                 session=False)['sessionId']
        for domain in ('Page', 'Runtime', 'Log'):
            self.send(domain + '.enable')

    def resize(self, width, height, mobile):
        self.send('Emulation.setDeviceMetricsOverride',
                  {'width': width, 'height': height, 'deviceScaleFactor': 2 if mobile else 1,
                   'mobile': mobile})

    def navigate(self, url):
        self.events = [e for e in self.events if e['method'] != 'Page.loadEventFired']
        result = self.send('Page.navigate', {'url': url})
        if result.get('errorText'):
            raise Failure('cannot open %s: %s' % (url, result['errorText']))
        self.wait_event('Page.loadEventFired')

    def eval(self, expression):
        r = self.send('Runtime.evaluate', {'expression': expression, 'returnByValue': True})
        if 'exceptionDetails' in r:
            raise Failure('evaluating %r threw: %s' % (expression, r['exceptionDetails'].get('text')))
        return r['result'].get('value')

    def key(self, key, code, keycode):
        for kind in ('keyDown', 'keyUp'):
            self.send('Input.dispatchKeyEvent',
                      {'type': kind, 'key': key, 'code': code, 'windowsVirtualKeyCode': keycode,
                       'nativeVirtualKeyCode': keycode})

    def click(self, x, y):
        for kind in ('mousePressed', 'mouseReleased'):
            self.send('Input.dispatchMouseEvent',
                      {'type': kind, 'x': x, 'y': y, 'button': 'left', 'clickCount': 1})

    def click_element(self, selector):
        box = self.eval("(() => { const e = document.querySelector(%s); e.scrollIntoView("
                        "{block: 'center'}); const r = e.getBoundingClientRect();"
                        " return [r.left + r.width / 2, r.top + r.height / 2]; })()"
                        % json.dumps(selector))
        self.click(box[0], box[1])

    def drag_slider_to_end(self):
        r = self.eval("(() => { const s = document.getElementById('slider');"
                      " const r = s.getBoundingClientRect(); return [r.left, r.right, r.top + r.height / 2,"
                      " innerWidth]; })()")
        left, right, y, width = r
        self.send('Input.dispatchMouseEvent',
                  {'type': 'mousePressed', 'x': left + 3, 'y': y, 'button': 'left', 'clickCount': 1})
        for x in (left + (right - left) / 2, right - 1, min(width - 1, right + 40)):
            self.send('Input.dispatchMouseEvent',
                      {'type': 'mouseMoved', 'x': x, 'y': y, 'button': 'left', 'buttons': 1})
        self.send('Input.dispatchMouseEvent',
                  {'type': 'mouseReleased', 'x': min(width - 1, right + 40), 'y': y,
                   'button': 'left', 'clickCount': 1})

    def problems(self):
        """Console errors, uncaught exceptions and blocked loads seen so far."""
        out = []
        for e in self.events:
            m, p = e['method'], e.get('params', {})
            if m == 'Runtime.exceptionThrown':
                d = p['exceptionDetails']
                out.append('exception: %s %s' % (d.get('text'),
                                                 d.get('exception', {}).get('description', '')))
            elif m == 'Runtime.consoleAPICalled' and p.get('type') in ('error', 'assert', 'warning'):
                out.append('console.%s: %s' % (p['type'], ' '.join(
                    str(a.get('value', a.get('description', ''))) for a in p.get('args', []))))
            elif m == 'Log.entryAdded' and p['entry'].get('level') in ('error', 'warning'):
                out.append('log %s: %s' % (p['entry']['level'], p['entry'].get('text')))
        return out

    def screenshot(self, path):
        data = self.send('Page.captureScreenshot', {'format': 'png'})['data']
        with open(path, 'wb') as f:
            f.write(base64.b64decode(data))

    def close(self):
        """Browser.close, then the whole process group: nothing of chromium may survive."""
        try:
            if self.proc.poll() is None:
                self.session = None
                self.send('Browser.close', session=False, timeout=5)
        except (Failure, OSError):
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass
        # The renderers, the zygote and the GPU process are in chromium's process group.
        end = time.monotonic() + 10
        while group_alive(self.proc.pid) and time.monotonic() < end:
            time.sleep(0.1)
        survivors = group_alive(self.proc.pid)
        if survivors or self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)
        for fd in (self.to_chrome, self.from_chrome):
            try:
                os.close(fd)
            except OSError:
                pass
        shutil.rmtree(self.profile, ignore_errors=True)
        end = time.monotonic() + 10
        while group_alive(self.proc.pid) and time.monotonic() < end:
            time.sleep(0.1)
        if group_alive(self.proc.pid):
            raise Failure('chromium processes %s survived SIGKILL' % group_alive(self.proc.pid))
        return survivors


def group_alive(pgid):
    """The live (not zombie) processes of process group pgid, from /proc."""
    alive = []
    for pid in os.listdir('/proc'):
        if not pid.isdigit():
            continue
        try:
            with open('/proc/%s/stat' % pid) as f:
                stat = f.read()
        except OSError:
            continue
        fields = stat[stat.rindex(')') + 2:].split()
        if int(fields[2]) == pgid and fields[0] != 'Z':
            alive.append(int(pid))
    return alive


# what the trace says
def sockets_before(trace, index):
    """The sockets open at the end of tick index-1, by fd (Trace::socketsAt)."""
    open_ = {}
    for t in trace['ticks'][:max(index, 0)]:
        for fd in t.get('closed', []):
            open_.pop(fd, None)
        for s in t.get('opened', []):
            open_[s['fd']] = s
    return open_


def ready_names(trace, index):
    """{list: set(names)} that came back ready at tick index, named as socketNameAt does."""
    before = sockets_before(trace, index)
    tick = trace['ticks'][index]
    opened = {s['fd']: s for s in tick.get('opened', [])}
    names = {'r': set(), 'w': set(), 'x': set()}
    for fd, events in tick.get('ready', []):
        s = before.get(fd) or opened.get(fd)
        name = s['name'] if s else 'fd%d' % fd
        for bit, lst in ((1, 'r'), (2, 'w'), (4, 'x')):
            if events & bit:
                names[lst].add(name)
    return names


LANE_OF_LIST = {'r': 'read', 'w': 'write', 'x': 'except'}

CHIPS_JS = """[...document.querySelectorAll('.lane')].map(l => [l.dataset.lane,
  [...l.querySelectorAll('.chip')].map(c => [c.dataset.name, c.dataset.ready === '1'])])"""


def check_ready_chips(b, trace, index, backend, where):
    lanes = b.eval(CHIPS_JS)
    want = ready_names(trace, index)
    ready_by_lane = {lane: {n for n, r in chips if r} for lane, chips in lanes}
    if backend == 'select':
        for lst, lane in LANE_OF_LIST.items():
            if ready_by_lane.get(lane, set()) != want[lst]:
                raise Failure('%s: %s ready chips %s, the trace says %s'
                              % (where, lane, sorted(ready_by_lane.get(lane, set())), sorted(want[lst])))
    else:
        every = want['r'] | want['w'] | want['x']
        every |= {('fd%d' % fd) for fd, ev in trace['ticks'][index].get('ready', []) if not ev & 7}
        lane = 'pollfds' if backend == 'poll' else 'ready'
        if ready_by_lane.get(lane, set()) != every:
            raise Failure('%s: %s ready chips %s, the trace says %s'
                          % (where, lane, sorted(ready_by_lane.get(lane, set())), sorted(every)))
    return sum(len(v) for v in ready_by_lane.values())


def state(b):
    return b.eval("[Number(document.getElementById('tickview').dataset.index),"
                  " Number(document.getElementById('tickview').dataset.tick),"
                  " document.getElementById('say').textContent, document.documentElement.lang]")


def no_sideways_scroll(b, where):
    w = b.eval('[document.scrollingElement.scrollWidth, innerWidth]')
    if w[0] > w[1]:
        wide = b.eval("[...document.querySelectorAll('body *')].filter(e => "
                      "e.getBoundingClientRect().right > innerWidth + 0.5).slice(0, 5)"
                      ".map(e => e.tagName + '.' + e.className + '#' + e.id)")
        raise Failure('%s: the page scrolls sideways (scrollWidth %d > innerWidth %d): %s'
                      % (where, w[0], w[1], wide))


def check_order_and_lines(b, name):
    """select-echo: tick 2's log in the order made, tick 4's lit program lines."""
    b.key('Home', 'Home', 36)
    b.key('ArrowRight', 'ArrowRight', 39)
    b.key('ArrowRight', 'ArrowRight', 39)
    rows = b.eval("[...document.querySelectorAll('#log tr')].map(r => "
                  "[r.classList.contains('call'), r.querySelector('.who').textContent,"
                  " r.querySelector('.text').textContent])")
    order = ['call' if is_call else who.split(' ')[0] + ':' + text.split('(')[0]
             for is_call, who, text in rows]
    if order != ['client:send', 'call', 'server:recv', 'server:send', 'client:recv']:
        raise Failure('%s: tick 2\'s log lists %s, not A\'s send, the call, the server\'s recv '
                      'and send, then A\'s read of the echo' % (name, order))
    b.key('ArrowRight', 'ArrowRight', 39)
    b.key('ArrowRight', 'ArrowRight', 39)
    lit = b.eval("[...document.querySelectorAll('#program li')].map((li, i) => "
                 "li.classList.contains('lit') ? i + 1 : 0).filter(n => n)")
    if lit != [20, 28, 32]:
        raise Failure('%s: tick 4 lights program lines %s, not the select, the recv and the '
                      'echo of the conn branch (20, 28, 32)' % (name, lit))


def check_page(b, page, trace, lessonful):
    name = os.path.basename(page)
    backend = trace['backend']
    ticks = trace['ticks']
    b.resize(1366, 768, False)
    b.events = []
    b.navigate('file://' + os.path.abspath(page))
    b.pump(0.3)
    if b.problems():
        raise Failure('%s: on load: %s' % (name, '; '.join(b.problems())))
    index, tick, say0, _ = state(b)
    if index != 0:
        raise Failure('%s opens at tick index %d, not 0' % (name, index))

    # Three real key presses: tick 3, with the chips the trace says came back ready.
    for _ in range(3):
        b.key('ArrowRight', 'ArrowRight', 39)
    index, tick, _, _ = state(b)
    if index != 3 or tick != ticks[3]['tick']:
        raise Failure('%s: after three → presses the page shows index %d tick %d, not tick %d'
                      % (name, index, tick, ticks[3]['tick']))
    n = check_ready_chips(b, trace, 3, backend, name + ' tick 3')
    b.key('ArrowLeft', 'ArrowLeft', 37)
    if state(b)[0] != 2:
        raise Failure('%s: ← did not step back to index 2' % name)

    # A question: tick the kernel's answer, step, and the page says the kernel agreed.
    judged = 0
    if lessonful:
        b.key('Home', 'Home', 36)
        for i in range(len(ticks) - 1):
            if b.eval("document.getElementById('question').dataset.mode === 'ask' &&"
                      " !document.getElementById('question').hidden"):
                want = ready_names(trace, i + 1)
                boxes = b.eval("[...document.querySelectorAll('#choices input')]"
                               ".map(e => [e.dataset.list, e.dataset.name || ''])")
                for lst, nm in boxes:
                    tick_it = nm in want.get(lst, ()) if lst != '-' else \
                        not (want['r'] or want['w'] or want['x'])
                    if tick_it:
                        b.click_element('#choices input[data-list="%s"][data-name="%s"]' % (lst, nm)
                                        if lst != '-' else '#choices input[data-list="-"]')
                b.key('ArrowRight', 'ArrowRight', 39)
                verdict = b.eval("document.getElementById('verdict').dataset.verdict")
                if verdict != 'right':
                    raise Failure('%s: the kernel\'s own answer at tick %d was judged %r: %s' % (
                        name, ticks[i + 1]['tick'], verdict,
                        b.eval("document.getElementById('verdict').textContent")))
                judged += 1
                break
            b.key('ArrowRight', 'ArrowRight', 39)
        if not judged:
            raise Failure('%s: no question was asked' % name)

    if lessonful:
        check_order_and_lines(b, name)

    # The slider, dragged to its end with the mouse, reaches the last tick.
    b.key('Home', 'Home', 36)
    b.drag_slider_to_end()
    index, tick, _, _ = state(b)
    if index != len(ticks) - 1 or tick != ticks[-1]['tick']:
        raise Failure('%s: the slider at its end shows index %d, not the last (%d)'
                      % (name, index, len(ticks) - 1))

    # 中文: the narration changes language.
    langs = ['en']
    if lessonful:
        b.key('Home', 'Home', 36)
        b.key('ArrowRight', 'ArrowRight', 39)
        _, _, say_en, _ = state(b)
        b.click_element('#lang-zh')
        _, _, say_zh, lang = state(b)
        if lang != 'zh-CN' or say_zh == say_en or not any('\u4e00' <= c <= '\u9fff' for c in say_zh):
            raise Failure('%s: 中文 left the narration as %r (lang %s)' % (name, say_zh, lang))
        b.click_element('#lang-en')
        if state(b)[2] != say_en:
            raise Failure('%s: English did not bring the narration back' % name)
        langs = ['en', 'zh']

    # Nothing scrolls sideways, at every tick, in each language, on a laptop and on a phone.
    for width, height, mobile in SIZES:
        b.resize(width, height, mobile)
        for lang in langs:
            if lessonful:
                b.click_element('#lang-' + lang)
            b.key('Home', 'Home', 36)
            for i in range(len(ticks)):
                if i:
                    b.key('ArrowRight', 'ArrowRight', 39)
                no_sideways_scroll(b, '%s at %dx%d, %s, tick index %d' % (name, width, height, lang, i))
    b.pump(0.2)
    if b.problems():
        raise Failure('%s: %s' % (name, '; '.join(b.problems())))
    return n, judged


VIEW_JS = """(() => {
  const text = (id) => document.getElementById(id).textContent;
  const tv = document.getElementById('tickview');
  return {
    index: Number(tv.dataset.index), tick: Number(tv.dataset.tick),
    title: text('tick-title'), call: text('call'), returned: text('returned'),
    position: text('position'), narration: text('narration-tick'), say: text('say'),
    lanes: [...document.querySelectorAll('.lane')].map(l => [l.dataset.lane,
      [...l.querySelectorAll('.chip')].map(c => [c.dataset.name, c.dataset.fd, c.dataset.ready,
        c.dataset.change, c.querySelector('.label').textContent,
        (c.querySelector('.events') || {}).textContent || '', c.title])]),
    log: [...document.querySelectorAll('#log tr')].map(r => r.textContent),
    sockets: [...document.querySelectorAll('#sockets tr')].map(r => r.textContent),
    clients: [...document.querySelectorAll('#clients tr')].map(r => [r.dataset.client,
      r.dataset.bytes, r.textContent]),
  };
})()"""


def jump(b, index):
    """The slider set to index, as a drag that ends there sets it."""
    b.eval("(() => { const s = document.getElementById('slider'); s.value = %d;"
           " s.dispatchEvent(new Event('input')); })()" % index)


def view_of(b):
    """What the page shows at its tick, without the tick's index in the page."""
    v = b.eval(VIEW_JS)
    v.pop('index')
    return v


def check_trimmed(b, muxlab, maker, work):
    """The trimmed page against the whole page of the same run, tick by tick."""
    r = subprocess.run([maker, work], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                       timeout=180)
    if r.returncode != 0:
        raise Failure('make_long_traces exited %d: %s' % (r.returncode, r.stderr.decode()))
    pages = {}
    for name in ('whole', 'trimmed'):
        pages[name] = os.path.join(work, name + '.html')
        r = subprocess.run([muxlab, '--html', pages[name], '--open',
                            os.path.join(work, name + '.json')],
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=60)
        if r.returncode != 0:
            raise Failure('muxlab --html --open %s.json exited %d: %s'
                          % (name, r.returncode, r.stderr.decode(errors='replace')))
    with open(os.path.join(work, 'trimmed.json'), encoding='utf-8') as f:
        trimmed = json.load(f)
    first = int(trimmed.get('first', 0))
    kept = len(trimmed['ticks'])
    if first <= 0 or not kept:
        raise Failure('the trimmed trace kept %d ticks from index %d: nothing was dropped'
                      % (kept, first))

    b.resize(1366, 768, False)
    b.events = []
    b.navigate('file://' + pages['whole'])
    if not b.eval("document.getElementById('trimmed').hidden"):
        raise Failure('whole.html says it kept only its newest ticks')
    want = []
    for k in range(kept):
        jump(b, first + k)
        want.append(view_of(b))

    b.navigate('file://' + pages['trimmed'])
    b.pump(0.3)
    if b.problems():
        raise Failure('trimmed.html: on load: %s' % '; '.join(b.problems()))
    banner = b.eval("[document.getElementById('trimmed').hidden,"
                    " document.getElementById('trimmed').textContent]")
    if banner[0] or str(trimmed['ticks'][0]['tick']) not in banner[1]:
        raise Failure('trimmed.html does not say from which tick it kept the run: %r' % banner)
    index = b.eval("Number(document.getElementById('tickview').dataset.index)")
    if index != 0:
        raise Failure('trimmed.html opens at index %d, not at its first kept tick' % index)
    chips = 0
    for k in range(kept):
        if k:
            b.key('ArrowRight', 'ArrowRight', 39)
        got = view_of(b)
        if got != want[k]:
            diff = {key: (got[key], want[k][key]) for key in got if got[key] != want[k].get(key)}
            raise Failure('trimmed.html at tick %d shows what whole.html does not (trimmed, whole): '
                          '%s' % (want[k]['tick'], json.dumps(diff, ensure_ascii=False)[:1500]))
        chips += sum(len(c) for _, c in got['lanes'])
    # At the last tick, against the whole trace itself: every socket open, and every byte each
    # client received from the run's start (most of them in the dropped ticks).
    with open(os.path.join(work, 'whole.json'), encoding='utf-8') as f:
        whole = json.load(f)
    got = b.eval("[[...document.querySelectorAll('#sockets tr[data-name]')].map(r => r.dataset.name),"
                 " Object.fromEntries([...document.querySelectorAll('#clients tr[data-client]')]"
                 ".map(r => [r.dataset.client, Number(r.dataset.bytes)]))]")
    open_names = sorted(s['name'] for s in sockets_before(whole, len(whole['ticks'])).values())
    if sorted(got[0]) != open_names:
        raise Failure('trimmed.html at its last tick lists the sockets %s, the trace has %s open'
                      % (sorted(got[0]), open_names))
    received = {}
    for t in whole['ticks']:
        for a in t.get('actions', []):
            if a['by'] == 'client' and a['call'] in ('recv', 'recvfrom'):
                data = base64.b64decode(a['b64']) if 'b64' in a else a.get('text', '').encode()
                received[a['client']] = received.get(a['client'], 0) + len(data)
    names = ['A', 'B', 'C']
    want_bytes = {names[c]: n for c, n in received.items()}
    if {k: v for k, v in got[1].items() if v} != want_bytes:
        raise Failure('trimmed.html at its last tick says the clients received %s bytes; the '
                      'trace says %s' % (got[1], want_bytes))
    # The ends of the slider and the keys are the kept ticks.
    b.key('Home', 'Home', 36)
    if view_of(b) != want[0]:
        raise Failure('trimmed.html: Home does not go back to the first kept tick')
    b.drag_slider_to_end()
    if view_of(b) != want[-1]:
        raise Failure('trimmed.html: the slider at its end is not the last tick')
    # The last tick is long past the lesson's script: the header says so, never "Tick N of M"
    # with N > M.
    last_tick = trimmed['ticks'][-1]['tick']
    ended = {'en': r"Tick (\d+) \(the lesson's script ended at tick (\d+)\)",
             'zh': r'第 (\d+) 拍（本课脚本在第 (\d+) 拍结束）'}
    for lang in ('en', 'zh'):
        b.click_element('#lang-' + lang)
        header = b.eval("document.getElementById('narration-tick').textContent")
        m = re.fullmatch(ended[lang], header)
        if not m or int(m.group(1)) != last_tick or not 0 < int(m.group(2)) < last_tick:
            raise Failure('trimmed.html at tick %d, past the script, in %s reads %r'
                          % (last_tick, lang, header))
    banner_zh = b.eval("document.getElementById('trimmed').textContent")
    if not any('\u4e00' <= c <= '\u9fff' for c in banner_zh) or \
            str(trimmed['ticks'][0]['tick']) not in banner_zh:
        raise Failure('trimmed.html in 中文 says %r at the top' % banner_zh)
    for width, height, mobile in SIZES:
        b.resize(width, height, mobile)
        for lang in ('zh', 'en'):
            b.click_element('#lang-' + lang)
            b.key('Home', 'Home', 36)
            for k in range(kept):
                if k:
                    b.key('ArrowRight', 'ArrowRight', 39)
                no_sideways_scroll(b, 'trimmed.html at %dx%d, %s, tick %d'
                                   % (width, height, lang, want[k]['tick']))
    b.pump(0.2)
    if b.problems():
        raise Failure('trimmed.html: %s' % '; '.join(b.problems()))
    print('ok  trimmed.html: kept %d of %d ticks (from tick %d), %d chips as whole.html shows '
          'them, %d KB (whole.html %d KB)'
          % (kept, first + kept, trimmed['ticks'][0]['tick'], chips,
             os.path.getsize(pages['trimmed']) // 1024, os.path.getsize(pages['whole']) // 1024))


def make_pages(muxlab, work, cases):
    """Runs muxlab for each (lesson, backend) case; returns [(page, trace json, lessonful)]."""
    out = []
    for lesson, backend in cases:
        stem = os.path.join(work, '%s-%s' % (lesson, backend))
        r = subprocess.run([muxlab, '--headless', '--lesson', lesson, '--backend', backend,
                            '--trace', stem + '.json', '--html', stem + '.html'],
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=120)
        if r.returncode != 0:
            raise Failure('muxlab --headless --lesson %s --backend %s --html exited %d: %s'
                          % (lesson, backend, r.returncode, r.stderr.decode(errors='replace')))
        out.append((stem + '.html', stem + '.json', True))
    # The same run again, from its saved trace.
    first_json = out[0][1]
    opened = os.path.join(work, 'from-trace.html')
    r = subprocess.run([muxlab, '--html', opened, '--open', first_json],
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=60)
    if r.returncode != 0:
        raise Failure('muxlab --html --open exited %d: %s' % (r.returncode, r.stderr.decode()))
    out.append((opened, first_json, True))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--chromium', default=shutil.which('chromium') or '')
    ap.add_argument('--muxlab', help='the built muxlab, to make the pages (test mode)')
    ap.add_argument('--long-traces', help='make_long_traces, for the trimmed page (test mode)')
    ap.add_argument('--page', help='an existing page (screenshot mode)')
    ap.add_argument('--screenshot', help='write a PNG of --page here')
    ap.add_argument('--size', default='1366x768')
    ap.add_argument('--lang', default='en')
    ap.add_argument('--tick', type=int, default=3, help='tick index shown in the screenshot')
    ap.add_argument('--timeout', type=float, default=150, help='seconds for the whole run')
    a = ap.parse_args()
    if not a.chromium or not os.access(a.chromium, os.X_OK):
        print('check_page: chromium is not installed (.ci/setup installs it): skipped')
        return 77
    started = time.monotonic()
    deadline = started + a.timeout
    work = tempfile.mkdtemp(prefix='muxlab-pages-')
    b = None
    try:
        if a.screenshot:
            width, height = (int(v) for v in a.size.split('x'))
            b = Browser(a.chromium, deadline)
            b.open_page()
            b.resize(width, height, width < 600)
            b.navigate('file://' + os.path.abspath(a.page))
            if a.lang != 'en':
                b.click_element('#lang-' + a.lang)
            for _ in range(a.tick):
                b.key('ArrowRight', 'ArrowRight', 39)
            b.eval('window.scrollTo(0, 0)')
            b.pump(1.0)  # the ready chips' fill animation
            b.screenshot(a.screenshot)
            if b.problems():
                raise Failure('; '.join(b.problems()))
            print('check_page: wrote %s' % a.screenshot)
            return 0
        cases = [('select-echo', 'select'), ('select-echo', 'poll'), ('select-echo', 'epoll')]
        pages = make_pages(a.muxlab, work, cases)
        b = Browser(a.chromium, deadline)
        b.open_page()
        for page, trace_path, lessonful in pages:
            with open(trace_path, encoding='utf-8') as f:
                trace = json.load(f)
            n, judged = check_page(b, page, trace, lessonful)
            print('ok  %s: %d KB, %d ticks, %d ready chips at tick 3, %d question judged, '
                  'no sideways scroll at 1366x768 and 390x844'
                  % (os.path.basename(page), os.path.getsize(page) // 1024, len(trace['ticks']),
                     n, judged))
        if a.long_traces:
            check_trimmed(b, a.muxlab, a.long_traces, work)
        print('check_page: every page passed in %.1f s' % (time.monotonic() - started))
        return 0
    except (Failure, subprocess.TimeoutExpired, OSError) as e:
        print('FAIL %s' % e)
        return 1
    finally:
        if b:
            try:
                b.close()
            except Failure as e:
                print('FAIL %s' % e)
                sys.exit(1)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == '__main__':
    sys.exit(main())
