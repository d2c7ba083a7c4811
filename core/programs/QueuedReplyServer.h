#pragma once

#include "engine/Program.h"

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>

namespace mux {

/// Read/write separation (document 000's second loop, 001's and 004's queue servers):
/// a readable conn's message goes into that conn's queue and the conn into the wlist; a
/// writable conn sends one queued reply and leaves the wlist when its queue is empty.
///   params: ports, greeting, prefix, suffix, recv_size, timeout_ms (as EchoServer)
///           xlist bool        pass the rlist as the xlist too (document 000 does)
///           pop_newest bool   take the newest message first (document 001's pop())
///           clear_outputs bool empty the whole wlist after one pass (001's outputs.clear())
///           leave_wlist_each_reply bool  leave the wlist after one reply even if more are
///                                        queued (document 000: lib2.remove(km))
///           queue_cap int     bytes of replies a conn may have waiting (1 MiB); past it the
///                             conn is told and closed (0: no cap)
class QueuedReplyServer final : public Program {
public:
    explicit QueuedReplyServer(const QJsonObject &params);
    Result<void> start(Server &server) override;
    void handle(Server &server, const QList<FdEvents> &ready) override;
    int timeoutMs() const override { return m_timeoutMs; }
    QHash<int, QList<QByteArray>> queues() const override { return m_queues; }

private:
    void drop(Server &server, int fd);

    QList<quint16> m_ports;
    QByteArray m_greeting, m_prefix, m_suffix;
    bool m_xlist = false;
    bool m_popNewest = false;
    bool m_clearOutputs = false;
    bool m_leaveEach = false;
    int m_recvSize = 1024;
    int m_timeoutMs = 1000;
    qint64 m_queueCap = 1024 * 1024; ///< bytes of replies a conn may have waiting
    QHash<int, QList<QByteArray>> m_queues;
};

} // namespace mux
