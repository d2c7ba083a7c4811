#pragma once

#include "engine/Program.h"
#include "net/Fd.h"

#include <QJsonObject>
#include <QList>

#include <vector>

namespace mux {

/// The 1024 limit, for real. An echo server whose clients can send "fill": the server opens
/// spare descriptors (copies of /dev/null) until every number below FD_SETSIZE is taken, so
/// the next socket it accepts is numbered 1024 or more. select() must refuse to watch that one
/// (the refused watch is recorded, the client told and let go); poll and epoll take it.
/// "release" closes the spares again, so the process goes back to the descriptors it had.
/// The soft RLIMIT_NOFILE is raised to the hard limit first; when the hard limit is too low
/// to pass 1024, "fill" says so and does nothing.
///   params: ports, greeting, recv_size, timeout_ms
class FdSetSizeServer final : public Program {
public:
    explicit FdSetSizeServer(const QJsonObject &params);
    Result<void> start(Server &server) override;
    void handle(Server &server, const QList<FdEvents> &ready) override;
    int timeoutMs() const override { return m_timeoutMs; }

private:
    void fill(Server &server, int fd);
    void release(Server &server, int fd);

    QList<quint16> m_ports;
    QByteArray m_greeting;
    int m_recvSize = 1024;
    int m_timeoutMs = 1000;
    int m_limit = -1;
    std::vector<Fd> m_spares;
};

} // namespace mux
