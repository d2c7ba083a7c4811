#include "TickBuilder.h"

#include "RecordText.h"
#include "trace/TickFormat.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>

#include <cstring>

namespace mux::exec {

/// The blocking call a library-made select waits for (muxtrace_proto.h, MT_ENV_BLOCKING).
static QString blockingCallName(int call)
{
    switch (call) {
    case MTC_ACCEPT:
        return QStringLiteral("accept");
    case MTC_RECV:
        return QStringLiteral("recv");
    case MTC_RECVFROM:
        return QStringLiteral("recvfrom");
    case MTC_RECVMSG:
        return QStringLiteral("recvmsg");
    case MTC_READ:
        return QStringLiteral("read");
    default:
        return QStringLiteral("a call");
    }
}

bool TickBuilder::take(const Record &r)
{
    const mt_rec &h = r.head;
    if (h.type == MT_HELLO) {
        if (m_pid < 0)
            m_pid = h.pid;
        return false;
    }
    // Calls from another thread than the one before are marked, so a reader sees who made them
    // (a multiplexing call from a thread other than the main one: its tick says so, below).
    if (h.type == MT_CALL && m_lastTid >= 0 && h.tid != m_lastTid)
        note(QStringLiteral("thread %1:").arg(h.tid));
    if (h.type != MT_DESC)
        m_lastTid = h.tid;
    switch (h.type) {
    case MT_ENTER: // the tick before (or the setup) is complete now
        enter(r);
        return true;
    case MT_EXIT:
        exit(r);
        return false;
    case MT_CALL:
        call(r);
        return false;
    case MT_DESC:
        describe(r);
        return false;
    default:
        return false;
    }
}

void TickBuilder::note(const QString &text, int fd, int err)
{
    Action a;
    a.call = Action::Call::Note;
    a.fd = fd;
    a.err = qint16(err);
    a.data = text.toUtf8();
    m_actions.append(a);
}

QList<FdEvents> TickBuilder::epollInterest(int epfd) const
{
    return m_epoll.value(epfd).interest;
}

void TickBuilder::listChanges(const QList<FdEvents> &next)
{
    // The open tick still holds its whole interest (closeTick makes it a delta).
    const QList<FdEvents> previous = m_open ? m_open->interest : QList<FdEvents>();
    QHash<int, Events> before;
    for (const FdEvents &e : previous)
        before.insert(e.fd, e.events);
    auto change = [&](int fd, Events was, Events now) {
        Action a;
        a.call = !was ? Action::Call::Watch : !now ? Action::Call::Unwatch : Action::Call::Modify;
        a.fd = fd;
        a.arg = now ? now : was;
        a.ret = was;
        m_actions.append(a);
    };
    // select's lists are the program's own: a socket that leaves one list for another
    // (wlist.remove, rlist.append) is two list operations, as the built-in programs record it.
    const bool lists = m_open && m_open->backend == Backend::Select;
    QHash<int, Events> after;
    for (const FdEvents &e : next) {
        after.insert(e.fd, e.events);
        const Events was = before.value(e.fd);
        if (lists && was && e.events && !(was & e.events)) {
            change(e.fd, was, 0);
            change(e.fd, 0, e.events);
        } else if (was != e.events) {
            change(e.fd, was, e.events);
        }
    }
    for (const FdEvents &e : previous)
        if (!after.contains(e.fd))
            change(e.fd, e.events, 0);
}

void TickBuilder::closeTick()
{
    TickRecord t = m_open ? std::move(*m_open) : TickRecord{};
    if (!m_open) {
        t.kind = TickRecord::Kind::Setup;
        t.backend = m_trace.backend;
    }
    m_open.reset();
    t.tick = quint32(m_trace.size());
    t.actions = std::move(m_actions);
    m_actions.clear();
    if (!m_opened.isEmpty() || !m_closed.isEmpty() || !m_atCall.isEmpty() || !m_atEnd.isEmpty()) {
        auto x = std::make_shared<TickExtras>();
        x->opened = std::move(m_opened);
        x->closed = std::move(m_closed);
        x->atCall = std::exchange(m_atCall, {});
        x->probes = std::exchange(m_atEnd, {});
        t.extras = std::move(x);
    }
    // One line per tick; the same line as the tick before shares its text.
    const QString source = t.kind == TickRecord::Kind::Call ? m_pendingSource : QString();
    m_sources.push_back(!m_sources.empty() && m_sources.back() == source ? m_sources.back()
                                                                         : source);
    if (m_trace.firstKept() > m_sourcesFrom + 4096) { // the trace dropped old ticks: so do we
        const qsizetype drop = m_trace.firstKept() - m_sourcesFrom;
        m_sources.erase(m_sources.begin(), m_sources.begin() + drop);
        m_sourcesFrom += drop;
    }
    m_opened.clear();
    m_closed.clear();
    // The trace takes the interest as a change list against the tick before.
    const QList<FdEvents> whole = t.interest;
    QHash<int, Events> before;
    for (const FdEvents &e : m_lastInterest)
        before.insert(e.fd, e.events);
    QList<FdEvents> delta;
    QHash<int, bool> present;
    for (const FdEvents &e : whole) {
        present.insert(e.fd, true);
        if (before.value(e.fd, 0) != e.events)
            delta.append(e);
    }
    for (const FdEvents &e : m_lastInterest)
        if (!present.contains(e.fd))
            delta.append({e.fd, 0});
    t.interest = delta;
    if (t.kind == TickRecord::Kind::Call)
        m_lastInterest = whole;
    m_trace.append(std::move(t));
}

void TickBuilder::enter(const Record &r)
{
    const mt_rec &h = r.head;
    TickRecord t;
    t.kind = TickRecord::Kind::Call;
    t.backend = backendOf(h.call);
    t.timeoutMs = h.arg;
    if (t.backend == Backend::Epoll) {
        t.interest = epollInterest(h.fd);
        if (m_epoll.value(h.fd).edge)
            t.backend = Backend::EpollEt;
    } else {
        for (const mt_pair &p : r.pairs) {
            const Events e = t.backend == Backend::Poll ? fromPoll(short(p.events))
                                                        : Events(p.events & kRequestable);
            t.interest.append({p.fd, Events(e & kRequestable)});
        }
        // The lists a select or poll program keeps changed between the two calls: those
        // changes belong to the tick before, where the program made them.
        if (m_calls > 0)
            listChanges(t.interest);
    }
    if (m_calls == 0)
        m_trace.backend = t.backend;
    // The call before is complete now (or, for the first call, the setup before it).
    closeTick();
    ++m_calls;
    if (h.tid != h.pid)
        note(QStringLiteral("called from thread %1").arg(h.tid));
    if (h.err != 0 && !r.pairs.isEmpty())
        note(QStringLiteral(
                 "%1(%2) is a blocking call: the tracer waits for its socket with this select")
                 .arg(blockingCallName(h.err))
                 .arg(r.pairs.first().fd),
             r.pairs.first().fd);
    m_returned = false;
    m_pendingSource = r.source;
    m_open = std::move(t);
}

void TickBuilder::exit(const Record &r)
{
    if (!m_open)
        return;
    const mt_rec &h = r.head;
    TickRecord &t = *m_open;
    m_returned = true;
    t.ret = qint32(h.ret);
    t.err = h.ret < 0 ? h.err : 0;
    // EINTR is zero events, not an error (as the backends record it).
    if (t.ret < 0 && t.err == EINTR) {
        t.ret = 0;
        t.err = 0;
    }
    t.durationNs = qint64(h.aux) * 1000;
    // What was recorded since the call began (a scripted run's clients) came before it.
    t.actionsBeforeCall = qint32(m_actions.size());
    const EpollSet *ep = nullptr;
    if (t.backend == Backend::Epoll || t.backend == Backend::EpollEt)
        if (auto it = m_epoll.constFind(h.fd); it != m_epoll.constEnd())
            ep = &*it;
    for (qsizetype i = 0; i < r.pairs.size(); ++i) {
        const mt_pair &p = r.pairs.at(i);
        switch (t.backend) {
        case Backend::Select:
            t.ready.append({p.fd, Events(p.events & kRequestable)});
            break;
        case Backend::Poll:
            t.ready.append({p.fd, fromPoll(short(p.events))});
            break;
        case Backend::Epoll:
        case Backend::EpollEt: {
            quint64 data = quint64(quint32(p.fd));
            if (r.data.size() >= (i + 1) * qsizetype(sizeof data))
                std::memcpy(&data, r.data.constData() + i * sizeof data, sizeof data);
            const int fd = ep ? ep->fdOfData.value(data, p.fd) : p.fd;
            t.ready.append({fd, fromEpoll(p.events)});
            break;
        }
        }
    }
}

void TickBuilder::describe(const Record &r)
{
    const mt_rec &h = r.head;
    const qsizetype nul = r.data.indexOf('\0');
    const QString local = QString::fromUtf8(nul < 0 ? r.data : r.data.left(nul));
    const QString peer = nul < 0 ? QString() : QString::fromUtf8(r.data.mid(nul + 1));
    SocketInfo s;
    s.fd = h.fd;
    s.local = local;
    s.peer = peer;
    const QString fd = QString::number(h.fd);
    switch (h.arg) {
    case MTK_LISTENER: {
        const SocketInfo was = m_known.value(h.fd);
        s.role = Role::Listener;
        s.name = was.role == Role::Listener && was.name.startsWith(QLatin1Char('L'))
                     ? was.name
                     : QStringLiteral("L%1").arg(m_listeners++);
        s.label = QStringLiteral("listener :") + portOf(local);
        break;
    }
    case MTK_STREAM: {
        s.role = Role::Conn;
        s.name = QStringLiteral("conn:#") + fd;
        s.label = QStringLiteral("conn ") + peer;
        const auto p = endpoint(peer), l = endpoint(local);
        if (p && l && (p->host.startsWith(QLatin1String("127.")) || p->host == l->host))
            if (const auto who = m_peers.find(*p, *l); who && who->pid != m_pid)
                s.label += QStringLiteral(" (%1)").arg(who->display());
        break;
    }
    case MTK_DGRAM:
        s.role = Role::Udp;
        s.name = QStringLiteral("udp:#") + fd;
        s.label = QStringLiteral("udp :") + portOf(local);
        break;
    case MTK_SOCKET:
        s.name = QStringLiteral("socket:#") + fd;
        s.label = QStringLiteral("socket");
        break;
    case MTK_PIPE:
        s.name = QStringLiteral("pipe:#") + fd;
        s.label = QStringLiteral("pipe");
        break;
    case MTK_FILE:
        s.name = QStringLiteral("file:#") + fd;
        s.label = QStringLiteral("file");
        break;
    case MTK_TTY:
        s.name = h.fd == 0 ? QStringLiteral("stdin") : QStringLiteral("tty:#") + fd;
        s.label = h.fd == 0 ? QStringLiteral("stdin") : QStringLiteral("terminal");
        break;
    case MTK_EPOLL:
        s.name = QStringLiteral("epoll:#") + fd;
        s.label = QStringLiteral("epoll");
        break;
    case MTK_EVENTFD:
        s.name = QStringLiteral("eventfd:#") + fd;
        s.label = QStringLiteral("eventfd");
        break;
    default:
        s.name = QStringLiteral("fd:#") + fd;
        s.label = QStringLiteral("fd %1").arg(h.fd);
        break;
    }
    if (m_namer)
        m_namer(s);
    if (auto it = m_known.constFind(h.fd); it != m_known.constEnd() && *it == s)
        return;
    m_known.insert(h.fd, s);
    m_opened.removeIf([&](const SocketInfo &o) { return o.fd == s.fd; });
    m_opened.append(s);
}

void TickBuilder::call(const Record &r)
{
    const mt_rec &h = r.head;
    using Call = Action::Call;
    Action a;
    a.fd = h.fd;
    a.ret = h.ret;
    a.err = h.ret < 0 ? h.err : 0;
    switch (h.call) {
    case MTC_LISTEN:
        a.call = Call::Listen;
        if (const auto e = endpoint(m_known.value(h.fd).local))
            a.arg = e->port;
        if (h.ret < 0)
            a.fd = -1;
        break;
    case MTC_ACCEPT:
        a.call = Call::Accept;
        break;
    case MTC_RECV:
    case MTC_READ:
    case MTC_RECVMSG:
    case MTC_RECVFROM:
        a.call = h.aux & MSG_OOB          ? Call::RecvUrgent
                 : h.call == MTC_RECVFROM ? Call::RecvFrom
                                          : Call::Recv;
        a.arg = h.arg;
        a.data = r.data;
        break;
    case MTC_SEND:
    case MTC_WRITE:
    case MTC_SENDMSG:
    case MTC_SENDTO:
        a.call = h.aux & MSG_OOB        ? Call::SendUrgent
                 : h.call == MTC_SENDTO ? Call::SendTo
                                        : Call::Send;
        a.arg = h.arg;
        a.data = r.data;
        break;
    case MTC_SHUTDOWN:
        a.call = Call::Shutdown;
        a.arg = h.arg;
        break;
    case MTC_CLOSE:
        if (h.ret < 0)
            return;
        a.call = Call::Close;
        m_known.remove(h.fd);
        m_opened.removeIf([&](const SocketInfo &o) { return o.fd == h.fd; });
        m_closed.append(h.fd);
        for (auto it = m_epoll.begin(); it != m_epoll.end(); ++it) // the kernel forgets it too
            it->interest.removeIf([&](const FdEvents &e) { return e.fd == h.fd; });
        m_epoll.remove(h.fd);
        break;
    case MTC_EPOLL_CTL: {
        qint32 target = -1;
        quint64 data = 0;
        if (r.data.size() >= 16) {
            std::memcpy(&target, r.data.constData(), sizeof target);
            std::memcpy(&data, r.data.constData() + 8, sizeof data);
        }
        EpollSet &set = m_epoll[h.fd];
        auto it = std::find_if(set.interest.begin(), set.interest.end(),
                               [&](const FdEvents &e) { return e.fd == target; });
        const Events was = it == set.interest.end() ? 0 : it->events;
        const Events now =
            h.aux == EPOLL_CTL_DEL ? 0 : Events(fromEpoll(quint32(h.arg)) & kRequestable);
        a.fd = target;
        a.call = h.aux == EPOLL_CTL_ADD   ? Call::Watch
                 : h.aux == EPOLL_CTL_DEL ? Call::Unwatch
                                          : Call::Modify;
        a.arg = h.aux == EPOLL_CTL_DEL ? was : now;
        a.ret = was;
        if (h.ret < 0) {
            a.err = h.err;
            a.data = errnoName(h.err).toUtf8();
            break;
        }
        if (quint32(h.arg) & EPOLLET)
            set.edge = true;
        if (h.aux == EPOLL_CTL_DEL) {
            set.interest.erase(it);
        } else if (it == set.interest.end()) {
            set.interest.append({target, now});
            set.fdOfData.insert(data, target);
        } else {
            it->events = now;
            set.fdOfData.insert(data, target);
        }
        break;
    }
    case MTC_SOCKET:
        note(QStringLiteral("socket() = %1").arg(resultText(h.ret, h.err)), h.fd);
        return;
    case MTC_BIND:
        note(QStringLiteral("bind(%1, %2) = %3")
                 .arg(h.fd)
                 .arg(m_known.value(h.fd).local, resultText(h.ret, h.err)),
             h.fd, h.ret < 0 ? h.err : 0);
        return;
    case MTC_CONNECT: {
        const SocketInfo &s = m_known.value(h.fd);
        note(QStringLiteral("connect(%1, %2) = %3")
                 .arg(h.fd)
                 .arg(s.peer.isEmpty() ? QStringLiteral("?") : s.peer, resultText(h.ret, h.err)),
             h.fd);
        return;
    }
    case MTC_SETSOCKOPT:
        note(QStringLiteral("setsockopt(%1, %2, %3) = %4")
                 .arg(h.fd)
                 .arg(optionName(h.aux >> 16, h.aux & 0xffff))
                 .arg(h.arg)
                 .arg(resultText(h.ret, h.err)),
             h.fd);
        return;
    case MTC_SETBLOCKING:
        note(QStringLiteral("setblocking(%1, %2)")
                 .arg(h.fd)
                 .arg(h.arg ? QStringLiteral("False") : QStringLiteral("True")),
             h.fd);
        return;
    case MTC_EPOLL_CREATE:
        note(QStringLiteral("epoll_create() = %1").arg(resultText(h.ret, h.err)), h.fd);
        return;
    case MTC_FORK:
        note(QStringLiteral("fork() = %1 (the child runs untraced)").arg(h.ret));
        return;
    default:
        return;
    }
    m_actions.append(a);
}

void TickBuilder::setProbes(QList<SocketProbe> atCall, QList<SocketProbe> atEnd)
{
    m_atCall = std::move(atCall);
    m_atEnd = std::move(atEnd);
}

QString TickBuilder::sourceAt(qsizetype i) const
{
    const qsizetype k = i - m_sourcesFrom;
    return k >= 0 && k < qsizetype(m_sources.size()) ? m_sources[size_t(k)] : QString();
}

bool TickBuilder::finish()
{
    // A call that began but never returned (the program was stopped inside it, or held before
    // it) has no result: it is not a tick.
    if (m_open && !m_returned)
        m_open.reset();
    if (!m_open && m_calls > 0)
        return false;
    if (!m_open && m_actions.isEmpty() && m_opened.isEmpty())
        return false;
    closeTick();
    return true;
}

} // namespace mux::exec
