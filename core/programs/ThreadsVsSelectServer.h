#pragma once

#include "engine/Program.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>

namespace mux {

/// One select loop against one thread per connection (document 001's closing remarks and its
/// threading example). Every request costs `work_ms` of blocking work (the document's
/// time.sleep(1), shortened). The loop does the requests of one pass one after another, so the
/// last client waits for all the others; a request starting with "thread" is instead handed to
/// a real std::thread per connection, and the pass waits only as long as the slowest one.
/// Both times are measured live (Server::measure), next to what the arithmetic predicts.
///   params: ports, work_ms, prefix ("done:"), demo_tasks (the document's 10 process() calls,
///           timed at start: one after another, then one thread each), recv_size, timeout_ms
class ThreadsVsSelectServer final : public Program {
public:
    explicit ThreadsVsSelectServer(const QJsonObject &params);
    Result<void> start(Server &server) override;
    void handle(Server &server, const QList<FdEvents> &ready) override;
    int timeoutMs() const override { return m_timeoutMs; }

private:
    /// Runs `count` pieces of work, one after another or one thread each; returns ms taken.
    double runWork(int count, bool threaded) const;

    QList<quint16> m_ports;
    QByteArray m_prefix;
    int m_workMs = 20;
    int m_demoTasks = 10;
    int m_recvSize = 1024;
    int m_timeoutMs = 1000;
};

} // namespace mux
