#pragma once

#include "engine/Program.h"

#include <QByteArray>
#include <QJsonObject>

namespace mux {

/// Document 003 §2.2: one UDP socket serves every peer. No listen, no accept, no conn per
/// client: each recvfrom() hands over one whole datagram and the address it came from, and
/// sendto() answers that address.
///   params: ports [8001]      U0 binds the first
///           reply "已收到"     the document's answer
///           echo bool          true: append the datagram, so each answer says what it answers
///           timeout_ms int     the call's timeout
class UdpEchoServer final : public Program {
public:
    explicit UdpEchoServer(const QJsonObject &params);
    Result<void> start(Server &server) override;
    void handle(Server &server, const QList<FdEvents> &ready) override;
    int timeoutMs() const override { return m_timeoutMs; }

private:
    QByteArray m_reply;
    bool m_echo = true;
    int m_timeoutMs = 1000;
};

} // namespace mux
