#pragma once

#include "TickRecord.h"
#include "TickStore.h"
#include "net/Result.h"

#include <QHash>
#include <QJsonObject>

#include <span>
#include <vector>

namespace mux {

/// Every tick of a run, in order. Appending is O(what happened); reading the interest of an
/// old tick replays deltas from the nearest keyframe, and a keyframe is written only when the
/// changes since the last one outweigh a full copy — so replay cost stays bounded.
class Trace {
public:
    QString lessonId;
    Backend backend = Backend::Select;

    void clear();
    /// `rec.interest` holds the changes since the previous tick (events 0 = removed).
    /// The trace turns it into a keyframe when that is cheaper to read back.
    void append(TickRecord rec);

    /// Keep only the newest `n` ticks or a few thousand more (0, the default: all of them).
    /// --serve without --trace runs for hours: every tick is still recorded, formatted and
    /// printed from here, but memory stays bounded. A trace that dropped ticks answers the
    /// per-tick reads (at(i) for i >= firstKept(), last(), currentInterest()); the reads that
    /// replay history from tick 0 (socketsAt, trafficAt, …) return nothing, and save() refuses.
    void keepAtMost(qsizetype n) { m_ticks.keepAtMost(n); }
    qsizetype firstKept() const { return m_ticks.firstKept(); }

    qsizetype size() const { return m_ticks.size(); }
    bool isEmpty() const { return m_ticks.empty(); }
    const TickRecord &at(qsizetype i) const { return m_ticks[i]; }
    const TickRecord &last() const { return m_ticks.back(); }

    /// The whole interest (in the program's order) passed in at tick index i.
    QList<FdEvents> interestAt(qsizetype i) const;
    /// The interest after the last tick (what the next tick will pass in).
    /// The interest after the program handled tick index i: what the next call passes in. For
    /// the newest tick it is rebuilt from the tick's recorded list changes (watch, unwatch,
    /// modify), which the next tick's delta will carry.
    QList<FdEvents> interestAfter(qsizetype i) const;
    QList<FdEvents> currentInterest() const
    {
        return QList<FdEvents>(m_current.begin(), m_current.end());
    }
    /// The same, in place: valid until the next append().
    std::span<const FdEvents> currentInterestView() const { return m_current; }
    /// Every socket open at the end of tick index i (all sockets ever seen with i = size()-1).
    QHash<int, SocketInfo> socketsAt(qsizetype i) const;
    /// Latest probe of each socket at the end of tick index i.
    QHash<int, SocketProbe> probesAt(qsizetype i) const;
    /// Probes as they were just before the call of tick index i (why a socket came back ready).
    QHash<int, SocketProbe> probesAtCall(qsizetype i) const;
    /// Bytes each socket has taken in (recv) and put out (send) from its opening to the end of
    /// tick index i, as the recorded calls returned them.
    struct Traffic {
        qint64 in = 0;
        qint64 out = 0;
    };
    QHash<int, Traffic> trafficAt(qsizetype i) const;
    /// Everything each simulated client (by index) received up to the end of tick index i.
    QHash<int, QByteArray> receivedByClients(qsizetype i) const;

    qsizetype memoryBytes() const;

    QJsonObject toJson() const;
    static Result<Trace> fromJson(const QJsonObject &o);
    Result<void> save(const QString &path) const;
    static Result<Trace> load(const QString &path);

    bool operator==(const Trace &o) const;

private:
    static void apply(std::vector<FdEvents> &interest, QHash<int, qsizetype> &index,
                      const QList<FdEvents> &delta);

    // Where the last interestAt / socketsAt call left off. Reading tick after tick (the live
    // view, --serve printing each tick, stepping through history) then replays only the ticks
    // in between instead of everything since the last keyframe or since tick 0.
    struct InterestCursor {
        qsizetype at = -1;
        std::vector<FdEvents> interest;
        QHash<int, qsizetype> index;
    };
    struct SocketsCursor {
        qsizetype at = -1;
        QHash<int, SocketInfo> open;
    };
    mutable InterestCursor m_interestCursor;
    mutable SocketsCursor m_socketsCursor;

    TickStore m_ticks;
    std::vector<FdEvents> m_current;
    QHash<int, qsizetype> m_index;
    qsizetype m_changesSinceKey = 0;
};

} // namespace mux
