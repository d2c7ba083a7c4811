#include "BenchUtil.h"

#include "net/Socket.h"

#include <QFile>

namespace bench {

long rssKiB(const QString &pid)
{
    QFile f(QStringLiteral("/proc/%1/status").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLong();
    return 0;
}

quint16 freePort()
{
    auto fd = mux::net::tcpListen({QStringLiteral("127.0.0.1"), 0});
    return fd ? mux::net::localEndpoint(fd->get()).port : 0;
}

} // namespace bench
