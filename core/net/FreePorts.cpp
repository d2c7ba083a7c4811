#include "net/FreePorts.h"

#include "net/Socket.h"

#include <QFile>

#include <random>

namespace mux::net {

namespace {

/// The lowest ephemeral port (32768 on Debian), read from /proc; 32768 when it cannot be read.
int ephemeralLow()
{
    QFile f(QStringLiteral("/proc/sys/net/ipv4/ip_local_port_range"));
    if (f.open(QIODevice::ReadOnly)) {
        bool ok = false;
        const int low = f.readAll().simplified().split(' ').value(0).toInt(&ok);
        if (ok && low > 0)
            return low;
    }
    return 32768;
}

} // namespace

quint16 freePortBlock(int count)
{
    const int first = 20000, end = ephemeralLow();
    if (count < 1 || end - first < count)
        return 0;
    // A random start, so tests running side by side rarely try the same block.
    std::random_device seed;
    std::mt19937 pick(seed());
    const int span = end - first - count + 1;
    const int start = int(pick() % unsigned(span));
    for (int i = 0; i < span; i += count) {
        const int base = first + (start + i) % span;
        bool free = true;
        for (int p = 0; p < count && free; ++p) {
            const Endpoint e{QStringLiteral("127.0.0.1"), quint16(base + p)};
            free = bool(tcpListen(e)) && bool(udpBind(e));
        }
        if (free)
            return quint16(base);
    }
    return 0;
}

} // namespace mux::net
