#pragma once

#include "engine/Program.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>

namespace mux {

/// select → poll → epoll, measured instead of quoted (document 001's history). A client's
/// request makes the server open N idle descriptors (eventfds, one of them ready), time one
/// zero-timeout call of each backend over them for each N, and try to hand a descriptor
/// >= FD_SETSIZE to select. Figures go to Server::measure; the reply is fixed text.
///   params: ports, counts [10, 100, 1000, 2000], repeats (calls timed per figure), reply,
///           recv_size, timeout_ms
class MuxHistoryServer final : public Program {
public:
    explicit MuxHistoryServer(const QJsonObject &params);
    Result<void> start(Server &server) override;
    void handle(Server &server, const QList<FdEvents> &ready) override;
    int timeoutMs() const override { return m_timeoutMs; }

private:
    void measureHistory(Server &server, int fd);

    QList<quint16> m_ports;
    QList<int> m_counts;
    int m_repeats = 21;
    QByteArray m_reply;
    int m_recvSize = 1024;
    int m_timeoutMs = 1000;
};

} // namespace mux
