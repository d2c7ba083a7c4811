#include "ReuseAddrServer.h"

#include "ProgramFactory.h"
#include "Refuse.h"
#include "engine/Server.h"
#include "net/Socket.h"

#include <QFile>
#include <QJsonObject>

#include <time.h>

namespace mux {

int kernelSocketsInState(quint16 port, int state, quint16 peerPort)
{
    QFile f(QStringLiteral("/proc/net/tcp"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    int n = 0;
    f.readLine(); // the header
    while (!f.atEnd()) {
        // "  0: 0100007F:2710 0100007F:D3A2 06 ..." — local address:port in hex, then the peer,
        // then the state.
        const QList<QByteArray> cols = f.readLine().simplified().split(' ');
        if (cols.size() < 4)
            continue;
        const QByteArray local = cols.at(1), peer = cols.at(2);
        bool ok1 = false, ok2 = false, ok3 = false;
        const int localPort = local.mid(local.indexOf(':') + 1).toInt(&ok1, 16);
        const int st = cols.at(3).toInt(&ok2, 16);
        const int remotePort = peer.mid(peer.indexOf(':') + 1).toInt(&ok3, 16);
        if (ok1 && ok2 && ok3 && localPort == port && st == state &&
            (peerPort == 0 || remotePort == peerPort))
            ++n;
    }
    return n;
}

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
    // Only the conn this server closed first is counted: other programs' connections that
    // happen to use the same port number (a busy machine reuses them) are not this lesson's.
    // The client's FIN may still be on its way (its side says LAST_ACK as soon as it is
    // sent), and on a busy machine the ACK of ours too (FIN_WAIT1, or CLOSING when the FINs
    // crossed); give the kernel a moment, bounded, to move our old conn on to TIME_WAIT.
    const quint16 peer = m_closedPeerPort;
    const auto closing = [&] {
        return kernelSocketsInState(at.port, 0x04, peer) +
               kernelSocketsInState(at.port, 0x05, peer) +
               kernelSocketsInState(at.port, 0x0B, peer);
    };
    for (int i = 0; i < 2000 && peer != 0 && closing() > 0; ++i) {
        timespec ts{0, 1'000'000};
        ::nanosleep(&ts, nullptr);
    }
    const int finWait2 = peer != 0 ? kernelSocketsInState(at.port, 0x05, peer) : 0;
    const int timeWait = peer != 0 ? kernelSocketsInState(at.port, 0x06, peer) : 0;
    server.note(m_listener,
                QStringLiteral("restart: the kernel still holds %1 with %2 connection(s) "
                               "in TIME_WAIT and %3 in FIN_WAIT2")
                    .arg(at.toString())
                    .arg(timeWait)
                    .arg(finWait2));
    server.close(m_listener);
    m_listener = -1;
    // First the way a server without the option starts: the bind is refused while any old
    // connection on the port is still remembered by the kernel.
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
            const int conn = acceptAndWatch(server, r.fd);
            if (conn >= 0 && !m_greeting.isEmpty())
                server.sendAll(conn, m_greeting);
            continue;
        }
        auto data = server.recv(r.fd, m_recvSize);
        if (!data || data->isEmpty()) {
            server.close(r.fd);
            continue;
        }
        if (data->trimmed() == "bye") {
            server.sendAll(r.fd, "bye\n");
            m_closedPeerPort = net::peerEndpoint(r.fd).port;
            server.close(r.fd); // the server closes first: its side will sit in TIME_WAIT
            m_restartNext = true;
            continue;
        }
        server.sendAll(r.fd, *data);
    }
    if (restartNow)
        restart(server);
}

} // namespace mux
