#pragma once

#include "engine/Admission.h"
#include "engine/Deadlines.h"
#include "engine/SocketTable.h"
#include "mux/Multiplexer.h"
#include "net/Fd.h"
#include "net/Socket.h"
#include "trace/TickRecord.h"

#include <QHash>
#include <QList>

#include <functional>

namespace mux {

class Settler;

/// The server side of the engine, as a lesson program sees it: the socket calls of the
/// documents (listen, accept, recv, send, close, setsockopt) and the lists they keep (rlist,
/// wlist, xlist — or poll's pollfd array, or epoll's interest list: one interest, shown per
/// backend).
///
/// Every call is made on the real kernel and appended to the current tick's actions. The
/// Server owns every descriptor the program opens (its SocketTable); the program holds plain
/// fd numbers. Who may come in is Admission's job, when conns must finish is Deadlines'.
/// Must be used from the engine's thread only.
class Server {
public:
    /// `peerName` maps a peer endpoint, and the local end it reached (port 0: any), to a
    /// simulated client's index (-1 = external).
    using PeerName = std::function<int(const net::Endpoint &peer, const net::Endpoint &local)>;
    Server(Multiplexer &mux, QList<Action> &actions, PeerName peerName);
    ~Server();

    /// Marks the actions the program makes while it lives as made in one branch of its loop
    /// (`Site`), and restores the branch it was made in when it goes. A program opens one where
    /// the document's program branches (`if sock is server:` … `else:`), so the program pane
    /// lights the line of that branch only.
    class Branch {
    public:
        Branch(Server &server, Site site) : m_server(server), m_outer(server.m_site)
        {
            server.m_site = site;
        }
        ~Branch() { m_server.m_site = m_outer; }
        Branch(const Branch &) = delete;
        Branch &operator=(const Branch &) = delete;

    private:
        Server &m_server;
        Site m_outer;
    };

    /// Where listeners bind: base port 0 lets the kernel choose (headless runs, tests);
    /// otherwise listener i binds base + i.
    void setBind(const QString &host, quint16 basePort);
    void setClientNames(const QStringList &names) { m_clientNames = names; }
    /// Every descriptor this server opens is numbered `fd` or more. A helper server run beside
    /// a traced program (exec/PeerServer) shows its sockets in the program's trace: its numbers
    /// must never be read as the program's own.
    void setFirstFd(int fd) { m_firstFd = fd; }
    /// The engine's settler. What the program does to its own sockets (a client-side lesson
    /// talking to its own helper listener) is waited for like the clients' actions are.
    void setSettler(Settler *settler) { m_settler = settler; }

    /// At most `n` accepted conns at once; the next client hears "Server full" and is closed.
    void setMaxConns(int n) { m_admission.setMaxConns(n); }
    int maxConns() const { return m_admission.maxConns(); }
    /// Names who is at the far end of an external conn ("nc", "python3 echo_client.py");
    /// the name joins the conn's label. Unset (the default): labels carry the address only.
    using PeerNamer = std::function<QString(const net::Endpoint &peer, const net::Endpoint &local)>;
    void setPeerNamer(PeerNamer namer) { m_peerNamer = std::move(namer); }
    /// At most `limit` external conns open at once (0: no limit). One more is accepted, told
    /// `message` and closed at once; the program's accept() fails with that sentence (errno 0:
    /// the refusal is the server's, not the kernel's), and the trace shows the refusal.
    void setExternalLimit(int limit, const QString &message)
    {
        m_admission.setExternalLimit(limit, message);
    }
    int externalLimit() const { return m_admission.externalLimit(); }
    /// External conns only from `subnets` (empty: from anywhere); one from elsewhere is
    /// accepted, told `message` (%1 its address, %2 the subnets) and closed, like one past the
    /// limit.
    void setAllowedSubnets(const QList<net::Subnet> &subnets, const QString &message)
    {
        m_admission.setAllowedSubnets(subnets, message);
    }
    int externalOpen() const { return m_sockets.count(Role::External); }

    /// Listener number `index` (the lesson's L0, L1, …) on base port + index, or on a port the
    /// kernel picks when no base port is set (serving passes the document's port as the base).
    Result<int> listenTcp(int index);
    /// Listener `index` on exactly `port`, with or without SO_REUSEADDR (socket-options restarts
    /// its listener on the port it had). A failed bind is recorded as a failed listen.
    Result<int> listenTcpAt(int index, quint16 port, bool reuseAddr);
    Result<int> bindUdp(int index);
    /// setsockopt(): the options a lesson's server sets. SO_LINGER's `value` is l_linger with
    /// lingering on (0: close() resets the conn); a negative value turns lingering off.
    Result<void> setOption(int fd, SockOpt opt, int value);
    /// getsockopt(): what the kernel keeps (SO_SNDBUF: twice what was asked, for its overhead).
    Result<int> option(int fd, SockOpt opt);
    /// ioctl(FIONBIO), which is how Python's sock.setblocking() changes a socket on Linux.
    Result<void> setBlocking(int fd, bool blocking);
    /// fcntl(F_DUPFD_CLOEXEC): a copy of fd numbered `atLeast` or more, owned by the caller.
    /// Not recorded: the lessons that fill the descriptor table this way say so in a note
    /// (one line, not a thousand).
    static Fd duplicate(int fd, int atLeast);
    /// /dev/null opened for reading: a descriptor to fill the table with (not recorded either).
    static Fd openDevNull();
    /// accept(); on success the new conn is registered and named after its client.
    /// Out of descriptors (EMFILE/ENFILE), past maxConns() or past the external limit, the
    /// client is accepted anyway, told why in one line and closed, and an error is returned:
    /// the listener's queue drains, so a level-triggered listener does not come back ready on
    /// every call.
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

    /// A conn that started something (a frame, a login, an upload) must finish it within `ms`
    /// of engine time, or it hears `why` and is closed. Setting it again keeps the earlier
    /// deadline; clearDeadline() ends it. `why` is a sentence marked
    /// QT_TRANSLATE_NOOP("Deadline", …) with %1 for the seconds: the client is told it in
    /// English (the wire speaks one language), the window shows it in the learner's
    /// (QCoreApplication::translate("Deadline", why)).
    void setDeadline(int fd, int ms, const char *why);
    void clearDeadline(int fd) { m_deadlines.clear(fd); }
    using Deadline = Deadlines::Deadline;
    /// Live state for the UI: every conn's pending deadline.
    const QHash<int, Deadline> &deadlines() const { return m_deadlines.all(); }
    /// Engine time in milliseconds (the engine sets it before each call).
    void setNowMs(qint64 now) { m_nowMs = now; }
    qint64 nowMs() const { return m_nowMs; }
    /// Milliseconds until the earliest deadline (0 if one has passed), -1 with none.
    qint64 msToNextDeadline() const { return m_deadlines.msToNext(m_nowMs); }
    /// Refuses and closes every conn whose deadline has passed; returns their fds.
    QList<int> expireDeadlines();

    /// Adds `events` to what fd is watched for (rlist.append / register / EPOLL_CTL_ADD|MOD).
    /// Fails when the backend cannot watch fd (select with fd >= FD_SETSIZE).
    Result<void> watch(int fd, Events events);
    /// Removes `events` (rlist.remove / modify / EPOLL_CTL_DEL when nothing is left).
    void unwatch(int fd, Events events = kRequestable);
    Events interestOf(int fd) const { return m_interest.value(fd, 0); }
    bool isWatched(int fd, Events e) const { return m_interest.value(fd, 0) & e; }

    bool isListener(int fd) const { return m_sockets.isListener(fd); }
    int listenerIndex(int fd) const
    {
        const SocketTable::Socket *s = m_sockets.find(fd);
        return s ? s->listenerIndex : -1;
    }
    const SocketInfo *info(int fd) const { return m_sockets.info(fd); }
    /// Who is at the far end of conn fd: "A", "first", "#3"; empty for a listener or no socket.
    QString who(int fd) const
    {
        const SocketTable::Socket *s = m_sockets.find(fd);
        return s ? s->who : QString();
    }
    /// Every fd the server holds, ascending (no copy: safe to call in a loop).
    const QList<int> &fds() const { return m_sockets.fds(); }
    int fdCount() const { return m_sockets.size(); }
    const SocketTable &sockets() const { return m_sockets; }
    Backend backend() const { return m_mux.backend(); }
    QList<net::Endpoint> listenAddresses() const { return m_sockets.listenAddresses(); }
    /// Who is at `peer`: "client A" for a simulated client, else "ip:port".
    QString peerLabel(const net::Endpoint &peer) const;

    /// Interest changes since the last call (for the trace's delta).
    QList<FdEvents> takeInterestChanges() { return std::exchange(m_changes, {}); }
    /// Sockets opened/closed since the last call.
    QList<SocketInfo> takeOpened() { return std::exchange(m_opened, {}); }
    QList<int> takeClosed() { return std::exchange(m_closed, {}); }
    /// Simulated clients' addresses that datagrams were sent to since the last call.
    QList<net::Endpoint> takeDatagramPeers() { return std::exchange(m_datagramPeers, {}); }

private:
    void record(Action a);
    int adopt(SocketTable::Socket socket);
    Result<int> openListener(int index, Role role, quint16 port, bool reuseAddr);
    bool isSelfConnected(int fd) const;
    Result<int> acceptOne(int listener);
    /// Accepts the next client only to tell it why it cannot stay, and closes it.
    Error turnAway(int listener, const Refusal &refusal);

    Multiplexer &m_mux;
    QList<Action> &m_actions;
    Site m_site = Site::None; ///< the branch the program is in (Branch)
    PeerName m_peerName;
    QString m_host = QStringLiteral("127.0.0.1");
    quint16 m_basePort = 0;
    QStringList m_clientNames;
    SocketTable m_sockets;
    QHash<int, Events> m_interest;
    QList<FdEvents> m_changes;
    QList<SocketInfo> m_opened;
    QList<int> m_closed;
    int m_externalCount = 0;
    int m_firstFd = 0;
    Settler *m_settler = nullptr;
    /// The program's own connects, by (local port << 16 | the listener's port) -> fd: the pair,
    /// because Linux may give connects to different listeners the same local port.
    QHash<quint32, int> m_outgoing;
    QHash<int, int> m_selfPeer; ///< both ends ours: fd -> the fd at the other end
    QList<net::Endpoint> m_datagramPeers;
    PeerNamer m_peerNamer;
    Admission m_admission;
    Deadlines m_deadlines;
    qint64 m_nowMs = 0;
};

} // namespace mux
