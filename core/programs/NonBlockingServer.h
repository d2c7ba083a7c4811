#pragma once

#include "engine/Program.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>

namespace mux {

/// Document 003 §4: setblocking(False) and no select. Every pass the program simply tries:
/// accept() on the listener and recv() on every conn; where a blocking call would have waited
/// the kernel answers EAGAIN at once (Python's BlockingIOError) and the program moves on.
/// It watches nothing, so the tick's call is only the pause between two passes — a select
/// with three empty lists is a sleep.
///   params: ports [8001], prefix "..." (put before each message printed), recv_size, timeout_ms
class NonBlockingServer final : public Program {
public:
    explicit NonBlockingServer(const QJsonObject &params);
    Result<void> start(Server &server) override;
    void handle(Server &server, const QList<FdEvents> &ready) override;
    int timeoutMs() const override { return m_timeoutMs; }

private:
    QByteArray m_prefix;
    int m_recvSize = 1024;
    int m_timeoutMs = 500;
    int m_listener = -1;
    QList<int> m_conns;
};

} // namespace mux
