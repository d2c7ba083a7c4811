#include "Deadlines.h"

#include <algorithm>

namespace mux {

void Deadlines::set(int fd, qint64 nowMs, int ms, const char *why)
{
    if (ms <= 0 || m_byFd.contains(fd))
        return;
    m_byFd.insert(fd, {nowMs + ms, why, ms / 1000.0});
}

qint64 Deadlines::msToNext(qint64 nowMs) const
{
    qint64 next = -1;
    for (const Deadline &d : m_byFd)
        next = next < 0 ? d.atMs : std::min(next, d.atMs);
    return next < 0 ? -1 : std::max<qint64>(0, next - nowMs);
}

QList<int> Deadlines::due(qint64 nowMs) const
{
    if (m_byFd.isEmpty())
        return {}; // every tick asks: one with no deadline makes no list
    QList<int> out;
    for (auto it = m_byFd.cbegin(); it != m_byFd.cend(); ++it)
        if (it->atMs <= nowMs)
            out.append(it.key());
    if (out.size() > 1) // begin() on an empty list would allocate one to sort
        std::sort(out.begin(), out.end());
    return out;
}

} // namespace mux
