#include "TickFormat.h"

#include <QStringDecoder>

namespace mux {

QString socketNameAt(const Trace &trace, qsizetype i, int fd)
{
    const QHash<int, SocketInfo> before = trace.socketsAt(i - 1);
    if (auto it = before.constFind(fd); it != before.constEnd())
        return it->name;
    if (i >= 0 && i < trace.size())
        for (const SocketInfo &s : trace.at(i).extrasOrEmpty().opened)
            if (s.fd == fd)
                return s.name;
    return QStringLiteral("fd%1").arg(fd);
}

namespace format {

QString quoted(const QByteArray &bytes, int maxBytes)
{
    const QByteArray shown = bytes.left(maxBytes);
    QString out = QStringLiteral("\"");
    // Decode piece by piece: valid UTF-8 runs stay readable, each invalid byte becomes \xNN.
    qsizetype i = 0;
    while (i < shown.size()) {
        const uchar c = uchar(shown[i]);
        if (c < 0x80) {
            switch (c) {
            case '\n': out += QStringLiteral("\\n"); break;
            case '\r': out += QStringLiteral("\\r"); break;
            case '\t': out += QStringLiteral("\\t"); break;
            case '\0': out += QStringLiteral("\\0"); break;
            case '"': out += QStringLiteral("\\\""); break;
            case '\\': out += QStringLiteral("\\\\"); break;
            default:
                if (c < 0x20 || c == 0x7f)
                    out += QStringLiteral("\\x%1").arg(c, 2, 16, QLatin1Char('0'));
                else
                    out += QLatin1Char(char(c));
            }
            ++i;
            continue;
        }
        const int len = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
        const QByteArray seq = shown.mid(i, len);
        QStringDecoder dec(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        const QString s = dec.decode(seq);
        if (len > 1 && seq.size() == len && !dec.hasError()) {
            out += s;
            i += len;
        } else {
            out += QStringLiteral("\\x%1").arg(c, 2, 16, QLatin1Char('0'));
            ++i;
        }
    }
    out += QLatin1Char('"');
    if (bytes.size() > maxBytes)
        out += QStringLiteral("…(+%1)").arg(bytes.size() - maxBytes);
    return out;
}

static QString fdList(const QList<FdEvents> &list, Events which)
{
    QStringList fds;
    for (const FdEvents &e : list)
        if (e.events & which)
            fds.append(QString::number(e.fd));
    return QLatin1Char('[') + fds.join(QLatin1Char(',')) + QLatin1Char(']');
}

static QString timeoutText(const TickRecord &t)
{
    if (t.timeoutMs < 0)
        return QStringLiteral("None");
    return QString::number(t.timeoutMs / 1000.0, 'f', t.timeoutMs % 100 ? 3 : 1);
}

QString call(const TickRecord &t, const QList<FdEvents> &interest)
{
    switch (t.backend) {
    case Backend::Select:
        return QStringLiteral("select(%1,%2,%3, %4)")
            .arg(fdList(interest, Readable), fdList(interest, Writable),
                 fdList(interest, Exceptional), timeoutText(t));
    case Backend::Poll: {
        QStringList parts;
        for (const FdEvents &e : interest)
            parts.append(QStringLiteral("{%1, %2}").arg(e.fd).arg(pollEventsToString(e.events)));
        return QStringLiteral("poll([%1], %2, %3)")
            .arg(parts.join(QStringLiteral(", ")))
            .arg(interest.size())
            .arg(t.timeoutMs);
    }
    case Backend::Epoll:
    case Backend::EpollEt:
        return QStringLiteral("epoll_wait(watching %1, %2)").arg(interest.size()).arg(t.timeoutMs);
    }
    return {};
}

QString returned(const TickRecord &t)
{
    QString head = QStringLiteral(" = %1").arg(t.ret);
    if (t.err)
        head += QStringLiteral(" (errno %1)").arg(t.err);
    switch (t.backend) {
    case Backend::Select:
        return head + QStringLiteral(" (%1,%2,%3)")
                          .arg(fdList(t.ready, Readable), fdList(t.ready, Writable),
                               fdList(t.ready, Exceptional));
    case Backend::Poll: {
        QStringList parts;
        for (const FdEvents &e : t.ready)
            parts.append(QStringLiteral("{%1, %2}").arg(e.fd).arg(pollEventsToString(e.events)));
        return head + QStringLiteral(" [%1]").arg(parts.join(QStringLiteral(", ")));
    }
    case Backend::Epoll:
    case Backend::EpollEt: {
        QStringList parts;
        for (const FdEvents &e : t.ready)
            parts.append(QStringLiteral("{%1, %2}").arg(e.fd).arg(epollEventsToString(e.events)));
        return head + QStringLiteral(" [%1]").arg(parts.join(QStringLiteral(", ")));
    }
    }
    return head;
}

QString listChange(const Action &a, Backend backend)
{
    const Events before = Events(a.ret), after = a.call == Action::Call::Unwatch ? 0 : Events(a.arg);
    if (a.err)
        return QStringLiteral("watch(%1) refused: %2").arg(a.fd).arg(QString::fromUtf8(a.data));
    switch (backend) {
    case Backend::Select: {
        QStringList ops;
        const char *names[] = {"rlist", "wlist", "xlist"};
        const Events bits[] = {Readable, Writable, Exceptional};
        for (int i = 0; i < 3; ++i) {
            if ((after & bits[i]) && !(before & bits[i]))
                ops.append(QStringLiteral("%1.append(%2)").arg(QLatin1String(names[i])).arg(a.fd));
            if (!(after & bits[i]) && (before & bits[i]))
                ops.append(QStringLiteral("%1.remove(%2)").arg(QLatin1String(names[i])).arg(a.fd));
        }
        return ops.join(QStringLiteral("; "));
    }
    case Backend::Poll:
        if (!before)
            return QStringLiteral("poll.register(%1, %2)").arg(a.fd).arg(pollEventsToString(after));
        if (!after)
            return QStringLiteral("poll.unregister(%1)").arg(a.fd);
        return QStringLiteral("poll.modify(%1, %2)").arg(a.fd).arg(pollEventsToString(after));
    case Backend::Epoll:
    case Backend::EpollEt: {
        const QString et = backend == Backend::EpollEt ? QStringLiteral("|EPOLLET") : QString();
        if (!before)
            return QStringLiteral("epoll_ctl(ADD, %1, %2%3)").arg(a.fd).arg(epollEventsToString(after), et);
        if (!after)
            return QStringLiteral("epoll_ctl(DEL, %1)").arg(a.fd);
        return QStringLiteral("epoll_ctl(MOD, %1, %2%3)").arg(a.fd).arg(epollEventsToString(after), et);
    }
    }
    return {};
}

static QString result(const Action &a)
{
    if (a.ret < 0 || a.err)
        return QStringLiteral(" = -1 %1").arg(a.err ? QString::fromLocal8Bit(strerrorname_np(a.err))
                                                    : QString());
    return QStringLiteral(" = %1").arg(a.ret);
}

QString action(const Action &a, Backend backend, const QStringList &clientNames)
{
    using Call = Action::Call;
    QString who;
    if (a.actor == Action::Actor::Client)
        who = clientNames.value(a.client, QStringLiteral("client%1").arg(a.client)) + QStringLiteral(": ");
    switch (a.call) {
    case Call::Listen: return who + QStringLiteral("listen(:%1)%2").arg(a.arg).arg(a.fd >= 0 ? QStringLiteral(" = %1").arg(a.fd) : result(a));
    case Call::Accept: return who + QStringLiteral("accept(%1)%2").arg(a.fd).arg(result(a));
    case Call::Recv:
    case Call::RecvFrom:
        return who + QStringLiteral("%1(%2, %3)%4%5")
                         .arg(a.call == Call::Recv ? QStringLiteral("recv") : QStringLiteral("recvfrom"))
                         .arg(a.fd)
                         .arg(a.arg)
                         .arg(result(a), a.ret >= 0 && !a.err ? QLatin1Char(' ') + quoted(a.data) : QString());
    case Call::Send:
    case Call::SendTo:
        return who + QStringLiteral("%1(%2, %3)%4")
                         .arg(a.call == Call::Send ? QStringLiteral("send") : QStringLiteral("sendto"))
                         .arg(a.fd)
                         .arg(quoted(a.data), result(a));
    case Call::SendUrgent:
        return who + QStringLiteral("send(%1, %2, MSG_OOB)%3").arg(a.fd).arg(quoted(a.data), result(a));
    case Call::RecvUrgent:
        return who + QStringLiteral("recv(%1, 1, MSG_OOB)%2 %3").arg(a.fd).arg(result(a), quoted(a.data));
    case Call::Close: return who + QStringLiteral("close(%1)").arg(a.fd);
    case Call::Connect: return who + QStringLiteral("connect(L%1)%2").arg(a.arg).arg(a.fd >= 0 ? QStringLiteral(" fd %1").arg(a.fd) : result(a));
    case Call::Shutdown: return who + QStringLiteral("shutdown(%1, SHUT_WR)%2").arg(a.fd).arg(result(a));
    case Call::Reset: return who + QStringLiteral("close(%1) with SO_LINGER 0 → RST").arg(a.fd);
    case Call::Watch:
    case Call::Unwatch:
    case Call::Modify: return who + listChange(a, backend);
    case Call::StopReading: return who + QStringLiteral("stops reading");
    case Call::ResumeReading: return who + QStringLiteral("reads again");
    case Call::Note: return who + QStringLiteral("# ") + QString::fromUtf8(a.data);
    case Call::Measure: return who + QStringLiteral("# measured: ") + QString::fromUtf8(a.data);
    case Call::Refuse: return who + QStringLiteral("refused fd %1: ").arg(a.fd) + QString::fromUtf8(a.data);
    }
    return {};
}

QString tickLine(const Trace &trace, qsizetype index, const QStringList &clientNames)
{
    const TickRecord &t = trace.at(index);
    QString line;
    if (t.kind == TickRecord::Kind::Setup) {
        line = QStringLiteral("tick 0  setup");
    } else {
        line = QStringLiteral("tick %1  %2%3").arg(t.tick).arg(call(t, trace.interestAt(index)), returned(t));
        // With no timeout a real call cannot return 0: it returned here only because step
        // mode never waits for clients that cannot act. Saying "timeout" would teach a wrong
        // fact about select(..., None).
        if (t.ret == 0 && !t.err)
            line += t.timeoutMs < 0 ? QStringLiteral("  nothing ready (a real call would still be waiting)")
                                    : QStringLiteral("  timeout");
    }
    QStringList acts;
    for (const Action &a : t.actions)
        acts.append(action(a, t.backend, clientNames));
    if (!acts.isEmpty())
        line += QStringLiteral("  | ") + acts.join(QStringLiteral(" · "));
    return line;
}

} // namespace format
} // namespace mux
