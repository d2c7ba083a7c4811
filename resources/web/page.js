// muxlab's shared run: replays a recorded run tick by tick, as the window's tick view,
// narration, program and syscall log show it. Everything shown is read from the run's JSON
// (the trace exactly as muxlab saves it, delta-encoded, plus the syscall log lines muxlab
// formatted); the chips are computed from it the way the window's TickViewModel computes them.
(function () {
  'use strict';

  const run = JSON.parse(document.getElementById('muxlab-run').textContent);
  const ticks = run.trace.ticks;
  const lesson = run.lesson || null;
  const last = ticks.length - 1;
  // A run that kept only its newest ticks: what the dropped ones left behind at the end of the
  // tick before the first kept one (the interest then passed in, the sockets open, their last
  // probes and bytes counted, what each client had received), as Trace::toJson writes it. The
  // replay starts from it instead of from nothing.
  const base = run.trace.before_first || null;

  // Words
  // The window's own translations (resources/translations/muxlab_zh_CN.ts) for what both
  // show; a few sentences are the page's own (it has keys, not F10).
  const ZH = {
    'Back': '后退',
    'Step': '单步',
    'Back one tick (←)': '后退一拍（←）',
    'Step one tick (→)': '前进一拍（→）',
    'Tick': '拍',
    'Syscall log': '系统调用日志',
    'tick %1': '第 %1 拍',
    'Tick %1 of %2': '第 %1 / %2 拍',
    'Tick %1': '第 %1 拍',
    'Tick %1 (the lesson\'s script ended at tick %2)': '第 %1 拍（本课脚本在第 %2 拍结束）',
    'passed in': '传入',
    'came back ready': '就绪返回',
    'appended for the next call': '为下次调用追加',
    'removed': '已移除',
    'pollfd array': 'pollfd 数组',
    'interest list': '关注列表',
    'ready list': '就绪列表',
    'ready to read': '可读',
    'ready to write': '可写',
    'exceptional': '异常',
    '%n passed in': '传入 %n 个',
    '%n ready': '就绪 %n 个',
    '(empty: no socket in this list)': '（空：这个列表里没有套接字）',
    '(timeout: nothing was ready)': '（超时：没有任何套接字就绪）',
    'setup: the program opens its listeners and sets its first interest':
      '初始化：程序打开监听套接字，设置最初的关注列表',
    'Nothing has been called yet: the next step (→) makes the first call with the lists below.':
      '还没有发起任何调用：下一拍（→）用下面的列表发起第一次调用。',
    '%n waiting in the backlog': '积压队列中有 %n 个连接',
    'backlog empty': '积压队列为空',
    '%n bytes of datagrams': '%n 字节数据报待读',
    '%n bytes to read': '%n 字节待读',
    'FIN seen: peer closed': '收到 FIN：对方已关闭',
    'RST seen: peer reset': '收到 RST：对方已重置',
    'nothing to read': '没有可读数据',
    'no room to send (%n bytes unacked)': '发送缓冲区已满（%n 字节未确认）',
    'no room to send': '发送缓冲区已满',
    'room to send (%n bytes unacked)': '发送缓冲区有空间（%n 字节未确认）',
    'room to send': '发送缓冲区有空间',
    'urgent data (MSG_OOB)': '有紧急数据（MSG_OOB）',
    'no urgent data': '没有紧急数据',
    'hang-up: both directions closed': '挂断：双向都已关闭',
    'socket error pending': '套接字有待处理的错误',
    'not an open descriptor': '不是已打开的描述符',
    'added for the next call': '为下次调用而加入',
    'Correction: here the document is wrong or incomplete; this is what the kernel does.':
      '纠正：文档在这里有误或不完整；以下是内核的实际行为。',
    'Nothing new is scripted for this tick.': '这一拍没有安排新的动作。',
    "The lesson's script had ended by this tick: what follows is what the run recorded next.":
      '到这一拍课程脚本已经结束：后面是这次运行接着记录下来的内容。',
    'Saved trace: %1': '保存的轨迹：%1',
    'Browsing only: step back and forward through what was recorded.':
      '仅供浏览：在记录的各拍之间前后切换。',
    'Predict the next tick': '预测下一拍',
    'The question of this tick': '这一拍的问题',
    'Right! The kernel returned %1.': '答对了！内核返回了 %1。',
    'Not quite. You picked %1; the kernel returned %2.': '不太对。你选的是 %1；内核返回的是 %2。',
    'The kernel returned %1.': '内核返回了 %1。',
    'nothing': '无',
    '%1: %2': '%1：%2',
    'nothing: the call times out': '都不会：调用超时',
    'Tick the sockets you expect to come back ready (none for a timeout), then step (→).':
      '勾选你认为会就绪返回的套接字（超时则不选），然后单步（→）。',
    'server': '服务器',
    'client %1': '客户端 %1',
    '# setup': '# 初始化',
    'timeout': '超时',
    'nothing ready (a real call would still be waiting)': '没有就绪的（真实的调用此刻还在等待）',
    'This line performs: %1': '这一行执行：%1',
    'This line performs: %1 (branch: %2)': '这一行执行：%1（分支：%2）',
    '%1 (%2, fd %3)\n%4': '%1（%2，fd %3）\n%4',
    'Recorded by muxlab: %n ticks on %1. ← and → step through them.':
      '由 muxlab 记录：%1 上的 %n 拍。用 ← 和 → 逐拍查看。',
    'Sockets': '套接字',
    'Clients': '客户端',
    'fd': 'fd',
    'Socket': '套接字',
    'Bytes in': '收到字节',
    'Bytes out': '发出字节',
    'Client': '客户端',
    'Received so far': '目前收到的',
    '%n bytes': '%n 字节',
    'nothing yet': '还没有',
    'At the end of tick %1': '第 %1 拍结束时',
    'This run kept only its ticks from tick %1 on; what came before is summarised as the state the page starts from.':
      '这次运行只保留了第 %1 拍及以后的各拍；之前发生的一切汇总为本页开始时的状态。',
  };

  let lang = run.langs.indexOf(run.lang) >= 0 ? run.lang : run.langs[0];

  // tr('%1 of %2', a, b) and trn('%n ready', n): the window's tr() with its %1 and %n.
  function tr(text) {
    let s = lang === 'zh' && ZH[text] ? ZH[text] : text;
    for (let i = 1; i < arguments.length; ++i)
      s = s.split('%' + i).join(String(arguments[i]));
    return s;
  }
  function trn(text, n) {
    return tr(text).split('%n').join(String(n));
  }

  // Events, as kFlagTable names them
  const READABLE = 1, WRITABLE = 2, EXCEPTIONAL = 4, HANGUP = 8, FAILED = 16, INVALID = 32;

  function eventsText(e, backend) {
    if (!e)
      return '0';
    const names = [];
    for (const [bit, pollName, epollName] of run.flags) {
      if (!(e & bit))
        continue;
      if (backend === 'poll')
        names.push(pollName);
      else if (backend === 'epoll' || backend === 'epoll-et')
        names.push(epollName);
      else
        names.push(pollName.slice(4));
    }
    return names.join(backend === 'select' ? ' ' : '|');
  }

  // What a learner picks is named as the call names it (rlist, POLLIN, EPOLLIN).
  function listName(list, backend) {
    const i = list === 'r' ? 0 : list === 'w' ? 1 : 2;
    if (backend === 'select')
      return ['rlist', 'wlist', 'xlist'][i];
    if (backend === 'poll')
      return ['POLLIN', 'POLLOUT', 'POLLPRI'][i];
    return ['EPOLLIN', 'EPOLLOUT', 'EPOLLPRI'][i];
  }
  const LISTS = [['r', READABLE], ['w', WRITABLE], ['x', EXCEPTIONAL]];

  // Replaying the trace
  // The state after tick j: the interest passed in at j (keyframes and deltas, as Trace
  // replays them), the sockets open at its end and their latest probes. Reading tick after
  // tick moves one cursor forward; a jump back starts from the nearest saved checkpoint.
  // Besides: the bytes each socket took in and put out (Trace::trafficAt) and what each client
  // received (Trace::receivedByClients), as {bytes, tail}: the page shows only the end of it.
  function emptyState() {
    const s = { at: -1, interest: [], sockets: new Map(), probes: new Map(),
      traffic: new Map(), received: new Map() };
    if (base) {
      s.interest = (base.interest || []).map((e) => [e[0], e[1]]);
      for (const o of base.sockets || [])
        s.sockets.set(o.fd, o);
      for (const p of base.probes || [])
        s.probes.set(p[0], probeOf(p));
      for (const [fd, bytesIn, bytesOut] of base.traffic || [])
        s.traffic.set(fd, [bytesIn, bytesOut]);
      for (const r of base.received || [])
        receive(s.received, r.client, r);
    }
    return s;
  }
  function cloneState(s) {
    return { at: s.at, interest: s.interest.slice(), sockets: new Map(s.sockets),
      probes: new Map(s.probes), traffic: new Map(s.traffic), received: new Map(s.received) };
  }
  // A payload as the trace carries it: "text", "b64" (bytes that are not UTF-8), or only its
  // size when the page's copy left it out.
  const TAIL = 48;
  function payload(o) {
    if (o.omitted_bytes !== undefined)
      return { bytes: o.omitted_bytes, text: null };
    if (o.b64 !== undefined) {
      const raw = atob(o.b64);
      let text = '';
      for (const ch of raw) {
        const c = ch.charCodeAt(0);
        text += c >= 32 && c < 127 ? ch : '\\x' + c.toString(16).padStart(2, '0');
      }
      return { bytes: raw.length, text };
    }
    const text = o.text || '';
    return { bytes: new TextEncoder().encode(text).length, text };
  }
  function receive(received, client, o) {
    const p = payload(o);
    if (!p.bytes && p.text === '')
      return;
    const had = received.get(client) || { bytes: 0, tail: '' };
    const tail = p.text === null ? '…' : had.tail + p.text;
    received.set(client, { bytes: had.bytes + p.bytes,
      tail: tail.length > TAIL ? '…' + tail.slice(tail.length - TAIL) : tail });
  }
  const RECV = new Set(['recv', 'recvfrom', 'recv_oob']);
  const SEND = new Set(['send', 'sendto', 'send_oob']);
  function applyDelta(interest, delta) {
    for (const [fd, events] of delta) {
      const k = interest.findIndex((e) => e[0] === fd);
      if (events === 0) {
        if (k >= 0)
          interest.splice(k, 1);
      } else if (k < 0) {
        interest.push([fd, events]);
      } else {
        interest[k] = [fd, events];
      }
    }
  }
  function probeOf(p) {
    return { fd: p[0], readable: p[1], unsent: p[2], backlog: p[3], tcpState: p[4] };
  }
  function advance(s) {
    const t = ticks[++s.at];
    if (t.interest)
      s.interest = t.interest.map((e) => [e[0], e[1]]);
    else
      applyDelta(s.interest, t.interest_delta || []);
    for (const fd of t.closed || []) {
      s.sockets.delete(fd);
      s.probes.delete(fd);
    }
    for (const o of t.opened || []) {
      s.sockets.set(o.fd, o);
      s.traffic.delete(o.fd); // a reused fd starts again at 0
    }
    for (const p of t.probes || [])
      s.probes.set(p[0], probeOf(p));
    for (const a of t.actions || []) {
      if (a.by === 'client' && (a.call === 'recv' || a.call === 'recvfrom'))
        receive(s.received, a.client, a);
      if (a.fd < 0 || !(a.ret > 0) || a.errno)
        continue;
      const counted = s.traffic.get(a.fd) || [0, 0];
      if (RECV.has(a.call))
        s.traffic.set(a.fd, [counted[0] + a.ret, counted[1]]);
      else if (SEND.has(a.call))
        s.traffic.set(a.fd, [counted[0], counted[1] + a.ret]);
    }
  }
  const CHECKPOINT_EVERY = 64;
  const checkpoints = [];
  let cursorState = emptyState();
  function stateAt(i) {
    if (i < 0)
      return emptyState();
    if (cursorState.at > i) {
      const k = Math.floor(i / CHECKPOINT_EVERY) - 1;
      cursorState = k >= 0 && checkpoints[k] ? cloneState(checkpoints[k]) : emptyState();
    }
    while (cursorState.at < i) {
      advance(cursorState);
      const k = (cursorState.at + 1) / CHECKPOINT_EVERY - 1;
      if (Number.isInteger(k) && !checkpoints[k])
        checkpoints[k] = cloneState(cursorState);
    }
    return cursorState;
  }

  // Everything the panes need about tick index i (the window's TickSnapshot).
  function snapshot(i) {
    const t = ticks[i];
    const before = stateAt(i - 1);
    const socketsBefore = new Map(before.sockets);
    const probesAtCall = new Map(before.probes);
    for (const p of t.probes_at_call || [])
      probesAtCall.set(p[0], probeOf(p));
    const after = stateAt(i);
    const interestIn = t.setup ? [] : after.interest.slice();
    const socketsAfter = new Map(after.sockets);
    const trafficAfter = new Map(after.traffic);
    const receivedAfter = new Map(after.received);
    let interestAfter;
    if (i < last) {
      interestAfter = stateAt(i + 1).interest.slice();
    } else {
      // The newest tick: rebuilt from its recorded list changes, as Trace::interestAfter does.
      interestAfter = after.interest.slice();
      const delta = [];
      for (const a of t.actions || [])
        if (a.by === 'server' && !a.errno &&
            (a.call === 'watch' || a.call === 'modify' || a.call === 'unwatch'))
          delta.push([a.fd, a.arg || 0]);
      applyDelta(interestAfter, delta);
    }
    const sockets = new Map(socketsBefore);
    for (const [fd, s] of socketsAfter)
      sockets.set(fd, s);
    const ready = new Map();
    for (const [fd, e] of t.ready || [])
      ready.set(fd, (ready.get(fd) || 0) | e);
    return { index: i, t, interestIn, interestAfter, ready, sockets, socketsBefore, socketsAfter,
      probesAtCall, trafficAfter, receivedAfter };
  }
  function info(snap, fd) {
    return snap.sockets.get(fd) ||
      { fd, role: 'external', name: 'fd' + fd, label: 'fd ' + fd };
  }

  // Why ready (the window's ReadyReason)
  function peerEnd(p) {
    return run.peer_end[p.tcpState] || '';
  }
  function readReason(s, p) {
    if (s.role === 'listener')
      return p.backlog > 0 ? trn('%n waiting in the backlog', p.backlog) : tr('backlog empty');
    const parts = [];
    if (p.readable > 0)
      parts.push(s.role === 'udp' ? trn('%n bytes of datagrams', p.readable)
        : trn('%n bytes to read', p.readable));
    if (peerEnd(p) === 'fin')
      parts.push(tr('FIN seen: peer closed'));
    else if (peerEnd(p) === 'rst')
      parts.push(tr('RST seen: peer reset'));
    if (!parts.length)
      parts.push(tr('nothing to read'));
    return parts.join(', ');
  }
  function writeReason(p, writable) {
    if (!writable)
      return p.unsent > 0 ? trn('no room to send (%n bytes unacked)', p.unsent)
        : tr('no room to send');
    return p.unsent > 0 ? trn('room to send (%n bytes unacked)', p.unsent) : tr('room to send');
  }
  function readyReason(lane, s, p, requested, returned) {
    if (!p)
      return '';
    switch (lane) {
    case 'read':
      return readReason(s, p);
    case 'write':
      return writeReason(p, returned & WRITABLE);
    case 'except':
      // On Linux the only thing select reports in the xlist is urgent (MSG_OOB) data.
      return returned & EXCEPTIONAL ? tr('urgent data (MSG_OOB)') : tr('no urgent data');
    default: {
      const parts = [];
      if ((requested | returned) & READABLE)
        parts.push(readReason(s, p));
      if ((requested | returned) & WRITABLE)
        parts.push(writeReason(p, returned & WRITABLE));
      if (returned & EXCEPTIONAL)
        parts.push(tr('urgent data (MSG_OOB)'));
      if (returned & HANGUP)
        parts.push(tr('hang-up: both directions closed'));
      if (returned & FAILED)
        parts.push(tr('socket error pending'));
      if (returned & INVALID)
        parts.push(tr('not an open descriptor'));
      return parts.join('; ');
    }
    }
  }

  // Lanes and chips (the window's TickViewModel)
  const LANES = {
    read: ['rlist', 'ready to read'],
    write: ['wlist', 'ready to write'],
    except: ['xlist', 'exceptional'],
    pollfds: ['pollfd array', 'events → revents'],
    interest: ['interest list', 'epoll_ctl'],
    ready: ['ready list', 'epoll_wait'],
  };

  function selectLane(snap, kind, bit) {
    const after = new Map(snap.interestAfter);
    const entries = [];
    const seen = new Set();
    for (const [fd, events] of snap.interestIn) {
      if (!(events & bit))
        continue;
      const returned = (snap.ready.get(fd) || 0) & bit;
      const s = info(snap, fd);
      entries.push({ info: s, passedIn: true, ready: !!returned,
        change: (after.get(fd) || 0) & bit ? '' : 'removed',
        reason: readyReason(kind, s, snap.probesAtCall.get(fd), bit, returned) });
      seen.add(fd);
    }
    for (const [fd, events] of snap.interestAfter)
      if (events & bit && !seen.has(fd))
        entries.push({ info: info(snap, fd), passedIn: false, ready: false, change: 'appended',
          reason: tr('added for the next call') });
    return { kind, entries };
  }

  function maskLane(snap, kind, backend) {
    const after = new Map(snap.interestAfter);
    const entries = [];
    const seen = new Set();
    for (const [fd, requested] of snap.interestIn) {
      const afterEv = after.get(fd) || 0;
      const returned = snap.ready.get(fd) || 0;
      const s = info(snap, fd);
      const change = !afterEv ? 'removed' : afterEv !== requested ? 'modified' : '';
      const req = change === 'modified'
        ? eventsText(requested, backend) + ' → ' + eventsText(afterEv, backend)
        : eventsText(requested, backend);
      const ret = returned ? eventsText(returned, backend) : '';
      entries.push({ info: s, passedIn: true, ready: returned !== 0, change,
        events: ret ? req + ' ⇒ ' + ret : req,
        reason: readyReason(kind, s, snap.probesAtCall.get(fd), requested, returned) });
      seen.add(fd);
    }
    for (const [fd, events] of snap.interestAfter)
      if (!seen.has(fd))
        entries.push({ info: info(snap, fd), passedIn: false, ready: false, change: 'appended',
          events: eventsText(events, backend), reason: tr('added for the next call') });
    return { kind, entries };
  }

  function readyLane(snap, backend) {
    // epoll_wait hands back only the ready ones, in the kernel's order.
    const entries = [];
    for (const [fd, returned] of snap.t.ready || []) {
      const s = info(snap, fd);
      entries.push({ info: s, passedIn: true, ready: true, change: '',
        events: eventsText(returned, backend),
        reason: readyReason('ready', s, snap.probesAtCall.get(fd), 0, returned) });
    }
    return { kind: 'ready', entries };
  }

  function lanesOf(snap) {
    const b = snap.t.backend;
    if (b === 'select')
      return [selectLane(snap, 'read', READABLE), selectLane(snap, 'write', WRITABLE),
        selectLane(snap, 'except', EXCEPTIONAL)];
    if (b === 'poll')
      return [maskLane(snap, 'pollfds', b)];
    return [maskLane(snap, 'interest', b), readyLane(snap, b)];
  }

  // The page
  const $ = (id) => document.getElementById(id);
  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls)
      e.className = cls;
    if (text !== undefined)
      e.textContent = text;
    return e;
  }

  let cursor = 0;
  let previous = -2; // the index shown before, to animate only a single step forward
  const predictions = new Map(); // tick number -> {r, w, x}: what the learner picked

  function stepAt(tick) {
    if (!lesson)
      return null;
    return lesson.steps.find((s) => s.tick === tick) || null;
  }

  function renderChrome() {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    for (const e of document.querySelectorAll('[data-t]'))
      e.textContent = tr(e.dataset.t);
    $('back').title = tr('Back one tick (←)');
    $('back').setAttribute('aria-label', tr('Back one tick (←)'));
    $('forward').title = tr('Step one tick (→)');
    $('forward').setAttribute('aria-label', tr('Step one tick (→)'));
    $('slider').setAttribute('aria-label', tr('Tick'));
    if (lesson) {
      $('title').textContent = lesson.title[lang] || lesson.title.en;
      $('section').textContent = lesson.section[lang] || lesson.section.en;
      document.title = $('title').textContent + ' — muxlab';
    } else {
      $('title').textContent = tr('Saved trace: %1', run.title || run.trace.lesson || 'muxlab');
      $('section').textContent = tr('Browsing only: step back and forward through what was recorded.');
    }
    $('backend').textContent = run.trace.backend;
    const trimmed = $('trimmed');
    trimmed.hidden = !base;
    trimmed.textContent = base ? tr('This run kept only its ticks from tick %1 on; what came ' +
      'before is summarised as the state the page starts from.', ticks[0].tick) : '';
    const langs = $('langs');
    langs.textContent = '';
    if (run.langs.length > 1)
      for (const [code, name] of [['zh', '中文'], ['en', 'English']]) {
        const b = el('button', '', name);
        b.type = 'button';
        b.id = 'lang-' + code;
        b.setAttribute('aria-pressed', String(code === lang));
        b.addEventListener('click', () => setLang(code));
        langs.appendChild(b);
      }
    const legend = $('legend');
    legend.textContent = '';
    for (const [cls, mark, text] of [['', '', 'passed in'], ['s-ready', '', 'came back ready'],
      ['s-appended', '+', 'appended for the next call'], ['s-removed', '−', 'removed']]) {
      const li = el('li');
      li.appendChild(el('span', 'swatch ' + cls, mark));
      li.appendChild(el('span', '', tr(text)));
      legend.appendChild(li);
    }
    $('footer').textContent =
      trn('Recorded by muxlab: %n ticks on %1. ← and → step through them.', ticks.length)
        .split('%1').join(run.trace.backend);
    renderProgram();
  }

  function renderProgram() {
    const box = $('program-box');
    const ol = $('program');
    ol.textContent = '';
    box.hidden = !lesson || !lesson.python.length;
    if (box.hidden)
      return;
    for (const [code, tag] of lesson.python) {
      const li = el('li', '', code);
      li.dataset.tag = tag;
      const [call, branch] = tag.split('@');
      if (branch)
        li.title = tr('This line performs: %1 (branch: %2)', call, branch);
      else if (tag)
        li.title = tr('This line performs: %1', tag);
      ol.appendChild(li);
    }
  }

  function renderTick(snap) {
    const t = snap.t;
    const view = $('tickview');
    view.dataset.index = String(snap.index);
    view.dataset.tick = String(t.tick);
    $('tick-title').textContent = tr('tick %1', t.tick);
    const log = run.log[snap.index];
    const returned = $('returned');
    if (t.setup) {
      $('call').textContent = tr('setup: the program opens its listeners and sets its first interest');
      returned.textContent = tr(
        'Nothing has been called yet: the next step (→) makes the first call with the lists below.');
      returned.className = 'returned setup';
    } else {
      $('call').textContent = log[0];
      returned.textContent = log[1] + (t.ret === 0 ? '   ' + tr('(timeout: nothing was ready)') : '');
      returned.className = t.ret > 0 ? 'returned' : 'returned none';
    }

    const lanes = $('lanes');
    lanes.textContent = '';
    lanes.classList.toggle('stepped', snap.index === previous + 1);
    for (const lane of lanesOf(snap)) {
      const box = el('div', 'lane');
      box.dataset.lane = lane.kind;
      const head = el('div', 'lane-head');
      head.appendChild(el('div', 'lane-title', tr(LANES[lane.kind][0])));
      head.appendChild(el('div', 'lane-sub', tr(LANES[lane.kind][1])));
      const passed = lane.entries.filter((e) => e.passedIn).length;
      const ready = lane.entries.filter((e) => e.ready).length;
      head.appendChild(el('div', 'lane-count',
        trn('%n passed in', passed) + ' · ' + trn('%n ready', ready)));
      box.appendChild(head);
      const chips = el('div', 'chips');
      if (!lane.entries.length)
        chips.appendChild(el('span', 'empty', tr('(empty: no socket in this list)')));
      for (const e of lane.entries) {
        const chip = el('div', 'chip r-' + e.info.role + (e.ready ? ' ready' : '') +
          (e.change ? ' ' + e.change : ''));
        chip.dataset.name = e.info.name;
        chip.dataset.fd = String(e.info.fd);
        chip.dataset.ready = e.ready ? '1' : '0';
        chip.dataset.change = e.change;
        chip.title = tr('%1 (%2, fd %3)\n%4', e.info.label, e.info.name, e.info.fd, e.reason);
        const mark = e.change === 'appended' ? '+' : e.change === 'removed' ? '−'
          : e.change === 'modified' ? '~' : e.ready ? '✓' : '';
        if (mark)
          chip.appendChild(el('span', 'mark', mark));
        chip.appendChild(el('span', 'label', e.info.label || e.info.name));
        if (e.events !== undefined)
          chip.appendChild(el('span', 'events', e.events));
        chip.appendChild(el('span', 'reason', e.reason));
        chips.appendChild(chip);
      }
      box.appendChild(chips);
      lanes.appendChild(box);
    }
  }

  function renderLog(snap) {
    const t = snap.t;
    const log = run.log[snap.index];
    const table = $('log');
    table.textContent = '';
    function row(who, text, isCall) {
      const tr_ = el('tr', isCall ? 'call' : '');
      tr_.appendChild(el('td', 'who', who));
      tr_.appendChild(el('td', 'text', text));
      table.appendChild(tr_);
    }
    // In the order things happened, as the window's log lists them: the clients act, then the
    // call, then the server handles what came back and the clients read its replies.
    const actions = t.actions || [];
    const beforeCall = t.before_call !== undefined ? t.before_call : leadingClientActions(actions);
    function actionRow(a, k) {
      const who = a.by === 'client'
        ? tr('client %1', run.clients[a.client] !== undefined ? run.clients[a.client] : a.client)
        : tr('server');
      row(who, log[2 + k], false);
    }
    actions.slice(0, beforeCall).forEach((a, k) => actionRow(a, k));
    if (t.setup) {
      row(tr('server'), tr('# setup'), true);
    } else {
      let line = log[0] + log[1];
      // With no timeout a real call cannot return 0: step mode returned because no client
      // could act. "timeout" there would teach a wrong fact about select(..., None).
      if (t.ret === 0 && !t.errno)
        line += '   # ' + (t.timeout_ms < 0
          ? tr('nothing ready (a real call would still be waiting)') : tr('timeout'));
      row(tr('server'), line, true);
    }
    actions.slice(beforeCall).forEach((a, k) => actionRow(a, beforeCall + k));
  }

  // A trace that does not say how many actions came before its call (one written before it
  // could): the clients' leading actions did, as muxlab reads it.
  function leadingClientActions(actions) {
    let n = 0;
    while (n < actions.length && actions[n].by === 'client')
      ++n;
    return n;
  }

  // The lines that made the tick, as muxlab decided them (Lesson::litLines) for each tick.
  function renderProgramLight(snap) {
    const lit = new Set((run.lit && run.lit[snap.index]) || []);
    const lines = $('program').children;
    for (let r = 0; r < lines.length; ++r)
      lines[r].classList.toggle('lit', lit.has(r));
  }

  // The sockets that came back ready at tick index i, by list, by stable name (the window's
  // LessonRun::readyNamesAt with socketNameAt: a socket is named as it was before the call).
  function kernelNames(snap) {
    const names = { r: [], w: [], x: [] };
    const openedNow = new Map((snap.t.opened || []).map((s) => [s.fd, s]));
    for (const [fd, e] of snap.t.ready || []) {
      const s = snap.socketsBefore.get(fd) || openedNow.get(fd);
      const name = s ? s.name : 'fd' + fd;
      for (const [list, bit] of LISTS)
        if (e & bit)
          names[list].push(name);
    }
    return names;
  }
  function sameNames(a, b) {
    const same = (x, y) => x.length === y.length &&
      x.slice().sort().every((v, k) => v === y.slice().sort()[k]);
    return same(a.r, b.r) && same(a.w, b.w) && same(a.x, b.x);
  }
  function namesText(n, snap) {
    // Named as they were before the call, then as they are after it (a socket closed this
    // tick keeps its label).
    const labels = new Map();
    for (const s of snap.socketsAfter.values())
      labels.set(s.name, s.label);
    for (const s of snap.socketsBefore.values())
      labels.set(s.name, s.label);
    const list = (names) => names.length
      ? names.map((nm) => labels.get(nm) || nm).join(', ') : tr('nothing');
    const b = snap.t.backend;
    const parts = [tr('%1: %2', listName('r', b), list(n.r))];
    if (n.w.length)
      parts.push(tr('%1: %2', listName('w', b), list(n.w)));
    if (n.x.length)
      parts.push(tr('%1: %2', listName('x', b), list(n.x)));
    return parts.join(' · ');
  }

  // "L0" in a lesson's text reads as its chip does ("listener :9991"): one name per socket.
  function nameSockets(text, snap) {
    const byName = new Map();
    for (const table of [snap.sockets, snapshot(0).sockets])
      for (const s of table.values())
        if (!byName.has(s.name))
          byName.set(s.name, s.label || s.name);
    return text.replace(/\b[LU]\d+\b/g, (name) => byName.get(name) || name);
  }

  function renderNarration(snap) {
    const t = snap.t;
    // Past the script's end the server still runs: never "tick 9 of 7" (as the window says it).
    const scripted = lesson ? lesson.ticks : 0;
    $('narration-tick').textContent = !scripted ? tr('Tick %1', t.tick)
      : t.tick <= scripted ? tr('Tick %1 of %2', t.tick, scripted)
      : tr('Tick %1 (the lesson\'s script ended at tick %2)', t.tick, scripted);
    const step = t.tick ? stepAt(t.tick) : null;
    const correction = $('correction');
    correction.hidden = !(step && step.correction);
    correction.textContent = step && step.correction
      ? tr('Correction: here the document is wrong or incomplete; this is what the kernel does.')
      : '';
    let say;
    if (t.setup)
      say = lesson ? lesson.summary[lang] || lesson.summary.en : '';
    else if (step)
      say = step.say[lang] || step.say.en;
    else if (lesson && t.tick > lesson.ticks)
      say = tr("The lesson's script had ended by this tick: what follows is what the run recorded next.");
    else
      say = tr('Nothing new is scripted for this tick.');
    $('say').textContent = nameSockets(say, snap);

    // The question: asked before its tick, judged against the kernel once it has run.
    const q = $('question');
    const next = snap.index < last ? stepAt(ticks[snap.index + 1].tick) : null;
    q.hidden = true;
    $('verdict').hidden = true;
    $('choices').textContent = '';
    if (next && next.ask) {
      q.hidden = false;
      q.dataset.mode = 'ask';
      $('question-title').textContent = tr('Predict the next tick');
      $('question-ask').textContent = nameSockets(next.ask[lang] || next.ask.en, snap);
      $('question-hint').hidden = false;
      $('question-hint').textContent =
        tr('Tick the sockets you expect to come back ready (none for a timeout), then step (→).');
      buildChoices(snap, next.tick);
    } else if (step && step.ask) {
      q.hidden = false;
      q.dataset.mode = 'verdict';
      $('question-title').textContent = tr('The question of this tick');
      $('question-ask').textContent = nameSockets(step.ask[lang] || step.ask.en, snap);
      $('question-hint').hidden = true;
      const kernel = kernelNames(snap);
      const v = $('verdict');
      v.hidden = false;
      if (predictions.has(t.tick)) {
        const guess = predictions.get(t.tick);
        const right = sameNames(guess, kernel);
        v.className = 'verdict ' + (right ? 'right' : 'wrong');
        v.dataset.verdict = right ? 'right' : 'wrong';
        v.textContent = right ? tr('Right! The kernel returned %1.', namesText(kernel, snap))
          : tr('Not quite. You picked %1; the kernel returned %2.', namesText(guess, snap),
            namesText(kernel, snap));
      } else {
        v.className = 'verdict';
        v.dataset.verdict = '';
        v.textContent = tr('The kernel returned %1.', namesText(kernel, snap));
      }
    }
  }

  function buildChoices(snap, tick) {
    const box = $('choices');
    const b = snap.t.backend;
    const picked = predictions.get(tick);
    const boxes = [];
    function store() {
      const any = boxes.some(([input]) => input.checked);
      if (!any) { // every box cleared again: no answer, not "nothing"
        predictions.delete(tick);
        return;
      }
      const n = { r: [], w: [], x: [] };
      for (const [input, list, name] of boxes)
        if (input.checked && list !== '-')
          n[list].push(name);
      predictions.set(tick, n);
    }
    for (const [list, bit] of LISTS) {
      const infos = snap.interestAfter.filter(([, e]) => e & bit)
        .map(([fd]) => snap.socketsAfter.get(fd) || info(snap, fd));
      if (!infos.length)
        continue;
      const row = el('div', 'row');
      row.appendChild(el('span', 'list', listName(list, b)));
      for (const s of infos) {
        const label = el('label');
        const input = el('input');
        input.type = 'checkbox';
        input.dataset.list = list;
        input.dataset.name = s.name;
        input.checked = !!picked && picked[list].indexOf(s.name) >= 0;
        label.appendChild(input);
        label.appendChild(document.createTextNode(s.label || s.name));
        row.appendChild(label);
        boxes.push([input, list, s.name]);
      }
      box.appendChild(row);
    }
    // "Nothing" is an answer too (a timeout), distinct from not answering at all.
    const none = el('label');
    const noneInput = el('input');
    noneInput.type = 'checkbox';
    noneInput.dataset.list = '-';
    noneInput.checked = !!picked && !picked.r.length && !picked.w.length && !picked.x.length;
    none.appendChild(noneInput);
    none.appendChild(document.createTextNode(tr('nothing: the call times out')));
    const noneRow = el('div', 'row');
    noneRow.appendChild(none);
    box.appendChild(noneRow);
    boxes.push([noneInput, '-', '']);
    for (const [input, list] of boxes)
      input.addEventListener('change', () => {
        if (input.checked)
          for (const [other, otherList] of boxes)
            if ((list === '-') !== (otherList === '-'))
              other.checked = false;
        store();
      });
  }

  // The sockets open and what each client received, at the end of the tick (the window's
  // Sockets and Clients tabs).
  function renderState(snap) {
    $('state-tick').textContent = tr('At the end of tick %1', snap.t.tick);
    const sockets = $('sockets');
    sockets.textContent = '';
    const head = el('tr');
    for (const h of ['fd', 'Socket', 'Bytes in', 'Bytes out'])
      head.appendChild(el('th', '', tr(h)));
    sockets.appendChild(head);
    for (const s of [...snap.socketsAfter.values()].sort((a, b) => a.fd - b.fd)) {
      const row = el('tr', 'r-' + s.role);
      row.dataset.name = s.name;
      const counted = snap.trafficAfter.get(s.fd) || [0, 0];
      row.appendChild(el('td', 'num', String(s.fd)));
      const label = el('td', 'label', s.label || s.name);
      label.title = s.name;
      row.appendChild(label);
      row.appendChild(el('td', 'num', String(counted[0])));
      row.appendChild(el('td', 'num', String(counted[1])));
      sockets.appendChild(row);
    }
    const clients = $('clients');
    clients.textContent = '';
    const names = run.clients.length ? run.clients.slice() : [];
    for (const c of snap.receivedAfter.keys())
      while (names.length <= c)
        names.push(String(names.length));
    $('clients-box').hidden = !names.length;
    if (!names.length)
      return;
    const chead = el('tr');
    for (const h of ['Client', 'Received so far'])
      chead.appendChild(el('th', '', tr(h)));
    clients.appendChild(chead);
    names.forEach((name, c) => {
      const got = snap.receivedAfter.get(c);
      const row = el('tr');
      row.dataset.client = name;
      row.dataset.bytes = String(got ? got.bytes : 0);
      row.appendChild(el('td', '', name));
      const cell = el('td', 'received');
      if (got) {
        cell.appendChild(el('span', 'bytes', trn('%n bytes', got.bytes)));
        cell.appendChild(el('span', 'tail', got.tail));
      } else {
        cell.appendChild(el('span', 'muted', tr('nothing yet')));
      }
      row.appendChild(cell);
      clients.appendChild(row);
    });
  }

  function render() {
    const snap = snapshot(cursor);
    renderTick(snap);
    renderState(snap);
    renderNarration(snap);
    renderProgramLight(snap);
    renderLog(snap);
    const slider = $('slider');
    slider.max = String(last);
    slider.value = String(cursor);
    $('position').textContent = ticks[cursor].tick + ' / ' + ticks[last].tick;
    $('back').disabled = cursor === 0;
    $('forward').disabled = cursor === last;
    previous = cursor;
  }

  function go(index) {
    index = Math.max(0, Math.min(last, index));
    if (index === cursor)
      return;
    cursor = index;
    render();
  }

  function setLang(code) {
    if (code === lang || run.langs.indexOf(code) < 0)
      return;
    lang = code;
    renderChrome();
    previous = -2; // a new language is no step: no animation
    render();
  }

  $('back').addEventListener('click', () => go(cursor - 1));
  $('forward').addEventListener('click', () => go(cursor + 1));
  $('slider').addEventListener('input', (e) => go(Number(e.target.value)));
  document.addEventListener('keydown', (e) => {
    if (e.altKey || e.ctrlKey || e.metaKey)
      return;
    const moves = { ArrowRight: cursor + 1, ArrowLeft: cursor - 1, Home: 0, End: last };
    if (!(e.key in moves))
      return;
    // On the slider too one key is one tick, and only once.
    e.preventDefault();
    go(moves[e.key]);
  });

  renderChrome();
  render();
}());
