#include "PeerProcess.h"
#include "SockDiag.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <arpa/inet.h>
#include <dirent.h>
#include <unistd.h>

namespace mux::net {

namespace {

// /proc/net/tcp prints an address as the raw 32-bit word the kernel holds (network byte
// order, read as a host integer) and the port in host order: 127.0.0.1:9991 is 0100007F:2707.
QString procAddress4(const Endpoint &e)
{
    in_addr a{};
    if (::inet_pton(AF_INET, e.host.toLatin1().constData(), &a) != 1)
        return {};
    return QString::asprintf("%08X:%04X", a.s_addr, e.port);
}

// tcp6 shows an IPv4 peer on a dual-stack socket as ::ffff:a.b.c.d, four such words.
QString procAddress6Mapped(const Endpoint &e)
{
    in_addr a{};
    if (::inet_pton(AF_INET, e.host.toLatin1().constData(), &a) != 1)
        return {};
    return QString::asprintf("0000000000000000%08X%08X:%04X", htonl(0x0000ffff), a.s_addr, e.port);
}

quint64 inodeIn(const QString &table, const QString &local, const QString &remote)
{
    QFile f(table);
    if (local.isEmpty() || !f.open(QIODevice::ReadOnly | QIODevice::Text))
        return 0;
    f.readLine(); // the header
    while (!f.atEnd()) {
        // sl local rem st tx:rx tr:when retrnsmt uid timeout inode ...
        const QList<QByteArray> cols = f.readLine().simplified().split(' ');
        if (cols.size() > 9 && cols[1] == local.toLatin1() && cols[2] == remote.toLatin1())
            return cols[9].toULongLong();
    }
    return 0;
}

// readlink, not QFile::symLinkTarget: Qt makes "socket:[N]" an absolute path, and stats.
bool holdsSocket(qint64 pid, const QByteArray &link)
{
    const QByteArray dir = "/proc/" + QByteArray::number(pid) + "/fd";
    DIR *d = ::opendir(dir.constData());
    if (!d)
        return false; // gone, or not ours to read
    bool found = false;
    char target[64];
    while (const dirent *e = ::readdir(d)) {
        const QByteArray path = dir + '/' + e->d_name;
        const ssize_t n = ::readlink(path.constData(), target, sizeof target);
        if (n == link.size() && QByteArrayView(target, n) == link) {
            found = true;
            break;
        }
    }
    ::closedir(d);
    return found;
}

QString readComm(qint64 pid)
{
    QFile f(QStringLiteral("/proc/%1/comm").arg(pid));
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()).trimmed() : QString();
}

// For python3 the program name alone says little; its first .py argument says which client.
QString scriptOf(qint64 pid)
{
    QFile f(QStringLiteral("/proc/%1/cmdline").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QList<QByteArray> args = f.readAll().split('\0');
    for (qsizetype i = 1; i < args.size(); ++i)
        if (args[i].endsWith(".py"))
            return QFileInfo(QString::fromUtf8(args[i])).fileName();
    return {};
}

} // namespace

quint64 tcpSocketInode(const Endpoint &local, const Endpoint &remote)
{
    // sock_diag first: one exact lookup. /proc/net/tcp is walked over several reads while
    // other sockets come and go, and on a busy machine a walk can skip the very socket asked
    // for. The files remain for a peer the IPv4 lookup cannot name (a dual-stack socket).
    if (const auto n = tcpInodeOf(local, remote); n && *n != 0)
        return *n;
    if (quint64 n =
            inodeIn(QStringLiteral("/proc/net/tcp"), procAddress4(local), procAddress4(remote)))
        return n;
    return inodeIn(QStringLiteral("/proc/net/tcp6"), procAddress6Mapped(local),
                   procAddress6Mapped(remote));
}

std::optional<PeerProcess> PeerProcessFinder::find(const Endpoint &peer, const Endpoint &ours)
{
    const quint64 inode = tcpSocketInode(peer, ours);
    if (inode == 0)
        return std::nullopt;
    const QByteArray link = "socket:[" + QByteArray::number(inode) + ']';
    auto owner = [&]() -> qint64 {
        for (qint64 pid : std::as_const(m_recent))
            if (holdsSocket(pid, link))
                return pid;
        for (const QString &name :
             QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
            bool isPid = false;
            const qint64 pid = name.toLongLong(&isPid);
            if (isPid && !m_recent.contains(pid) && holdsSocket(pid, link))
                return pid;
        }
        return -1;
    };
    if (const qint64 pid = owner(); pid >= 0) {
        m_recent.removeAll(pid);
        m_recent.prepend(pid);
        if (m_recent.size() > 16)
            m_recent.removeLast();
        PeerProcess p{pid, readComm(pid), {}};
        if (p.program.startsWith(QLatin1String("python")))
            p.script = scriptOf(pid);
        return p;
    }
    return std::nullopt;
}

} // namespace mux::net
