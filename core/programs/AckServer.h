#pragma once

#include "engine/Program.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>

namespace mux {

/// Document 002's servers (select, poll, epoll, selectors): a readable conn is read and put in
/// the wlist (poll.modify(.. | POLLOUT)); a writable conn gets one fixed acknowledgement and
/// leaves the wlist again. The same class runs on every backend: only the trace's spelling of
/// the lists changes (rlist.append / poll.register / epoll_ctl ADD).
///   params: ports [..]          the document's port (8000)
///           reply "..."         the fixed acknowledgement ("I have receive")
///           listener_xlist bool the listener also goes in the xlist (002's select server)
///           elif_chain bool     per descriptor: read if readable, *else* write if writable,
///                               as 002's poll loop does with if/elif
///           measure_calls bool  after a pass that read something, time one call of select,
///                               poll and epoll_wait over the same descriptors (selectors)
///           recv_size, timeout_ms (-1: the document's select()/poll() with no timeout)
class AckServer final : public Program {
public:
    explicit AckServer(const QJsonObject &params);
    Result<void> start(Server &server) override;
    void handle(Server &server, const QList<FdEvents> &ready) override;
    int timeoutMs() const override { return m_timeoutMs; }

private:
    void readFrom(Server &server, int fd);
    void writeTo(Server &server, int fd);
    void measureCalls(Server &server);

    QList<quint16> m_ports;
    QByteArray m_reply;
    bool m_listenerXlist = false;
    bool m_elifChain = false;
    bool m_measureCalls = false;
    int m_recvSize = 1024;
    int m_timeoutMs = -1;
};

} // namespace mux
