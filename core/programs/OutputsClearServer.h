#pragma once

#include "engine/Program.h"

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>

namespace mux {

/// Document 001's read/write separation, quirks included: each conn has a message list
/// (message_dict), a read appends to it and puts the conn in `outputs` (the wlist); for each
/// conn select returns writable the server takes the *newest* message (list.pop()) and then
/// calls outputs.clear() inside that loop — emptying the whole wlist, including conns that
/// were appended during this very pass and have not been answered yet.
///   params: ports, greeting ("Hello_World"), prefix ("回复:"), recv_size, timeout_ms
class OutputsClearServer final : public Program {
public:
    explicit OutputsClearServer(const QJsonObject &params);
    Result<void> start(Server &server) override;
    void handle(Server &server, const QList<FdEvents> &ready) override;
    int timeoutMs() const override { return m_timeoutMs; }

private:
    QList<quint16> m_ports;
    QByteArray m_greeting, m_prefix;
    int m_recvSize = 1024;
    int m_timeoutMs = 1000;
    QHash<int, QList<QByteArray>> m_messages;
};

} // namespace mux
