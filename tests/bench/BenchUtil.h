#pragma once

// Small helpers shared by the bench executables: medians and percentiles (the machine is shared
// and noisy, so every figure is a median of alternating rounds, and a latency is printed with
// its spread) and a free port. A process's CPU time and
// resident memory come from tests/common/Loopback.h (cpuMs, statusKb), as in the tests.

#include <QString>

#include <algorithm>
#include <chrono>
#include <vector>

namespace bench {

inline double median(std::vector<double> v)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

/// The figure `share` (0 to 1) of the way up the sorted list, by nearest rank: 0.5 is the
/// median, 0.9 the 90th percentile, 1 the worst.
inline double percentile(std::vector<double> v, double share)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, size_t(double(v.size()) * share))];
}

/// "median M ms, 90th percentile P ms, worst W ms over N": how the benches print a latency.
inline QString spreadMs(const std::vector<double> &ms)
{
    return QStringLiteral("median %1 ms, 90th percentile %2 ms, worst %3 ms over %4")
        .arg(median(ms), 0, 'f', 1)
        .arg(percentile(ms, 0.9), 0, 'f', 1)
        .arg(percentile(ms, 1), 0, 'f', 1)
        .arg(ms.size());
}

inline long long nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

/// A loopback port nobody listens on right now (bind to 0, read it back, close).
quint16 freePort();

struct Options {
    int rounds = 3;
    double seconds = 1.5;
    bool quick = false;
};

} // namespace bench
