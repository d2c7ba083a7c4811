#pragma once

#include <time.h>

#include <algorithm>
#include <vector>

namespace mux {

/// CLOCK_MONOTONIC in nanoseconds: what every duration in a tick is measured with.
inline long long monotonicNs()
{
    timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/// Median nanoseconds of `repeats` timed calls of `call`, after one untimed call (epoll links
/// its wait queues and caches warm up on the first scan). The machines are shared: a median
/// stands where a mean would follow one descheduled call.
template <typename Call> long long medianCallNs(int repeats, Call call)
{
    call();
    std::vector<long long> ns(size_t(std::max(1, repeats)));
    for (long long &n : ns) {
        const long long t0 = monotonicNs();
        call();
        n = monotonicNs() - t0;
    }
    std::nth_element(ns.begin(), ns.begin() + ns.size() / 2, ns.end());
    return ns[ns.size() / 2];
}

} // namespace mux
