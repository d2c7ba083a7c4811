#pragma once

#include "Multiplexer.h"

#include <QHash>

#include <poll.h>
#include <vector>

namespace mux {

/// poll(2): one pollfd array, `events` requested and `revents` returned side by side. No
/// FD_SETSIZE limit; the kernel still walks the whole array on every call.
class PollMux final : public Multiplexer {
public:
    Backend backend() const override { return Backend::Poll; }
    Result<void> add(int fd, Events events) override;
    Result<void> modify(int fd, Events events) override;
    Result<void> remove(int fd) override;
    WaitResult wait(int timeoutMs) override;

private:
    std::vector<pollfd> m_fds;
    QHash<int, qsizetype> m_index;
};

} // namespace mux
