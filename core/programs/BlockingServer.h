#pragma once

#include "engine/Program.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>

namespace mux {

/// Document 003's first servers: blocking accept() and recv(), one client at a time.
/// A blocking call waits on exactly one socket, so in the tick model the program watches
/// exactly that one: the listener while it sits in accept(), the conn while it sits in recv().
/// A tick on which that socket is not ready is a tick the server spends blocked; whoever else
/// connects meanwhile waits in the listener's accept queue (the backlog).
///   params: ports [8001]
///           greeting "..."        sent right after accept (案例1: "你找谁呀！")
///           reply "..."           the fixed answer (§2.1: "hello world"); empty: answer
///                                 by replacing one character with inquire_word (案例1)
///           inquire_word "什么"
///           conversation bool     false: one recv, reply, close (§1); true: recv until
///                                 the client closes (案例1's inner loop)
///           recv_size int         1024, as the document
class BlockingServer final : public Program {
public:
    explicit BlockingServer(const QJsonObject &params);
    Result<void> start(Server &server) override;
    void handle(Server &server, const QList<FdEvents> &ready) override;
    /// A blocking call has no timeout (Python's None).
    int timeoutMs() const override { return -1; }

private:
    void blockIn(Server &server, int fd);
    void backToAccept(Server &server);
    QByteArray answer(const QByteArray &message) const;

    QByteArray m_greeting, m_reply;
    QString m_inquireWord;
    bool m_conversation = false;
    int m_recvSize = 1024;
    int m_listener = -1;
    int m_conn = -1;            ///< the client being served; -1 while in accept()
    bool m_saidBlocked = false; ///< the first idle tick says so; the rest stay quiet
};

} // namespace mux
