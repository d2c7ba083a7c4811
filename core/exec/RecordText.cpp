#include "RecordText.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <cstring>

namespace mux::exec {

Backend backendOf(quint8 call)
{
    switch (call) {
    case MTC_POLL:
    case MTC_PPOLL:
        return Backend::Poll;
    case MTC_EPOLL_WAIT:
    case MTC_EPOLL_PWAIT:
        return Backend::Epoll;
    default:
        return Backend::Select;
    }
}

std::optional<net::Endpoint> endpoint(const QString &text)
{
    const qsizetype colon = text.lastIndexOf(QLatin1Char(':'));
    if (colon <= 0 || text.startsWith(QLatin1Char('[')) || text.startsWith(QLatin1String("unix")))
        return std::nullopt;
    bool ok = false;
    const uint port = text.mid(colon + 1).toUInt(&ok);
    if (!ok || port > 65535)
        return std::nullopt;
    return net::Endpoint{text.left(colon), quint16(port)};
}

QString portOf(const QString &address)
{
    const auto e = endpoint(address);
    return e ? QString::number(e->port) : QString();
}

QString errnoName(int err)
{
    const char *name = strerrorname_np(err);
    return name ? QString::fromLatin1(name) : QString::number(err);
}

QString resultText(qint64 ret, int err)
{
    return ret < 0 ? QStringLiteral("-1 ") + errnoName(err) : QString::number(ret);
}

QString optionName(int level, int name)
{
    if (level == SOL_SOCKET) {
        const QString n = name == SO_REUSEADDR   ? QStringLiteral("SO_REUSEADDR")
                          : name == SO_REUSEPORT ? QStringLiteral("SO_REUSEPORT")
                          : name == SO_KEEPALIVE ? QStringLiteral("SO_KEEPALIVE")
                          : name == SO_LINGER    ? QStringLiteral("SO_LINGER")
                          : name == SO_RCVBUF    ? QStringLiteral("SO_RCVBUF")
                          : name == SO_SNDBUF    ? QStringLiteral("SO_SNDBUF")
                                                 : QString::number(name);
        return QStringLiteral("SOL_SOCKET, ") + n;
    }
    if (level == IPPROTO_TCP && name == TCP_NODELAY)
        return QStringLiteral("IPPROTO_TCP, TCP_NODELAY");
    return QStringLiteral("%1, %2").arg(level).arg(name);
}

} // namespace mux::exec
