#pragma once

// Small helpers shared by muxlab-bench's sections: medians (the machine is shared and noisy,
// so every figure is a median of alternating rounds) and a free port. A process's CPU time and
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
