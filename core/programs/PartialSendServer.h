#pragma once

#include "engine/Program.h"

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>

namespace mux {

/// send() versus sendall() (document 001's note): a request asks for a big reply; the server
/// makes ONE send() and the kernel takes only what fits in the socket buffers. What is left
/// waits in the program, the conn joins the wlist, and each time the kernel says "writable"
/// the server sends the next piece — sendall's loop, done without blocking the other clients.
///   params: ports, reply_bytes (size of the big reply), sndbuf (SO_SNDBUF set on each conn),
///           small_reply ("ok:" prefix echo for ordinary messages), recv_size, timeout_ms
/// A message "big" asks for the big reply; anything else is echoed after "ok:".
class PartialSendServer final : public Program {
public:
    explicit PartialSendServer(const QJsonObject &params);
    Result<void> start(Server &server) override;
    void handle(Server &server, const QList<FdEvents> &ready) override;
    int timeoutMs() const override { return m_timeoutMs; }

private:
    void sendSome(Server &server, int fd);

    QList<quint16> m_ports;
    int m_replyBytes = 1 << 20;
    int m_sndbuf = 4096;
    int m_recvSize = 1024;
    int m_timeoutMs = 1000;
    QHash<int, QByteArray> m_pending; ///< what send() has not taken yet, per conn
    QHash<int, int> m_pieces;         ///< send() calls made for the current big reply
};

/// The big reply: printable, numbered lines, so a client can check every byte it got.
QByteArray bigReply(int bytes);

} // namespace mux
