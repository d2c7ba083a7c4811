#include "TickFormat.h"

#include "TextOut.h"

#include <span>

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

// Everything below appends UTF-8 to one std::string (TextOut.h says why).
namespace {

using detail::appendQuoted;
using detail::num;
using detail::TextOut;
using detail::utf8;

std::span<const FdEvents> span(const QList<FdEvents> &list)
{
    return {list.constData(), size_t(list.size())};
}

void eventNames(TextOut &out, Events e, bool epoll)
{
    if (!e) {
        out += '0';
        return;
    }
    bool first = true;
    for (const FlagRow &row : kFlagTable) {
        if (!(e & row.event))
            continue;
        if (!std::exchange(first, false))
            out += '|';
        out += epoll ? row.epollName : row.pollName;
    }
}

void fdList(TextOut &out, std::span<const FdEvents> list, Events which)
{
    out += '[';
    bool first = true;
    for (const FdEvents &e : list)
        if (e.events & which) {
            if (!std::exchange(first, false))
                out += ',';
            num(out, e.fd);
        }
    out += ']';
}

/// "{4, POLLIN}, {6, POLLIN|POLLOUT}"
void eventList(TextOut &out, std::span<const FdEvents> list, bool epoll)
{
    bool first = true;
    for (const FdEvents &e : list) {
        if (!std::exchange(first, false))
            out += ", ";
        out += '{';
        num(out, e.fd);
        out += ", ";
        eventNames(out, e.events, epoll);
        out += '}';
    }
}

void appendCall(TextOut &out, const TickRecord &t, std::span<const FdEvents> interest)
{
    switch (t.backend) {
    case Backend::Select:
        out += "select(";
        fdList(out, interest, Readable);
        out += ',';
        fdList(out, interest, Writable);
        out += ',';
        fdList(out, interest, Exceptional);
        out += ", ";
        if (t.timeoutMs < 0)
            out += "None";
        else
            utf8(out, QString::number(t.timeoutMs / 1000.0, 'f', t.timeoutMs % 100 ? 3 : 1));
        out += ')';
        return;
    case Backend::Poll:
        out += "poll([";
        eventList(out, interest, false);
        out += "], ";
        num(out, qint64(interest.size()));
        out += ", ";
        num(out, t.timeoutMs);
        out += ')';
        return;
    case Backend::Epoll:
    case Backend::EpollEt:
        out += "epoll_wait(watching ";
        num(out, qint64(interest.size()));
        out += ", ";
        num(out, t.timeoutMs);
        out += ')';
        return;
    }
}

void appendReturned(TextOut &out, const TickRecord &t)
{
    out += " = ";
    num(out, t.ret);
    if (t.err) {
        out += " (errno ";
        num(out, t.err);
        out += ')';
    }
    switch (t.backend) {
    case Backend::Select:
        out += " (";
        fdList(out, span(t.ready), Readable);
        out += ',';
        fdList(out, span(t.ready), Writable);
        out += ',';
        fdList(out, span(t.ready), Exceptional);
        out += ')';
        return;
    case Backend::Poll:
    case Backend::Epoll:
    case Backend::EpollEt:
        out += " [";
        eventList(out, span(t.ready), t.backend != Backend::Poll);
        out += ']';
        return;
    }
}

void appendListChange(TextOut &out, const Action &a, Backend backend)
{
    const Events before = Events(a.ret),
                 after = a.call == Action::Call::Unwatch ? 0 : Events(a.arg);
    if (a.err) {
        out += "watch(";
        num(out, a.fd);
        out += ") refused: ";
        utf8(out, QString::fromUtf8(a.data)); // a note's text: invalid bytes become U+FFFD
        return;
    }
    switch (backend) {
    case Backend::Select: {
        const char *names[] = {"rlist", "wlist", "xlist"};
        const Events bits[] = {Readable, Writable, Exceptional};
        bool first = true;
        for (int i = 0; i < 3; ++i) {
            const bool added = (after & bits[i]) && !(before & bits[i]);
            const bool removed = !(after & bits[i]) && (before & bits[i]);
            if (!added && !removed)
                continue;
            if (!std::exchange(first, false))
                out += "; ";
            out += names[i];
            out += added ? ".append(" : ".remove(";
            num(out, a.fd);
            out += ')';
        }
        return;
    }
    case Backend::Poll:
        out += !before ? "poll.register(" : !after ? "poll.unregister(" : "poll.modify(";
        num(out, a.fd);
        if (!before || after) { // only unregister names no events
            out += ", ";
            eventNames(out, after, false);
        }
        out += ')';
        return;
    case Backend::Epoll:
    case Backend::EpollEt:
        out += !before ? "epoll_ctl(ADD, " : !after ? "epoll_ctl(DEL, " : "epoll_ctl(MOD, ";
        num(out, a.fd);
        if (!before || after) { // only DEL names no events
            out += ", ";
            eventNames(out, after, true);
            if (backend == Backend::EpollEt)
                out += "|EPOLLET";
        }
        out += ')';
        return;
    }
}

void result(TextOut &out, const Action &a)
{
    if (a.ret < 0 || a.err) {
        out += " = -1 ";
        if (a.err)
            if (const char *name = strerrorname_np(a.err))
                out += name;
        return;
    }
    out += " = ";
    num(out, a.ret);
}

// An option call as strace prints it: setsockopt(5, SOL_SOCKET, SO_REUSEADDR, 1) = 0,
// getsockopt(5, SOL_SOCKET, SO_SNDBUF, [4608]) = 0, ioctl(5, FIONBIO, [1]) = 0.
void appendOptionCall(TextOut &out, const Action &a)
{
    using Call = Action::Call;
    out += a.call == Call::SetSockOpt   ? "setsockopt("
           : a.call == Call::GetSockOpt ? "getsockopt("
                                        : "ioctl(";
    num(out, a.fd);
    out += ", ";
    const auto opt = sockOptName(a.arg);
    if (!opt) {
        num(out, a.arg);
    } else {
        if (*opt->levelText) {
            out += opt->levelText;
            out += ", ";
        }
        out += opt->nameText;
    }
    out += ", ";
    const QByteArray value = a.data.isEmpty() ? QByteArrayLiteral("?") : a.data;
    if (SockOpt(a.arg) == SockOpt::Linger && opt) {
        // The value kept is l_linger; a negative one means lingering is off.
        const bool on = !value.startsWith('-');
        out += on ? "{l_onoff=1, l_linger=" : "{l_onoff=0, l_linger=";
        out += on ? value.toStdString() : "0";
        out += '}';
    } else if (a.call == Call::SetSockOpt) {
        out += value.toStdString();
    } else {
        out += '[';
        out += value.toStdString();
        out += ']';
    }
    out += ')';
    result(out, a);
}

void appendAction(TextOut &out, const Action &a, Backend backend, const QStringList &clientNames)
{
    using Call = Action::Call;
    if (a.actor == Action::Actor::Client) {
        if (a.client >= 0 && a.client < clientNames.size()) {
            utf8(out, clientNames.at(a.client));
        } else {
            out += "client";
            num(out, a.client);
        }
        out += ": ";
    }
    // "name(fd" : most calls start so
    auto open = [&](const char *name) {
        out += name;
        out += '(';
        num(out, a.fd);
    };
    switch (a.call) {
    case Call::Listen:
        out += "listen(:";
        num(out, a.arg);
        out += ')';
        if (a.fd >= 0) {
            out += " = ";
            num(out, a.fd);
        } else {
            result(out, a);
        }
        return;
    case Call::Accept:
        open("accept");
        out += ')';
        result(out, a);
        return;
    case Call::Recv:
    case Call::RecvFrom:
        open(a.call == Call::Recv ? "recv" : "recvfrom");
        out += ", ";
        num(out, a.arg);
        out += ')';
        result(out, a);
        if (a.ret >= 0 && !a.err) {
            out += ' ';
            appendQuoted(out, a.data, 64);
        }
        return;
    case Call::Send:
    case Call::SendTo:
        open(a.call == Call::Send ? "send" : "sendto");
        out += ", ";
        appendQuoted(out, a.data, 64);
        out += ')';
        result(out, a);
        return;
    case Call::SendUrgent:
        open("send");
        out += ", ";
        appendQuoted(out, a.data, 64);
        out += ", MSG_OOB)";
        result(out, a);
        return;
    case Call::RecvUrgent:
        open("recv");
        out += ", 1, MSG_OOB)";
        result(out, a);
        out += ' ';
        appendQuoted(out, a.data, 64);
        return;
    case Call::Close:
        open("close");
        out += ')';
        return;
    case Call::Connect:
        // connect(5, L0) = -1 EINPROGRESS: a non-blocking connect returns before the handshake
        // ends; a connect that failed at once has no descriptor left to name.
        out += "connect(";
        if (a.fd >= 0) {
            num(out, a.fd);
            out += ", ";
        }
        out += 'L';
        num(out, a.arg);
        out += ')';
        result(out, a);
        return;
    case Call::Bind:
        open("bind");
        out += ", :";
        num(out, a.arg);
        out += ')';
        result(out, a);
        return;
    case Call::Shutdown:
        open("shutdown");
        out += ", SHUT_WR)";
        result(out, a);
        return;
    case Call::Reset:
        open("close");
        out += ") with SO_LINGER 0 → RST";
        return;
    case Call::Watch:
    case Call::Unwatch:
    case Call::Modify:
        appendListChange(out, a, backend);
        return;
    case Call::StopReading:
        out += "stops reading";
        return;
    case Call::ResumeReading:
        out += "reads again";
        return;
    case Call::Note:
        out += "# ";
        utf8(out, QString::fromUtf8(a.data)); // a note's text: invalid bytes become U+FFFD
        return;
    case Call::Measure:
        out += "# measured: ";
        utf8(out, QString::fromUtf8(a.data)); // a note's text: invalid bytes become U+FFFD
        return;
    case Call::SetSockOpt:
    case Call::GetSockOpt:
    case Call::Ioctl:
        appendOptionCall(out, a);
        return;
    case Call::Refuse:
        out += "refused fd ";
        num(out, a.fd);
        out += ": ";
        utf8(out, QString::fromUtf8(a.data)); // a note's text: invalid bytes become U+FFFD
        return;
    }
}

} // namespace

namespace {
/// The QString forms, for the GUI and the tests: one of the appenders into a fresh buffer.
template <typename Append, typename... Args> QString text(Append append, const Args &...args)
{
    std::string s;
    {
        TextOut out(s);
        append(out, args...);
    }
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}
} // namespace

QString quoted(const QByteArray &bytes, int maxBytes)
{
    return text(appendQuoted, bytes, maxBytes);
}
QString call(const TickRecord &t, const QList<FdEvents> &interest)
{
    return text(appendCall, t, span(interest));
}
QString returned(const TickRecord &t)
{
    return text(appendReturned, t);
}
QString listChange(const Action &a, Backend backend)
{
    return text(appendListChange, a, backend);
}
QString action(const Action &a, Backend backend, const QStringList &clientNames)
{
    return text(appendAction, a, backend, clientNames);
}

namespace {
void appendTick(TextOut &line, const Trace &trace, qsizetype index, const QStringList &clientNames)
{
    const TickRecord &t = trace.at(index);
    if (t.kind == TickRecord::Kind::Setup) {
        line += "tick 0  setup";
    } else {
        line += "tick ";
        num(line, t.tick);
        line += "  ";
        // The newest tick (every line --serve prints) reads the trace's interest in place.
        if (index == trace.size() - 1)
            appendCall(line, t, trace.currentInterestView());
        else
            appendCall(line, t, span(trace.interestAt(index)));
        appendReturned(line, t);
        // With no timeout a real call cannot return 0: it returned here only because step
        // mode never waits for clients that cannot act. Saying "timeout" would teach a wrong
        // fact about select(..., None).
        if (t.ret == 0 && !t.err)
            line += t.timeoutMs < 0 ? "  nothing ready (a real call would still be waiting)"
                                    : "  timeout";
    }
    for (qsizetype i = 0; i < t.actions.size(); ++i) {
        line += i == 0 ? "  | " : " · ";
        appendAction(line, t.actions.at(i), t.backend, clientNames);
    }
}
} // namespace

void appendTickLine(std::string &line, const Trace &trace, qsizetype index,
                    const QStringList &clientNames)
{
    TextOut out(line);
    appendTick(out, trace, index, clientNames);
}

QString tickLine(const Trace &trace, qsizetype index, const QStringList &clientNames)
{
    return text(appendTick, trace, index, clientNames);
}

} // namespace format
} // namespace mux
