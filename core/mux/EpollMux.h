#pragma once

#include "Multiplexer.h"
#include "net/Fd.h"

#include <sys/epoll.h>
#include <vector>

namespace mux {

/// epoll(7), level-triggered: the interest lives in the kernel, registered once with
/// epoll_ctl, and epoll_wait returns only what is ready — its cost does not grow with the
/// number of watched descriptors. EdgeTriggered (EPOLLET) reports a descriptor when its state
/// *changes* (new bytes arrive, room appears), not while it stays ready: a program that reads
/// only part of what arrived is not told again until more arrives (the `lt-vs-et` lesson).
class EpollMux : public Multiplexer {
public:
    enum Mode { LevelTriggered, EdgeTriggered };
    explicit EpollMux(Mode mode = LevelTriggered);

    Backend backend() const override;
    Result<void> add(int fd, Events events) override;
    Result<void> modify(int fd, Events events) override;
    Result<void> remove(int fd) override;
    WaitResult wait(int timeoutMs) override;

private:
    Result<void> control(int op, int fd, Events events);

    Mode m_mode;
    Fd m_epoll;
    int m_watched = 0;
    std::vector<epoll_event> m_events;
};

} // namespace mux
