#pragma once

#include "mux/Multiplexer.h"
#include "net/Fd.h"
#include "net/Socket.h"
#include "trace/TickRecord.h"

#include <QHash>
#include <QList>

#include <functional>
#include <unordered_map>

namespace mux {

class Settler;

/// The server side of the engine, as a lesson program sees it: the socket calls of the
/// documents (listen, accept, recv, send, close) and the lists they keep (rlist, wlist,
/// xlist — or poll's pollfd array, or epoll's interest list: one interest, shown per backend).
///
/// Every call is made on the real kernel and appended to the current tick's actions. The
/// Server owns every descriptor the program opens; the program holds plain fd numbers.
/// Must be used from the engine's thread only.
class Server {
public:
    /// `peerName` maps a peer endpoint, and the local end it reached (port 0: any), to a
    /// simulated client's index (-1 = external). Both are needed: Linux gives two connects to
    /// different listeners the same ephemeral port, so the peer alone can name the wrong client.
    using PeerName = std::function<int(const net::Endpoint &peer, const net::Endpoint &local)>;
    Server(Multiplexer &mux, QList<Action> &actions, PeerName peerName);
    ~Server();

    /// Where listeners bind: base port 0 lets the kernel choose (headless runs, tests);
    /// otherwise listener i binds base + i.
    void setBind(const QString &host, quint16 basePort);
    void setClientNames(const QStringList &names) { m_clientNames = names; }
    /// At most `n` accepted conns at once; the next client hears "Server full" and is closed.
    void setMaxConns(int n) { m_maxConns = n; }
    int maxConns() const { return m_maxConns; }
    /// The engine's settler. What the program does to its own sockets (a client-side lesson
    /// talking to its own helper listener) is waited for like the clients' actions are.
    void setSettler(Settler *settler) { m_settler = settler; }

    // --- external clients (issue 5) ----------------------------------------------------
    /// Names who is at the far end of an external conn ("nc", "python3 echo_client.py");
    /// the name joins the conn's label. Unset (the default): labels carry the address only.
    using PeerNamer = std::function<QString(const net::Endpoint &peer, const net::Endpoint &local)>;
    void setPeerNamer(PeerNamer namer) { m_peerNamer = std::move(namer); }
    /// At most `limit` external conns open at once (0: no limit). One more is accepted, told
    /// `message` and closed at once, and the program's accept() sees EAGAIN, as if the client
    /// had already left; the trace shows the refusal.
    void setExternalLimit(int limit, const QString &message);
    int externalLimit() const { return m_externalLimit; }
    int externalOpen() const;

    // --- the socket calls -------------------------------------------------------------
    /// Listener number `index` (the lesson's L0, L1, …) on `defaultPort` unless a base port is set.
    Result<int> listenTcp(int index, quint16 defaultPort);
    /// Listener `index` on exactly `port`, with or without SO_REUSEADDR (socket-options restarts
    /// its listener on the port it had). A failed bind is recorded as a failed listen.
    Result<int> listenTcpAt(int index, quint16 port, bool reuseAddr);
    Result<int> bindUdp(int index, quint16 defaultPort);
    /// accept(); on success the new conn is registered and named after its client.
    /// Out of descriptors (EMFILE/ENFILE) or past maxConns(), the client is accepted anyway,
    /// told why in one line and closed, and an error is returned: the listener's queue
    /// drains, so a level-triggered listener does not come back ready on every call.
    Result<int> accept(int listener);
    /// A client that broke the protocol or hit a limit hears why in one line and is let go;
    /// the refusal is a line in the trace, so the tick shows it.
    void refuse(int fd, const QString &why);
    /// recv() of at most `max` bytes; empty = the peer closed.
    Result<QByteArray> recv(int fd, int max = 1024);
    /// send(): what the kernel took (may be short).
    Result<qint64> send(int fd, const QByteArray &data);
    /// sendall(): loops on send; stops at the first error or EAGAIN and reports how far it got.
    Result<qint64> sendAll(int fd, const QByteArray &data);
    Result<QByteArray> recvUrgent(int fd);
    Result<QByteArray> recvFrom(int fd, net::Endpoint *from, int max = 1024);
    Result<qint64> sendTo(int fd, const QByteArray &data, const net::Endpoint &to);
    /// A non-blocking connect() from the program itself to its own listener `listenerIndex`
    /// (client-side lessons). The socket is "client:<name>" and its accepted end "conn:<name>".
    /// EINPROGRESS is not an error: watch it Writable to learn when the connect is done.
    Result<int> connectTcp(const QString &name, int listenerIndex);
    /// Waits, bounded, until the kernel shows what the program did to its own sockets so far
    /// this tick (connects done, bytes arrived, FINs seen), so its other end sees it now.
    void settle();
    /// close(): also drops the fd from the interest first, as a correct program must.
    void close(int fd);
    /// A line in the log (a refusal, a correction, a warning) attached to fd.
    void note(int fd, const QString &text, bool refusal = false);
    /// A figure measured live (timings, rates): shown, but left out of determinism checks.
    void measure(int fd, const QString &text);

    // --- deadlines ---------------------------------------------------------------------
    /// A conn that started something (a frame, a login, an upload) must finish it within `ms`
    /// of engine time, or it hears `why` and is closed: a slow or idle client cannot hold a
    /// slot forever. Setting it again keeps the earlier deadline; clearDeadline() ends it.
    /// `why` is a sentence marked QT_TRANSLATE_NOOP("Deadline", …) with %1 for the seconds: the
    /// client is told it in English (the wire speaks one language), the window shows it in the
    /// learner's (QCoreApplication::translate("Deadline", why)).
    void setDeadline(int fd, int ms, const char *why);
    void clearDeadline(int fd);
    struct Deadline {
        qint64 atMs = 0;      ///< engine time at which it passes
        const char *why = ""; ///< the untranslated sentence, %1 = seconds
        double seconds = 0;   ///< the deadline's length
        QString english() const { return QString::fromUtf8(why).arg(seconds); }
    };
    /// Live state for the UI: every conn's pending deadline.
    const QHash<int, Deadline> &deadlines() const { return m_deadlines; }
    /// Engine time in milliseconds (the engine sets it before each call).
    void setNowMs(qint64 now) { m_nowMs = now; }
    qint64 nowMs() const { return m_nowMs; }
    /// Milliseconds until the earliest deadline (0 if one has passed), -1 with none.
    qint64 msToNextDeadline() const;
    /// Refuses and closes every conn whose deadline has passed; returns their fds.
    QList<int> expireDeadlines();

    // --- the lists ---------------------------------------------------------------------
    /// Adds `events` to what fd is watched for (rlist.append / register / EPOLL_CTL_ADD|MOD).
    /// Fails when the backend cannot watch fd (select with fd >= FD_SETSIZE).
    Result<void> watch(int fd, Events events);
    /// Removes `events` (rlist.remove / modify / EPOLL_CTL_DEL when nothing is left).
    void unwatch(int fd, Events events = kRequestable);
    Events interestOf(int fd) const { return m_interest.value(fd, 0); }
    bool isWatched(int fd, Events e) const { return m_interest.value(fd, 0) & e; }

    // --- what the program and the engine may ask ------------------------------------
    bool isListener(int fd) const;
    int listenerIndex(int fd) const;
    const SocketInfo *info(int fd) const;
    QList<int> fds() const;
    int fdCount() const { return int(m_fds.size()); }
    Backend backend() const { return m_mux.backend(); }
    QList<net::Endpoint> listenAddresses() const;
    /// Who is at `peer`: "client A" for a simulated client, else "ip:port".
    QString peerLabel(const net::Endpoint &peer) const;

    /// Interest changes since the last call (for the trace's delta).
    QList<FdEvents> takeInterestChanges();
    /// Sockets opened/closed since the last call.
    QList<SocketInfo> takeOpened();
    QList<int> takeClosed();
    /// Simulated clients' addresses that datagrams were sent to since the last call.
    QList<net::Endpoint> takeDatagramPeers();

private:
    void record(Action a);
    int adopt(Fd fd, SocketInfo info);
    bool isSelfConnected(int fd) const;
    int acceptedConns() const;
    Result<int> acceptOne(int listener);
    Result<int> refuseAccepted(int listener, const QString &why, int err);
    void ensureReserve();

    Multiplexer &m_mux;
    QList<Action> &m_actions;
    PeerName m_peerName;
    QString m_host = QStringLiteral("127.0.0.1");
    quint16 m_basePort = 0;
    QStringList m_clientNames;
    std::unordered_map<int, Fd> m_fds;
    QHash<int, SocketInfo> m_info;
    QHash<int, Events> m_interest;
    QList<FdEvents> m_changes;
    QList<SocketInfo> m_opened;
    QList<int> m_closed;
    int m_externalCount = 0;
    Settler *m_settler = nullptr;
    QHash<QString, int> m_outgoing; ///< the program's own connects: local address -> fd
    QHash<int, int> m_selfPeer;     ///< both ends ours: fd -> the fd at the other end
    QList<net::Endpoint> m_datagramPeers;
    PeerNamer m_peerNamer;
    int m_externalLimit = 0;
    QString m_limitMessage;
    int m_maxConns = 4096;
    /// A spare descriptor kept at the top of the table: closed for a moment when accept fails
    /// with EMFILE, so the waiting client can be accepted, told, and let go (libev's trick).
    Fd m_reserve;
    QHash<int, Deadline> m_deadlines;
    qint64 m_nowMs = 0;
};

} // namespace mux
