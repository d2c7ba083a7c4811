#include "PollMux.h"

#include "Clock.h"

#include <cerrno>

namespace mux {

Result<void> PollMux::add(int fd, Events events)
{
    if (fd < 0)
        return Error{EBADF, QStringLiteral("poll() cannot watch descriptor %1").arg(fd)};
    if (m_index.contains(fd))
        return Error{EEXIST, QStringLiteral("descriptor %1 is already watched").arg(fd)};
    m_index.insert(fd, qsizetype(m_fds.size()));
    m_fds.push_back(pollfd{fd, toPoll(Events(events & kRequestable)), 0});
    return {};
}

Result<void> PollMux::modify(int fd, Events events)
{
    auto it = m_index.constFind(fd);
    if (it == m_index.constEnd())
        return Error{ENOENT, QStringLiteral("descriptor %1 is not watched").arg(fd)};
    m_fds[size_t(*it)].events = toPoll(Events(events & kRequestable));
    return {};
}

Result<void> PollMux::remove(int fd)
{
    auto it = m_index.constFind(fd);
    if (it == m_index.constEnd())
        return Error{ENOENT, QStringLiteral("descriptor %1 is not watched").arg(fd)};
    const qsizetype at = *it;
    m_index.erase(it);
    m_fds.erase(m_fds.begin() + at);
    for (size_t i = size_t(at); i < m_fds.size(); ++i)
        m_index[m_fds[i].fd] = qsizetype(i);
    return {};
}

WaitResult PollMux::wait(int timeoutMs)
{
    WaitResult res;
    const long long t0 = monotonicNs();
    res.ret = ::poll(m_fds.data(), nfds_t(m_fds.size()), timeoutMs);
    res.endNs = monotonicNs();
    res.durationNs = res.endNs - t0;
    if (res.ret < 0) {
        res.err = errno;
        if (res.err == EINTR)
            res.ret = 0;
        return res;
    }
    if (res.ret == 0)
        return res;
    for (const pollfd &p : m_fds)
        if (p.revents)
            res.ready.append({p.fd, fromPoll(p.revents)});
    return res;
}

} // namespace mux
