#pragma once

#include "EpollMux.h"

namespace mux {

/// epoll with EPOLLET: a descriptor is reported when its state *changes* (new bytes arrive,
/// room appears), not while it stays ready. A program that reads only part of what arrived is
/// not told again until more arrives — the missed wakeup the `lt-vs-et` lesson shows.
class EpollEtMux final : public EpollMux {
public:
    EpollEtMux() : EpollMux(EdgeTriggered) {}
};

} // namespace mux
