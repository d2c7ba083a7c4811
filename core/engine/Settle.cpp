#include "Settle.h"

#include <QtGlobal>

#include "mux/Clock.h"
#include "net/Socket.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <time.h>

namespace mux {

// A send queue that has not moved for this long belongs to a peer that stopped reading.
constexpr long long kStalledNs = 5'000'000;
/// Segments still unacknowledged: a delayed ACK (up to 40 ms, longer on a loaded machine)
/// will free room in the send buffer, so the queue is not final yet.
constexpr long long kInFlightStalledNs = 200'000'000;

void Settler::expectConnected(int clientFd, int listenerFd, int backlog)
{
    m_waits.append({Wait::Connected, clientFd, listenerFd, backlog});
}

void Settler::expectDelivered(int fd)
{
    m_waits.append({Wait::Delivered, fd});
}

void Settler::expectRefilled(int fd, int peerFd)
{
    m_waits.append({Wait::Delivered, fd, peerFd});
}

void Settler::expectFinAcked(int fd)
{
    m_waits.append({Wait::FinAcked, fd});
}

void Settler::expectReset(int serverFd)
{
    m_waits.append({Wait::Reset, serverFd});
}

void Settler::expectPeerClosed(int clientFd)
{
    m_waits.append({Wait::PeerClosed, clientFd});
}

void Settler::expectReadable(int fd)
{
    m_waits.append({Wait::Readable, fd});
}

/// Segments sent and not yet acknowledged (TCP_INFO tcpi_unacked).
static int segmentsInFlight(int fd)
{
    tcp_info info{};
    socklen_t len = sizeof info;
    if (::getsockopt(fd, IPPROTO_TCP, TCP_INFO, &info, &len) < 0)
        return -1;
    return int(info.tcpi_unacked);
}

bool Settler::done(Wait &w, long long now) const
{
    switch (w.kind) {
    case Wait::Connected: {
        if (net::tcpState(w.fd) != TCP_ESTABLISHED)
            return false;
        const int queued = net::acceptBacklog(w.other);
        // -1: the listener is gone or not a TCP listener; nothing more to wait for.
        return queued < 0 || queued >= w.value;
    }
    case Wait::Delivered: {
        const int unsent = net::bytesUnsent(w.fd);
        if (unsent <= 0)
            return true;
        if (unsent != w.last) {
            w.last = unsent;
            w.lastChangeNs = now;
            return false;
        }
        // The peer read everything: its window is open, so the kernel will move the queue.
        // Under load the window update sits in a softirq queue for longer than any stall rule.
        if (w.other >= 0 && net::bytesReadable(w.other) == 0 &&
            net::tcpState(w.other) == TCP_ESTABLISHED)
            return false;
        // A peer that does not read closes its window; the queue is final only once every
        // segment in flight has been acknowledged (a late ACK frees room in the send buffer).
        if (segmentsInFlight(w.fd) != 0)
            return now - w.lastChangeNs > kInFlightStalledNs;
        return now - w.lastChangeNs > kStalledNs;
    }
    case Wait::FinAcked: {
        const int s = net::tcpState(w.fd);
        return s < 0 || s == TCP_FIN_WAIT2 || s == TCP_TIME_WAIT || s == TCP_CLOSE ||
               s == TCP_CLOSING || s == TCP_LAST_ACK;
    }
    case Wait::PeerClosed: {
        const int s = net::tcpState(w.fd);
        return s != TCP_ESTABLISHED;
    }
    case Wait::Readable: {
        // poll, not FIONREAD: on UDP FIONREAD is the next datagram's size, 0 for an empty one.
        pollfd p{w.fd, POLLIN, 0};
        return ::poll(&p, 1, 0) != 0;
    }
    case Wait::Reset: {
        pollfd p{w.fd, POLLIN, 0};
        return ::poll(&p, 1, 0) < 0 || (p.revents & (POLLERR | POLLHUP)) ||
               net::tcpState(w.fd) == TCP_CLOSE;
    }
    }
    return true;
}

void Settler::nudgeAcks() const
{
    if (!m_ackers)
        return;
    // Only helps before the data lands: with unread bytes queued the kernel keeps the ACK for
    // the reader (tcp_cleanup_rbuf), so this runs before clients send and before the program
    // replies, never in the middle of a wait.
    const int one = 1;
    for (int fd : m_ackers())
        ::setsockopt(fd, IPPROTO_TCP, TCP_QUICKACK, &one, sizeof one);
}

bool Settler::wait(int budgetMs)
{
    const long long start = monotonicNs();
    const long long deadline = start + (long long)budgetMs * 1'000'000;
    for (Wait &w : m_waits)
        w.lastChangeNs = start;
    bool all = false;
    for (;;) {
        const long long now = monotonicNs();
        all = true;
        for (Wait &w : m_waits)
            if (!done(w, now))
                all = false;
        if (all || now > deadline)
            break;
        // Yield the CPU so the softirq (or ksoftirqd) that delivers the packet can run.
        timespec ts{0, 50'000};
        ::nanosleep(&ts, nullptr);
    }
    if (!all && qEnvironmentVariableIsSet("MUXLAB_DEBUG_SETTLE"))
        for (Wait &w : m_waits)
            if (!done(w, monotonicNs()))
                qWarning("settle: gave up on wait kind %d fd %d (other %d value %d)", int(w.kind),
                         w.fd, w.other, w.value);
    m_waits.clear();
    return all;
}

} // namespace mux
