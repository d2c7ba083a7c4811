#pragma once

#include <time.h>

namespace mux {

/// CLOCK_MONOTONIC in nanoseconds: what every duration in a tick is measured with.
inline long long monotonicNs()
{
    timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

} // namespace mux
