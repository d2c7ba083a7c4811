#include "BenchUtil.h"

#include "net/Socket.h"

#include <QFile>

#include <unistd.h>

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

double cpuUs(qint64 pid)
{
    QFile f(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
    const QByteArray stat = f.readAll();
    const QList<QByteArray> fields = stat.mid(stat.lastIndexOf(')') + 2).split(' ');
    if (fields.size() < 13)
        return -1;
    const double ticks = double(fields[11].toLongLong() + fields[12].toLongLong()); // utime, stime
    return ticks * 1e6 / double(::sysconf(_SC_CLK_TCK));
}

quint16 freePort()
{
    auto fd = mux::net::tcpListen({QStringLiteral("127.0.0.1"), 0});
    return fd ? mux::net::localEndpoint(fd->get()).port : 0;
}

} // namespace bench
