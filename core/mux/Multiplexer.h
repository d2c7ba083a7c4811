#pragma once

#include "Events.h"
#include "net/Result.h"

#include <QList>

#include <memory>

namespace mux {

/// What one call of select/poll/epoll_wait gave back.
struct WaitResult {
    int ret = 0;           ///< the syscall's return value (-1 on error)
    int err = 0;           ///< errno when ret < 0; EINTR is reported here but ret is 0
    QList<FdEvents> ready; ///< returned events, never mixed with the requested ones
    qint64 durationNs = 0; ///< time spent inside the call
    qint64 endNs = 0;      ///< CLOCK_MONOTONIC when it returned (the caller need not read it again)
};

/// One interface over select, poll and epoll (redis's ae_*.c, libevent's eventop).
/// The caller keeps its own interest and tells the backend about each change; the backend keeps
/// whatever the kernel needs (fd_sets built per call, a pollfd array, an epoll instance).
/// Not thread-safe: one loop, one thread.
class Multiplexer {
public:
    virtual ~Multiplexer() = default;
    virtual Backend backend() const = 0;

    /// Starts watching fd for `events` (Readable | Writable | Exceptional).
    virtual Result<void> add(int fd, Events events) = 0;
    virtual Result<void> modify(int fd, Events events) = 0;
    virtual Result<void> remove(int fd) = 0;

    /// One call. timeoutMs < 0 blocks until something is ready. EINTR is zero events.
    virtual WaitResult wait(int timeoutMs) = 0;

    /// The most descriptors this backend can watch at once (FD_SETSIZE for select).
    virtual int fdLimit() const;

    static std::unique_ptr<Multiplexer> create(Backend backend);
};

} // namespace mux
