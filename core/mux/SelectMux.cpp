#include "SelectMux.h"

#include "Clock.h"

#include <sys/select.h>

#include <cerrno>

namespace mux {

int SelectMux::fdLimit() const
{
    return FD_SETSIZE;
}

Result<void> SelectMux::add(int fd, Events events)
{
    // FD_SET on a descriptor >= FD_SETSIZE writes past the end of the fd_set. glibc only
    // checks that under _FORTIFY_SOURCE, which Debian's g++ does not turn on by default, so
    // the write would corrupt the stack silently. Refuse before any fd_set is touched.
    if (fd < 0 || fd >= FD_SETSIZE)
        return Error{EINVAL, QStringLiteral("select() cannot watch descriptor %1: an fd_set only "
                                            "holds descriptors 0 to %2 (FD_SETSIZE). Use poll "
                                            "or epoll for this one.")
                                 .arg(fd)
                                 .arg(FD_SETSIZE - 1)};
    if (m_index.contains(fd))
        return Error{EEXIST, QStringLiteral("descriptor %1 is already watched").arg(fd)};
    m_index.insert(fd, qsizetype(m_interest.size()));
    m_interest.push_back({fd, Events(events & kRequestable)});
    return {};
}

Result<void> SelectMux::modify(int fd, Events events)
{
    auto it = m_index.constFind(fd);
    if (it == m_index.constEnd())
        return Error{ENOENT, QStringLiteral("descriptor %1 is not watched").arg(fd)};
    m_interest[size_t(*it)].events = Events(events & kRequestable);
    return {};
}

Result<void> SelectMux::remove(int fd)
{
    auto it = m_index.constFind(fd);
    if (it == m_index.constEnd())
        return Error{ENOENT, QStringLiteral("descriptor %1 is not watched").arg(fd)};
    const qsizetype at = *it;
    m_index.erase(it);
    m_interest.erase(m_interest.begin() + at);
    for (size_t i = size_t(at); i < m_interest.size(); ++i)
        m_index[m_interest[i].fd] = qsizetype(i);
    return {};
}

WaitResult SelectMux::wait(int timeoutMs)
{
    fd_set r, w, x;
    FD_ZERO(&r);
    FD_ZERO(&w);
    FD_ZERO(&x);
    int maxFd = -1;
    for (const FdEvents &e : m_interest) {
        if (e.events & Readable)
            FD_SET(e.fd, &r);
        if (e.events & Writable)
            FD_SET(e.fd, &w);
        if (e.events & Exceptional)
            FD_SET(e.fd, &x);
        maxFd = std::max(maxFd, e.fd);
    }
    timeval tv{timeoutMs / 1000, (timeoutMs % 1000) * 1000};
    WaitResult res;
    const long long t0 = monotonicNs();
    res.ret = ::select(maxFd + 1, &r, &w, &x, timeoutMs < 0 ? nullptr : &tv);
    res.endNs = monotonicNs();
    res.durationNs = res.endNs - t0;
    if (res.ret < 0) {
        res.err = errno;
        if (res.err == EINTR) // a signal is not a failure: nothing became ready
            res.ret = 0;
        return res;
    }
    for (const FdEvents &e : m_interest) {
        Events got = 0;
        if (FD_ISSET(e.fd, &r))
            got |= Readable;
        if (FD_ISSET(e.fd, &w))
            got |= Writable;
        if (FD_ISSET(e.fd, &x))
            got |= Exceptional;
        if (got)
            res.ready.append({e.fd, got});
    }
    return res;
}

} // namespace mux
