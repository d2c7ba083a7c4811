#pragma once

#include "TickRecord.h"
#include "TickStore.h"
#include "net/Result.h"

#include <QHash>
#include <QJsonObject>

#include <array>
#include <map>
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
    /// printed from here, but memory stays bounded. What the dropped ticks did (the sockets
    /// they opened and closed, the interest they set, the bytes counted, the last probes, what
    /// the clients received) is folded into the state before firstKept(), so every read at a
    /// kept tick answers exactly as it did before the drop. Reads before firstKept() - 1 are
    /// empty.
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
        bool operator==(const Traffic &) const = default;
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
    static void foldReceived(QHash<int, QByteArray> &got, const TickRecord &t);

    /// What the reads that look back (socketsAt, probesAt, trafficAt) fold from the ticks, as
    /// it stood at the end of one tick.
    struct History {
        QHash<int, SocketInfo> open;
        QHash<int, SocketProbe> probes;
        QHash<int, Traffic> traffic;
        void fold(const TickRecord &t);
        bool operator==(const History &) const = default;
    };
    /// The state at the end of tick firstKept() - 1: what the dropped ticks left behind (empty
    /// while none were dropped). Reads at kept ticks start from it instead of from tick 0.
    struct Base {
        History history;
        std::vector<FdEvents> interest; ///< the interest passed in at tick firstKept() - 1
        QHash<int, qsizetype> interestIndex;
        QHash<int, QByteArray> received; ///< receivedByClients(firstKept() - 1)
        bool operator==(const Base &) const = default;
    };
    /// Folds the ticks [firstKept(), newFirst) into the base, while they can still be read.
    void rebase(qsizetype newFirst);
    /// The history at the end of tick index i (clamped to the last), or null before the base.
    /// Valid until the next call.
    const History *historyAt(qsizetype i) const;

    // Where the last interestAt call left off. Reading tick after tick (the live view, --serve
    // printing each tick, stepping through history) then replays only the ticks in between
    // instead of everything since the last keyframe.
    struct InterestCursor {
        qsizetype at = -1;
        std::vector<FdEvents> interest;
        QHash<int, qsizetype> index;
    };
    mutable InterestCursor m_interestCursor;
    // The same for the history, twice: a tick's view reads both its own tick and the one before
    // (socketsAt(i - 1) and socketsAt(i)), and one cursor would go back to the start for each.
    // Going back further starts from the nearest checkpoint: the history at the end of every
    // kChunk-th tick, kept the first time a cursor passes it, so a jump replays at most one
    // chunk.
    struct HistoryCursor {
        qsizetype at = -1;
        History history;
    };
    mutable std::array<HistoryCursor, 2> m_historyCursors;
    mutable int m_historyUsed = 0; ///< which cursor answered last
    mutable std::map<qsizetype, History> m_checkpoints;
    // What the clients received grows with the run: one cursor, no checkpoints. Reading forward
    // (the clients' table following the newest tick) appends only the ticks in between.
    struct ReceivedCursor {
        qsizetype at = -1;
        QHash<int, QByteArray> got;
    };
    mutable ReceivedCursor m_receivedCursor;

    Base m_base;
    TickStore m_ticks;
    std::vector<FdEvents> m_current;
    QHash<int, qsizetype> m_index;
    qsizetype m_changesSinceKey = 0;
};

} // namespace mux
