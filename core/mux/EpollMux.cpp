#include "EpollMux.h"

#include "Clock.h"

#include <cerrno>

namespace mux {

EpollMux::EpollMux(Mode mode) : m_mode(mode), m_epoll(::epoll_create1(EPOLL_CLOEXEC)) {}

Backend EpollMux::backend() const
{
    return m_mode == EdgeTriggered ? Backend::EpollEt : Backend::Epoll;
}

Result<void> EpollMux::control(int op, int fd, Events events)
{
    if (!m_epoll)
        return Error{EBADF, QStringLiteral("epoll_create1 failed; no epoll instance")};
    epoll_event ev{};
    ev.events = toEpoll(Events(events & kRequestable));
    if (m_mode == EdgeTriggered)
        ev.events |= EPOLLET;
    ev.data.fd = fd;
    if (::epoll_ctl(m_epoll.get(), op, fd, &ev) < 0) {
        const char *name = op == EPOLL_CTL_ADD   ? "EPOLL_CTL_ADD"
                           : op == EPOLL_CTL_MOD ? "EPOLL_CTL_MOD"
                                                 : "EPOLL_CTL_DEL";
        return errnoError(QStringLiteral("epoll_ctl(%1, %2)").arg(QLatin1String(name)).arg(fd),
                          errno);
    }
    return {};
}

Result<void> EpollMux::add(int fd, Events events)
{
    auto r = control(EPOLL_CTL_ADD, fd, events);
    if (r)
        ++m_watched;
    return r;
}

Result<void> EpollMux::modify(int fd, Events events)
{
    return control(EPOLL_CTL_MOD, fd, events);
}

Result<void> EpollMux::remove(int fd)
{
    auto r = control(EPOLL_CTL_DEL, fd, 0);
    if (r)
        --m_watched;
    return r;
}

WaitResult EpollMux::wait(int timeoutMs)
{
    // Room for every watched descriptor, so one call reports all that are ready, as select
    // and poll do; a smaller buffer would hand the rest to the next tick.
    m_events.resize(size_t(std::max(1, m_watched)));
    WaitResult res;
    const long long t0 = monotonicNs();
    res.ret = ::epoll_wait(m_epoll.get(), m_events.data(), int(m_events.size()), timeoutMs);
    res.endNs = monotonicNs();
    res.durationNs = res.endNs - t0;
    if (res.ret < 0) {
        res.err = errno;
        if (res.err == EINTR)
            res.ret = 0;
        return res;
    }
    res.ready.reserve(res.ret);
    for (int i = 0; i < res.ret; ++i)
        res.ready.append({m_events[size_t(i)].data.fd, fromEpoll(m_events[size_t(i)].events)});
    return res;
}

} // namespace mux
