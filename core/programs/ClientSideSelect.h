#pragma once

#include "SleepyServer.h"
#include "engine/Program.h"

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>

namespace mux {

/// Document 003 §5.2 from the client's side: several non-blocking connects, one select.
/// The wlist says a connect has finished (send the request then, and move the socket to the
/// rlist); the rlist brings the reply (read it, close). The other end is a SleepyServer the
/// program opens itself on L0: one of the requests makes it sleep, and every reply queued
/// behind that one waits too.
///   params: ports [8001]            the helper server's listener
///           messages ["first", ...]  one connection per message, named client:<message>
///           sleep_word "sleep", sleep_ticks int, normal_reply, delayed_reply
///           timeout_ms int           the client's select timeout
class ClientSideSelect final : public Program {
public:
    explicit ClientSideSelect(const QJsonObject &params);
    Result<void> start(Server &server) override;
    void handle(Server &server, const QList<FdEvents> &ready) override;
    int timeoutMs() const override { return m_timeoutMs; }

private:
    QList<QByteArray> m_messages;
    int m_timeoutMs = 1000;
    SleepyServer m_remote;
    QHash<int, QByteArray> m_connecting; ///< in the wlist: connect not finished, request unsent
};

} // namespace mux
