#pragma once

#include "engine/Program.h"

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>

namespace mux {

/// Document 004's select server: every socket in the rlist and (as `inputs`) the xlist, a
/// queue per conn, the conn in the wlist while it has something to send. It leaves the wlist
/// the way the document does: on a writable pass that finds its queue empty.
///   params: ports, recv_size, timeout_ms (-1: no timeout, the document's queue server)
///           block_from_call int  calls from this one on pass no timeout (select-semantics)
///           xlist bool           watch inputs in the xlist too (default true)
///           greeting "..."       queued on accept, sent when the conn is writable
///           wlist_on_accept bool a new conn joins the wlist with nothing queued, so it comes
///                                back writable once and leaves (select-semantics' rule 2,
///                                shown without sending a byte the client never reads)
///           echo bool            queue what a conn sent back to it (default true); false:
///                                only note "received data: ..." (the document's first server)
///           on_exceptional       "close" (the document: drop the conn) or "urgent" (read the
///                                MSG_OOB byte that put it there, which is what it means)
///           explain bool         add a note where the kernel's behaviour surprises
///           report bool          also send each note about a conn to that conn, so a client
///                                sees what the server saw (xlist-truth's client checks it)
class SelectQueueServer final : public Program {
public:
    explicit SelectQueueServer(const QJsonObject &params);
    Result<void> start(Server &server) override;
    void handle(Server &server, const QList<FdEvents> &ready) override;
    int timeoutMs() const override;
    QHash<int, QList<QByteArray>> queues() const override { return m_queues; }

private:
    Events inputEvents() const;
    void readable(Server &server, int fd);
    void writable(Server &server, int fd);
    void exceptional(Server &server, int fd);
    void drop(Server &server, int fd);
    void explain(Server &server, int fd, const QString &text);

    QList<quint16> m_ports;
    QByteArray m_greeting;
    bool m_xlist = true;
    bool m_echo = true;
    bool m_closeOnExceptional = true;
    bool m_explain = false;
    bool m_report = false;
    bool m_wlistOnAccept = false;
    int m_recvSize = 1024;
    int m_timeoutMs = -1;
    int m_blockFromCall = 0;
    int m_calls = 0;
    QHash<int, QList<QByteArray>> m_queues;
};

} // namespace mux
