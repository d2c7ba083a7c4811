#include "CallCost.h"

#include "Clock.h"
#include "net/Fd.h"

#include <poll.h>
#include <sys/epoll.h>
#include <sys/select.h>

#include <algorithm>
#include <vector>

namespace mux {

namespace {

template <typename Call> double medianUs(int repeats, Call call)
{
    return double(medianCallNs(repeats, call)) / 1000.0;
}

QString us(double v)
{
    return QString::number(v, 'f', v < 10 ? 2 : 1) + QStringLiteral(" µs");
}

} // namespace

QString CallCosts::toString() const
{
    const QString sel =
        selectUs < 0
            ? QStringLiteral("refused (fd %1 >= FD_SETSIZE %2)").arg(highestFd).arg(FD_SETSIZE)
            : us(selectUs);
    return QStringLiteral("select %1, poll %2, epoll_wait %3").arg(sel, us(pollUs), us(epollUs));
}

CallCosts measureCallCosts(const QList<int> &fds, int repeats)
{
    CallCosts c;
    if (fds.isEmpty() || repeats < 1)
        return c;
    c.highestFd = *std::max_element(fds.begin(), fds.end());

    if (c.highestFd < FD_SETSIZE) {
        // A real select loop rebuilds its fd_set before every call (select overwrites it),
        // so the rebuild belongs in the cost.
        c.selectUs = medianUs(repeats, [&] {
            fd_set r;
            FD_ZERO(&r);
            for (int fd : fds)
                FD_SET(fd, &r);
            timeval tv{0, 0};
            ::select(c.highestFd + 1, &r, nullptr, nullptr, &tv);
        });
    }

    std::vector<pollfd> pfds;
    for (int fd : fds)
        pfds.push_back({fd, POLLIN, 0});
    c.pollUs = medianUs(repeats, [&] { ::poll(pfds.data(), nfds_t(pfds.size()), 0); });

    Fd ep(::epoll_create1(EPOLL_CLOEXEC));
    if (ep) {
        for (int fd : fds) {
            epoll_event ev{};
            ev.events = EPOLLIN;
            ev.data.fd = fd;
            ::epoll_ctl(ep.get(), EPOLL_CTL_ADD, fd, &ev);
        }
        std::vector<epoll_event> out(size_t(fds.size()));
        c.epollUs =
            medianUs(repeats, [&] { ::epoll_wait(ep.get(), out.data(), int(out.size()), 0); });
    }
    return c;
}

} // namespace mux
