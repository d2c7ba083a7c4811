#pragma once

#include "engine/Program.h"

#include <QJsonObject>
#include <QList>

namespace mux {

/// The cost of one call against the number of watched sockets, measured live. A client sends
/// a count (or "all"); the server opens that many idle sockets, times one zero-timeout call of
/// each backend over them (mux/WaitCost, the same code the chart and the bench use) and writes
/// one Server::measure line per backend. The reply is fixed text, so runs compare equal; the
/// figures are in the measure lines.
///   params: ports, counts [10, 100, 1000, 10000] (what "all" runs), repeats (calls per
///           figure), recv_size, timeout_ms
class ScalingServer final : public Program {
public:
    explicit ScalingServer(const QJsonObject &params);
    Result<void> start(Server &server) override;
    void handle(Server &server, const QList<FdEvents> &ready) override;
    int timeoutMs() const override { return m_timeoutMs; }

private:
    void measureCount(Server &server, int fd, int count);

    QList<quint16> m_ports;
    QList<int> m_counts;
    int m_repeats = 51;
    int m_recvSize = 1024;
    int m_timeoutMs = 1000;
    int m_limit = -1;
};

} // namespace mux
