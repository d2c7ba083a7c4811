#pragma once

#include "trace/Trace.h"

#include <QHash>
#include <QStringList>

namespace gui {

/// Everything the panes need about one recorded tick, read once from the trace when the
/// cursor moves, so each pane does not replay the deltas again. Only what core recorded:
/// the interest passed in, the interest after the program handled the result, what came back,
/// the sockets, and the kernel probes at the call and after the tick.
struct TickSnapshot {
    qsizetype index = -1;
    mux::TickRecord record;
    QList<mux::FdEvents> interestIn;     ///< passed to the call, in the program's order
    QList<mux::FdEvents> interestAfter;  ///< what the next call will pass
    QHash<int, mux::Events> ready;       ///< what came back, by fd
    QHash<int, mux::SocketInfo> sockets; ///< open at the end of the tick, or closed during it
    QHash<int, mux::SocketProbe> probesAtCall;
    QHash<int, mux::SocketProbe> probesAfter;
    QHash<int, mux::Trace::Traffic> traffic;

    bool isValid() const { return index >= 0; }
    bool isSetup() const { return record.kind == mux::TickRecord::Kind::Setup; }
    /// The socket as the trace knows it; an fd the trace never named gets a bare label.
    mux::SocketInfo info(int fd) const;
    /// The socket's probe read just before the call, or nullptr (nothing measured for it).
    const mux::SocketProbe *probeAtCall(int fd) const
    {
        const auto it = probesAtCall.constFind(fd);
        return it == probesAtCall.constEnd() ? nullptr : &*it;
    }
    /// True when fd is still open at the end of the tick.
    bool isOpenAfter(int fd) const { return m_openAfter.contains(fd); }

    static TickSnapshot build(const mux::Trace &trace, qsizetype index);

private:
    QSet<int> m_openAfter;
};

} // namespace gui
