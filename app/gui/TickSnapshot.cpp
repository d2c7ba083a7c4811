#include "TickSnapshot.h"

namespace gui {

mux::SocketInfo TickSnapshot::info(int fd) const
{
    if (auto it = sockets.constFind(fd); it != sockets.constEnd())
        return *it;
    mux::SocketInfo s;
    s.fd = fd;
    s.role = mux::Role::External;
    s.name = QStringLiteral("fd%1").arg(fd);
    s.label = QStringLiteral("fd %1").arg(fd);
    return s;
}

TickSnapshot TickSnapshot::build(const mux::Trace &trace, qsizetype index)
{
    TickSnapshot s;
    if (index < 0 || index >= trace.size())
        return s;
    s.index = index;
    s.record = trace.at(index);
    // The setup tick makes no call: it passes nothing in, and its "after" is the first interest.
    if (s.record.kind == mux::TickRecord::Kind::Call)
        s.interestIn = trace.interestAt(index);
    s.interestAfter = trace.interestAfter(index);
    for (const mux::FdEvents &e : s.record.ready)
        s.ready[e.fd] |= e.events;
    // Sockets closed during this tick are still named by the tick before.
    s.sockets = trace.socketsAt(index - 1);
    const QHash<int, mux::SocketInfo> after = trace.socketsAt(index);
    for (auto it = after.begin(); it != after.end(); ++it) {
        s.sockets.insert(it.key(), it.value());
        s.m_openAfter.insert(it.key());
    }
    s.probesAtCall = trace.probesAtCall(index);
    s.probesAfter = trace.probesAt(index);
    s.traffic = trace.trafficAt(index);
    return s;
}

} // namespace gui
