#pragma once

#include <QList>

#include <functional>

namespace mux {

/// The engine's bounded wait between "clients act" and "the program's call".
///
/// A send() on loopback returns before the bytes are in the peer's receive queue when the
/// kernel defers the softirq (it does under load). Calling select right then would make the
/// same lesson give different ticks on a busy machine. So the engine lists what each client
/// action must make visible, and waits until the kernel shows all of it — or the budget ends.
class Settler {
public:
    /// A non-blocking connect: wait until it is established and the listener's accept queue
    /// holds at least `backlog` connections.
    void expectConnected(int clientFd, int listenerFd, int backlog);
    /// Bytes sent on fd: wait until the peer has acknowledged all of them (SIOCOUTQ == 0),
    /// or until the queue stops draining (a peer that does not read).
    void expectDelivered(int fd);
    /// The peer (peerFd, our own socket) has just read: bytes still queued on fd follow into
    /// the room it made. A queue that stops moving is final only while the peer holds unread
    /// bytes; with the peer's queue empty the window update (or the kernel's window probe) is
    /// still on its way, so the wait goes on, up to the budget.
    void expectRefilled(int fd, int peerFd);
    /// shutdown(SHUT_WR): wait until our FIN was acknowledged (FIN_WAIT2 or later).
    void expectFinAcked(int fd);
    /// A peer reset: wait until fd (the server side) shows the RST.
    void expectReset(int serverFd);
    /// The server closed a conn: wait until its client (fd) has seen the FIN.
    void expectPeerClosed(int clientFd);
    /// A datagram sent to fd (a UDP socket): wait until fd has something to read.
    void expectReadable(int fd);

    /// The sockets (both ends: the engine owns them all) that nudgeAcks() takes out of
    /// delayed-ACK mode. A receiver in that mode holds its ACK up to 40 ms, so the sender's
    /// SIOCOUTQ — and the probes — would show whichever side of that timer a tick fell on.
    void setAckers(std::function<QList<int>()> ackers) { m_ackers = std::move(ackers); }
    /// TCP_QUICKACK on every acker: leave delayed-ACK ("pingpong") mode and send any ACK held
    /// back. Called before data is sent, so the receiver acknowledges it at once.
    void nudgeAcks() const;

    bool isEmpty() const { return m_waits.isEmpty(); }
    /// Waits up to budgetMs; returns true when everything settled. Clears the list.
    bool wait(int budgetMs = 2000);

private:
    struct Wait {
        enum Kind { Connected, Delivered, FinAcked, Reset, PeerClosed, Readable } kind;
        int fd;
        int other = -1;
        int value = 0;
        int last = -1;
        long long lastChangeNs = 0;
    };
    bool done(Wait &w, long long now) const;

    QList<Wait> m_waits;
    std::function<QList<int>()> m_ackers;
};

} // namespace mux
