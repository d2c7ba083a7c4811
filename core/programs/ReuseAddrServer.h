#pragma once

#include "engine/Program.h"
#include "net/Socket.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>

namespace mux {

/// SO_REUSEADDR and TIME_WAIT, live (document 004, "socket补充"). A client that sends "bye" is
/// answered and then closed by the server, so the server's side is the one that closes first
/// and keeps the port in TIME_WAIT. On the next call the server "restarts": it closes its
/// listener and binds the same port again, first without SO_REUSEADDR (EADDRINUSE, recorded),
/// then with it (it works). Other messages are echoed.
///   params: ports [10000], greeting, recv_size, timeout_ms
class ReuseAddrServer final : public Program {
public:
    explicit ReuseAddrServer(const QJsonObject &params);
    Result<void> start(Server &server) override;
    void handle(Server &server, const QList<FdEvents> &ready) override;
    int timeoutMs() const override { return m_timeoutMs; }

private:
    void restart(Server &server);

    QList<quint16> m_ports;
    QByteArray m_greeting;
    int m_recvSize = 1024;
    int m_timeoutMs = 1000;
    int m_listener = -1;
    bool m_restartNext = false;
    net::Endpoint m_closedLocal; ///< the 4-tuple of the conn the server closed first
    net::Endpoint m_closedPeer;
};

} // namespace mux
