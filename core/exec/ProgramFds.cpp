#include "ProgramFds.h"

// glibc 2.36's <sys/pidfd.h> declares its functions without extern "C".
extern "C" {
#include <sys/pidfd.h>
}
#include "net/Socket.h"

#include <algorithm>

#include <sys/socket.h>
#include <unistd.h>

namespace mux::exec {

ProgramFds::~ProgramFds()
{
    closeAll();
    if (m_pidfd >= 0)
        ::close(m_pidfd);
}

bool ProgramFds::open(qint64 pid)
{
    if (m_pidfd >= 0)
        ::close(m_pidfd);
    m_pidfd = pid > 0 ? ::pidfd_open(pid_t(pid), 0) : -1;
    return m_pidfd >= 0;
}

int ProgramFds::dup(int fd)
{
    if (m_pidfd < 0 || fd < 0)
        return -1;
    if (auto it = m_dups.constFind(fd); it != m_dups.constEnd())
        return *it;
    const int d = ::pidfd_getfd(m_pidfd, fd, 0); // close-on-exec, as the kernel makes it
    if (d >= 0)
        m_dups.insert(fd, d);
    return d;
}

void ProgramFds::closeAll()
{
    for (int d : std::as_const(m_dups))
        ::close(d);
    m_dups.clear();
}

QList<SocketProbe> probeProgram(const QHash<int, SocketInfo> &sockets, ProgramFds &fds)
{
    QList<int> order = sockets.keys();
    std::sort(order.begin(), order.end());
    QList<SocketProbe> now;
    for (int fd : order) {
        const int d = fds.dup(fd);
        const int type = d >= 0 ? inetSocketType(d) : 0;
        if (!type)
            continue;
        SocketProbe p{fd};
        if (sockets.value(fd).role == Role::Listener) {
            p.backlog = net::acceptBacklog(d);
        } else {
            p.readable = net::bytesReadable(d);
            p.unsent = net::bytesUnsent(d);
        }
        if (type == SOCK_STREAM)
            p.tcpState = qint8(net::tcpState(d));
        now.append(p);
    }
    return now;
}

QList<SocketProbe> changedProbes(const QList<SocketProbe> &now, QHash<int, SocketProbe> &last,
                                 bool keep)
{
    QList<SocketProbe> changed;
    QHash<int, SocketProbe> next;
    for (const SocketProbe &p : now) {
        if (last.value(p.fd) != p)
            changed.append(p);
        if (keep)
            next.insert(p.fd, p);
    }
    if (keep)
        last = std::move(next);
    return changed;
}

int inetSocketType(int fd)
{
    int domain = 0, type = 0;
    socklen_t len = sizeof domain;
    if (::getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &domain, &len) != 0 ||
        (domain != AF_INET && domain != AF_INET6))
        return 0;
    len = sizeof type;
    if (::getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &len) != 0)
        return 0;
    return type;
}

} // namespace mux::exec
