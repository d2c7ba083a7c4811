#pragma once

#include "mux/Events.h"

#include <QList>

#include <algorithm>

namespace mux {

/// What came back, in descriptor order. select hands its lists back in fd order; poll and
/// epoll use their own (array order, event arrival order). A lesson program that walks the
/// ready list in fd order does the same calls in the same order on every backend.
inline QList<FdEvents> inFdOrder(QList<FdEvents> ready)
{
    std::sort(ready.begin(), ready.end(),
              [](const FdEvents &a, const FdEvents &b) { return a.fd < b.fd; });
    return ready;
}

} // namespace mux
