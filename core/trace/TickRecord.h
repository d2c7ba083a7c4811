#pragma once

#include "mux/Events.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace mux {

/// Who a socket belongs to, as the tick view colours it.
enum class Role : quint8 { Listener, Conn, Client, External, Udp };
QString roleName(Role r);

/// A socket as the trace knows it. `name` is stable across runs ("L0", "conn:A", "client:A",
/// "conn:#7") so checkpoints and comparisons never depend on port numbers.
struct SocketInfo {
    int fd = -1;
    Role role = Role::Conn;
    QString name;
    QString label; ///< what a learner reads: "listener :9991", "conn A", "client A"
    QString local;
    QString peer;
    bool operator==(const SocketInfo &) const = default;
};

/// A listener's (or a UDP socket's) index i, the number a lesson's script and a client's connect
/// name it by, which the trace keeps in its name ("L<i>", "U<i>"). -1 for every other socket.
int listenerIndex(const SocketInfo &s);

/// Why a socket is or is not ready, read from the kernel after the tick.
struct SocketProbe {
    int fd = -1;
    int readable = -1; ///< FIONREAD: bytes waiting to be read
    int unsent = -1;   ///< SIOCOUTQ: bytes sent but not yet acknowledged
    int backlog = -1;  ///< listeners: connections waiting in the accept queue
    qint8 tcpState = -1;
    bool operator==(const SocketProbe &) const = default;
};

/// The peer's end as this socket's TCP state shows it: a FIN seen (CLOSE_WAIT…) or a RST seen
/// (CLOSED while still open here). Unknown for listeners, UDP and sockets not probed.
enum class PeerEnd : quint8 { Unknown, Open, FinSeen, ResetSeen };
PeerEnd peerEnd(const SocketProbe &p);

/// Where in its loop a program made an action: the branch of the document's program that holds
/// the line, so the program pane lights that line and not another one making the same call
/// (the greeting's send in the listener branch, the echo's send in the conn branch). Actions a
/// program makes outside any marked branch (its setup, a client's calls) have none.
enum class Site : quint8 {
    None,
    Setup,       ///< tick 0: the program opens its listeners and sets its first interest
    Listener,    ///< a listener came back readable: accept and what follows
    Conn,        ///< a conn came back readable: recv and what follows
    Writable,    ///< a conn came back writable: send what waits for it
    Exceptional, ///< a socket came back in the xlist
    Hangup,      ///< poll/epoll reported POLLHUP/POLLERR on it
    Big,         ///< in the conn branch: the first send of a reply too large for one send
    Invalid,     ///< in the conn branch: a request it cannot serve, answered with what it expects
    Closing,     ///< in the conn branch: the last reply, then the program closes the conn itself
    Restart,     ///< the program closes its listener and listens again on the same port
    Fill,        ///< in the conn branch: asked to take descriptors, the program takes them
    Release,     ///< in the conn branch: asked to give them back, the program closes them
    Threads,     ///< the program hands the pass's work to one thread each
    Remote,      ///< the lesson's other process (the server a client program talks to)
};
QString siteName(Site s);
QStringList siteNames(); ///< every site's name but None's, in order
std::optional<Site> siteFromName(const QString &name);

/// One syscall (or list mutation) made by the server or a client during a tick.
struct Action {
    enum class Actor : quint8 { Server, Client, Engine };
    enum class Call : quint8 {
        Listen,
        Accept,
        Recv,
        Send,
        Close,
        Connect,
        Shutdown,
        Reset,
        SendUrgent,
        RecvUrgent,
        RecvFrom,
        SendTo,
        Watch,
        Unwatch,
        Modify,
        StopReading,
        ResumeReading,
        Note,
        Refuse,
        Measure,    ///< a figure measured live (a time, a rate): differs run to run, so the
                    ///< determinism checks leave it out
        SetSockOpt, ///< arg: the SockOpt; data: the value set, in decimal
        GetSockOpt, ///< arg: the SockOpt; data: the value read, in decimal
        Ioctl,      ///< arg: the SockOpt (FIONBIO); data: the value passed, in decimal
        Bind,       ///< a UDP socket's bind (arg: the port), or a listener's bind that failed
    };
    Actor actor = Actor::Server;
    Call call = Call::Note;
    qint16 client = -1; ///< index of the simulated client, for Actor::Client
    int fd = -1;
    int arg = 0;    ///< recv size, events for Watch/Modify, the previous events for Unwatch
    qint16 err = 0; ///< errno (a connect's EINPROGRESS with ret -1: in progress, not failed); with
                    ///< `site` before ret: 48 bytes an action, not 56
    Site site = Site::None; ///< the program's branch that made it (Server::Branch)
    qint64 ret = 0;
    QByteArray data; ///< payload sent or received; the text of a Note or Refuse
    bool operator==(const Action &) const = default;
};
QString callName(Action::Call c);

/// The socket options a lesson program sets or reads, and FIONBIO (what Python's
/// sock.setblocking() calls on Linux). Kept in Action::arg, so a trace names them without
/// depending on one machine's numbers.
enum class SockOpt : quint8 { ReuseAddr, Linger, QuickAck, SndBuf, RcvBuf, NonBlock };
/// What the kernel calls an option: its level and name as numbers and as strace prints them.
struct SockOptName {
    int level = 0;
    int name = 0;
    const char *levelText = "";
    const char *nameText = "";
};
/// nullopt for a number that is no SockOpt (a hand-edited trace).
std::optional<SockOptName> sockOptName(int opt);
std::optional<Action::Call> callFromName(const QString &name);

/// What rarely happens in a tick: sockets opened or closed, probe values that changed.
/// Kept behind one pointer so a quiet tick does not pay for it.
struct TickExtras {
    QList<SocketInfo> opened;
    QList<int> closed;
    QList<SocketProbe> probes;
    /// Probes read just before the call, where they differ from the previous tick's end:
    /// what the clients' actions changed, i.e. why a socket came back ready.
    QList<SocketProbe> atCall;
    bool operator==(const TickExtras &) const = default;
};

/// One tick: one call of select/poll/epoll_wait and everything around it (core/README.md, "The
/// tick").
///
/// `interest` is delta-encoded: on a keyframe it is the whole interest in order; otherwise it
/// lists only the descriptors whose requested events changed since the previous tick (events 0 =
/// no longer watched). A tick that changed nothing costs sizeof(TickRecord) plus what happened.
struct TickRecord {
    enum class Kind : quint8 {
        Call,  ///< one select/poll/epoll_wait call and what surrounded it
        Setup, ///< tick 0: the program opened its listeners and set its first interest
    };
    quint32 tick = 0;
    Backend backend = Backend::Select;
    Kind kind = Kind::Call;
    bool keyframe = false;
    qint32 timeoutMs = -1;
    qint32 ret = 0;
    qint32 err = 0;
    qint32 actionsBeforeCall = 0; ///< how many of `actions` were made before the call
    qint64 durationNs = 0;
    QList<FdEvents> interest;
    QList<FdEvents> ready;
    /// In the order made: the clients' acts, then (from actionsBeforeCall on, after the call)
    /// the server's handling of what came back and the clients' reads of its replies.
    QList<Action> actions;
    std::shared_ptr<const TickExtras> extras;

    const TickExtras &extrasOrEmpty() const;
    bool operator==(const TickRecord &o) const;
    /// Heap and inline bytes this record holds (what the trace-memory target counts).
    qsizetype memoryBytes() const;
};

} // namespace mux
