#pragma once

#include "Records.h"
#include "net/PeerProcess.h"
#include "trace/Trace.h"

#include <QHash>

#include <functional>
#include <optional>
#include <vector>

namespace mux::exec {

/// Turns a traced program's records into ticks, as the lessons make them: tick 0 is everything
/// before the first multiplexing call; each call opens a tick (its in sets, timeout, source
/// line), its return fills it (ready sets, ret, errno, duration), and every call after it until
/// the next multiplexing call is one of its actions. A tick goes into the trace when the next
/// call begins (its actions are then complete) or when the program ends.
///
/// For select and poll the program's own lists are not calls: what changed between two calls'
/// in sets is written as the list operations of the documents (rlist.append(5),
/// poll.register(5, POLLIN)) at the end of the earlier tick. epoll_ctl is a call, recorded as it
/// is made.
class TickBuilder {
public:
    explicit TickBuilder(Trace &trace) : m_trace(trace) {}

    /// Takes one record. Returns true when a tick was appended to the trace.
    bool take(const Record &r);
    /// The program ended: the tick still open (if any) goes into the trace. True if one did.
    bool finish();

    /// Pid of the traced process (from its hello), or -1.
    qint64 pid() const { return m_pid; }
    /// A multiplexing call has begun and has not been recorded as a tick yet.
    bool callPending() const { return m_open.has_value(); }
    /// The timeout of the multiplexing call the program is in or held before (-1: none, or none
    /// pending).
    int pendingTimeoutMs() const { return m_open ? m_open->timeoutMs : -1; }
    /// Source line of the multiplexing call the program is in or held before ("" if none).
    QString pendingSource() const { return m_pendingSource; }
    /// Where the call of tick index i was made, "FILE:LINE" (a Python program's own line), or
    /// "" (tick 0, a C program). Kept beside the trace, one string per tick, shared when equal.
    QString sourceAt(qsizetype i) const;
    /// The program has made at least one multiplexing call.
    bool sawCall() const { return m_calls > 0; }

    /// What a scripted run adds to the tick being built (ScriptedRun): the names its lesson
    /// gives the program's sockets ("L0", "conn:A"), applied to every socket as it is
    /// described; its clients' actions, in the order made; the kernel's probes of the
    /// program's sockets at the call and at the tick's end (as the engine records them).
    void setNamer(std::function<void(SocketInfo &)> namer) { m_namer = std::move(namer); }
    void addActions(const QList<Action> &actions) { m_actions += actions; }
    /// Sockets of another process the run shows beside the program's (a peer server,
    /// exec/PeerServer): in the tick's socket list, never in sockets() (they are not the
    /// program's to probe or name).
    void addOtherSockets(const QList<SocketInfo> &opened, const QList<int> &closed)
    {
        m_opened += opened;
        m_closed += closed;
    }
    void setProbes(QList<SocketProbe> atCall, QList<SocketProbe> atEnd);
    /// The actions of the tick being built so far (before its call, then after it).
    const QList<Action> &pendingActions() const { return m_actions; }
    /// Every descriptor the program has open, as last described.
    const QHash<int, SocketInfo> &sockets() const { return m_known; }

private:
    void enter(const Record &r);
    void exit(const Record &r);
    void call(const Record &r);
    void describe(const Record &r);
    /// A call the trace keeps as text; `err`: its errno when it failed (a bind's EADDRINUSE is
    /// read by ScriptedRun).
    void note(const QString &text, int fd = -1, int err = 0);
    void closeTick();
    void listChanges(const QList<FdEvents> &next);
    QList<FdEvents> epollInterest(int epfd) const;

    Trace &m_trace;
    qint64 m_pid = -1;
    qint32 m_lastTid = -1;
    quint32 m_calls = 0;
    bool m_returned = false;          ///< the open tick's call has returned
    std::optional<TickRecord> m_open; ///< the tick being built
    QList<Action> m_actions;          ///< actions since the last call returned
    QList<SocketInfo> m_opened;
    QList<int> m_closed;
    QList<FdEvents> m_lastInterest; ///< the whole interest of the last appended tick
    QString m_pendingSource;
    std::vector<QString> m_sources; ///< sourceAt(m_sourcesFrom + k) = m_sources[k]
    qsizetype m_sourcesFrom = 0;
    QHash<int, SocketInfo> m_known; ///< what each open fd was last described as
    std::function<void(SocketInfo &)> m_namer;
    QList<SocketProbe> m_atCall, m_atEnd;
    int m_listeners = 0;
    struct EpollSet {
        QList<FdEvents> interest; ///< in the order added
        QHash<quint64, int> fdOfData;
        bool edge = false;
    };
    QHash<int, EpollSet> m_epoll;
    net::PeerProcessFinder m_peers;
};

} // namespace mux::exec
