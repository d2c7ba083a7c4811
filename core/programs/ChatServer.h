#pragma once

#include "engine/Program.h"

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>

namespace mux {

/// Document 004's chat room: what one member sends goes to every other member, and joins and
/// departures are announced. Unlike the document's broadcast (a bare send that drops whoever
/// fails), each member has an output queue: what the kernel will not take now waits there and
/// the conn joins the wlist. A member that stopped reading lets its queue grow; past the cap
/// it is told, disconnected and announced, and the room goes on.
///   params: ports [8002], recv_size (4096, the document's RECV_BUFFER), timeout_ms (-1)
///           sndbuf int      SO_SNDBUF for each member's conn (0: the kernel's default)
///           queue_cap int   bytes a member may have waiting in its queue (1 MiB; 0: no cap)
/// Members are named after their socket ("A" for conn:A, "#1" for an outside client) rather
/// than their address, so what they receive does not depend on port numbers.
class ChatServer final : public Program {
public:
    explicit ChatServer(const QJsonObject &params);
    Result<void> start(Server &server) override;
    void handle(Server &server, const QList<FdEvents> &ready) override;
    int timeoutMs() const override { return m_timeoutMs; }
    QHash<int, QList<QByteArray>> queues() const override;

private:
    QByteArray nameOf(const Server &server, int fd) const;
    void join(Server &server, int listener);
    void broadcast(Server &server, int from, const QByteArray &message);
    void flush(Server &server, int fd);
    void leave(Server &server, int fd, const QByteArray &why, bool abort);

    QList<quint16> m_ports;
    int m_recvSize = 4096;
    int m_timeoutMs = -1;
    int m_sndbuf = 0;
    qint64 m_queueCap = 0;
    QList<int> m_members; ///< in the order they joined
    QHash<int, QByteArray> m_out;
    QList<int> m_overCap; ///< members found over the cap during a broadcast, dropped after it
};

} // namespace mux
