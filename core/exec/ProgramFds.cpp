#include "ProgramFds.h"

// glibc 2.36's <sys/pidfd.h> declares its functions without extern "C".
extern "C" {
#include <sys/pidfd.h>
}
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
