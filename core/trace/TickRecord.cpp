#include "TickRecord.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

namespace mux {

QString roleName(Role r)
{
    switch (r) {
    case Role::Listener:
        return QStringLiteral("listener");
    case Role::Conn:
        return QStringLiteral("conn");
    case Role::Client:
        return QStringLiteral("client");
    case Role::External:
        return QStringLiteral("external");
    case Role::Udp:
        return QStringLiteral("udp");
    }
    return {};
}

int listenerIndex(const SocketInfo &s)
{
    const QLatin1Char letter(s.role == Role::Listener ? 'L' : 'U');
    if ((s.role != Role::Listener && s.role != Role::Udp) || !s.name.startsWith(letter))
        return -1;
    bool ok = false;
    const int index = QStringView(s.name).mid(1).toInt(&ok);
    return ok && index >= 0 ? index : -1;
}

static const char *const kCallNames[] = {
    "listen",   "accept",  "recv",       "send",         "close",          "connect",
    "shutdown", "reset",   "send_oob",   "recv_oob",     "recvfrom",       "sendto",
    "watch",    "unwatch", "modify",     "stop_reading", "resume_reading", "note",
    "refuse",   "measure", "setsockopt", "getsockopt",   "ioctl",          "bind",
};
constexpr auto kLastCall = Action::Call::Bind;
static_assert(sizeof kCallNames / sizeof *kCallNames == int(kLastCall) + 1);

QString callName(Action::Call c)
{
    return QLatin1String(kCallNames[int(c)]);
}

std::optional<Action::Call> callFromName(const QString &name)
{
    for (int i = 0; i <= int(kLastCall); ++i)
        if (name == QLatin1String(kCallNames[i]))
            return Action::Call(i);
    return std::nullopt;
}

static const char *const kSiteNames[] = {
    "",        "setup",   "listener", "conn", "writable", "exceptional", "hangup", "big",
    "invalid", "closing", "restart",  "fill", "release",  "threads",     "remote",
};
constexpr auto kLastSite = Site::Remote;
static_assert(sizeof kSiteNames / sizeof *kSiteNames == int(kLastSite) + 1);

QString siteName(Site s)
{
    return QLatin1String(kSiteNames[int(s)]);
}

QStringList siteNames()
{
    QStringList names;
    for (int i = int(Site::None) + 1; i <= int(kLastSite); ++i)
        names.append(QLatin1String(kSiteNames[i]));
    return names;
}

std::optional<Site> siteFromName(const QString &name)
{
    for (int i = 0; i <= int(kLastSite); ++i)
        if (name == QLatin1String(kSiteNames[i]))
            return Site(i);
    return std::nullopt;
}

// One row per SockOpt, in its order.
static const SockOptName kSockOpts[] = {
    {SOL_SOCKET, SO_REUSEADDR, "SOL_SOCKET", "SO_REUSEADDR"},
    {SOL_SOCKET, SO_LINGER, "SOL_SOCKET", "SO_LINGER"},
    {IPPROTO_TCP, TCP_QUICKACK, "IPPROTO_TCP", "TCP_QUICKACK"},
    {SOL_SOCKET, SO_SNDBUF, "SOL_SOCKET", "SO_SNDBUF"},
    {SOL_SOCKET, SO_RCVBUF, "SOL_SOCKET", "SO_RCVBUF"},
    {0, FIONBIO, "", "FIONBIO"},
};
static_assert(sizeof kSockOpts / sizeof *kSockOpts == int(SockOpt::NonBlock) + 1);

std::optional<SockOptName> sockOptName(int opt)
{
    if (opt < 0 || opt > int(SockOpt::NonBlock))
        return std::nullopt;
    return kSockOpts[opt];
}

PeerEnd peerEnd(const SocketProbe &p)
{
    switch (p.tcpState) {
    case TCP_ESTABLISHED:
    case TCP_SYN_SENT:
    case TCP_SYN_RECV:
    case TCP_FIN_WAIT1:
    case TCP_FIN_WAIT2:
        return PeerEnd::Open;
    case TCP_CLOSE_WAIT:
    case TCP_LAST_ACK:
    case TCP_CLOSING:
    case TCP_TIME_WAIT:
        return PeerEnd::FinSeen;
    // An open descriptor whose connection is CLOSED was torn down by the peer's RST.
    case TCP_CLOSE:
        return PeerEnd::ResetSeen;
    default:
        return PeerEnd::Unknown;
    }
}

const TickExtras &TickRecord::extrasOrEmpty() const
{
    static const TickExtras empty;
    return extras ? *extras : empty;
}

bool TickRecord::operator==(const TickRecord &o) const
{
    return tick == o.tick && kind == o.kind && backend == o.backend && keyframe == o.keyframe &&
           timeoutMs == o.timeoutMs && ret == o.ret && err == o.err &&
           actionsBeforeCall == o.actionsBeforeCall && durationNs == o.durationNs &&
           interest == o.interest && ready == o.ready && actions == o.actions &&
           extrasOrEmpty() == o.extrasOrEmpty();
}

qsizetype TickRecord::memoryBytes() const
{
    qsizetype n = sizeof(TickRecord);
    n += interest.capacity() * qsizetype(sizeof(FdEvents));
    n += ready.capacity() * qsizetype(sizeof(FdEvents));
    n += actions.capacity() * qsizetype(sizeof(Action));
    for (const Action &a : actions)
        n += a.data.capacity();
    if (extras) {
        n += sizeof(TickExtras) + extras->opened.capacity() * qsizetype(sizeof(SocketInfo)) +
             extras->closed.capacity() * qsizetype(sizeof(int)) +
             (extras->probes.capacity() + extras->atCall.capacity()) *
                 qsizetype(sizeof(SocketProbe));
    }
    return n;
}

} // namespace mux
