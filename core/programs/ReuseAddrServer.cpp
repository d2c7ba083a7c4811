#include "ReuseAddrServer.h"

#include "ProgramFactory.h"
#include "Refuse.h"
#include "engine/Server.h"
#include "net/SockDiag.h"
#include "net/Socket.h"

#include <QJsonObject>

#include <netinet/tcp.h>
#include <time.h>

namespace mux {

ReuseAddrServer::ReuseAddrServer(const QJsonObject &p)
    : m_ports(portsParam(p)), m_greeting(p.value(QStringLiteral("greeting")).toString().toUtf8()),
      m_recvSize(p.value(QStringLiteral("recv_size")).toInt(1024)),
      m_timeoutMs(p.value(QStringLiteral("timeout_ms")).toInt(1000))
{
}

Result<void> ReuseAddrServer::start(Server &server)
{
    auto fd = server.listenTcp(0);
    if (!fd)
        return fd.error();
    m_listener = *fd;
    return server.watch(m_listener, Readable);
}

void ReuseAddrServer::restart(Server &server)
{
    const net::Endpoint at = net::localEndpoint(m_listener);
    // Only the conn this server closed first is counted, asked of the kernel by its exact
    // 4-tuple (sock_diag): other programs' connections on loopback, however many come and go
    // meanwhile, can neither hide it nor be counted with it.
    // The client's FIN may still be on its way (its side says LAST_ACK as soon as it is
    // sent), and on a busy machine the ACK of ours too (FIN_WAIT1, or CLOSING when the FINs
    // crossed); give the kernel a moment, bounded, to move our old conn on to TIME_WAIT.
    const bool known = m_closedPeer.port != 0;
    const auto inStates = [&](quint32 states) {
        const auto n = net::tcpSocketsInStates(m_closedLocal, m_closedPeer, states);
        return n ? *n : 0;
    };
    const quint32 closing = (1u << TCP_FIN_WAIT1) | (1u << TCP_FIN_WAIT2) | (1u << TCP_CLOSING);
    for (int i = 0; i < 2000 && known && inStates(closing) > 0; ++i) {
        timespec ts{0, 1'000'000};
        ::nanosleep(&ts, nullptr);
    }
    const int finWait2 = known ? inStates(1u << TCP_FIN_WAIT2) : 0;
    const int timeWait = known ? inStates(1u << TCP_TIME_WAIT) : 0;
    server.note(m_listener,
                QStringLiteral("restart: the kernel still holds %1 with %2 connection(s) "
                               "in TIME_WAIT and %3 in FIN_WAIT2")
                    .arg(at.toString())
                    .arg(timeWait)
                    .arg(finWait2));
    server.close(m_listener);
    m_listener = -1;
    // First the way a server without the option starts: the bind is refused while any old
    // connection on the port is still remembered by the kernel. Nothing else removes our
    // TIME_WAIT before this bind: a TIME_WAIT socket is destroyed early only by a RST or SYN
    // for its exact 4-tuple (net.ipv4.tcp_rfc1337=0) or by an outgoing connect() reusing it
    // (net.ipv4.tcp_tw_reuse). The client's side is gone (it shut down its write side with
    // nothing unread, so the kernel sent FIN rather than RST, and its LAST_ACK ended when our
    // ACK arrived; loopback loses no segment, so nothing from it is retransmitted to us), and
    // connect() never picks a source port that a bind() holds, as our listener's port is.
    auto plain = server.listenTcpAt(0, at.port, /*reuseAddr=*/false);
    if (plain) {
        m_listener = *plain;
    } else {
        auto reused = server.listenTcpAt(0, at.port, /*reuseAddr=*/true);
        if (!reused) {
            server.note(-1, QStringLiteral("could not listen again: ") + reused.error().text, true);
            return;
        }
        m_listener = *reused;
    }
    server.watch(m_listener, Readable);
}

void ReuseAddrServer::handle(Server &server, const QList<FdEvents> &ready)
{
    // Restart on the call after the "bye": by then the client has had a tick to close its
    // end, so the server's old conn has gone from FIN_WAIT2 to TIME_WAIT.
    const bool restartNow = std::exchange(m_restartNext, false);
    for (const FdEvents &r : ready) {
        if (!server.info(r.fd))
            continue;
        if (server.isListener(r.fd)) {
            const Server::Branch branch(server, Site::Listener);
            const int conn = acceptAndWatch(server, r.fd);
            if (conn >= 0 && !m_greeting.isEmpty())
                server.sendAll(conn, m_greeting);
            continue;
        }
        const Server::Branch branch(server, Site::Conn);
        auto data = server.recv(r.fd, m_recvSize);
        if (!data || data->isEmpty()) {
            server.close(r.fd);
            continue;
        }
        if (data->trimmed() == "bye") {
            const Server::Branch closing(server, Site::Closing);
            server.sendAll(r.fd, "bye\n");
            m_closedLocal = net::localEndpoint(r.fd);
            m_closedPeer = net::peerEndpoint(r.fd);
            server.close(r.fd); // the server closes first: its side will sit in TIME_WAIT
            m_restartNext = true;
            continue;
        }
        server.sendAll(r.fd, *data);
    }
    if (restartNow) {
        const Server::Branch branch(server, Site::Restart);
        restart(server);
    }
}

} // namespace mux
