#pragma once

#include "engine/Program.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>

namespace mux {

/// The document-000 family: listeners in the rlist; a readable listener means accept; a
/// readable conn means recv and reply at once.
///   params: ports [..]        one listener each (multiport-welcome: 9991–9993)
///           greeting "..."    sent on accept ("欢迎访问", "你好")
///           prefix / suffix   wrapped around each echoed message ("好")
///           echo bool         false: print each message (a note, prefix and suffix
///                             around it) and send nothing back, as a document's server
///                             that only prints (select-many-clients)
///           watch_conns bool  false: conns are never put in the rlist (multiport-welcome)
///           recv_size int     bytes per recv (1024, as the documents)
///           timeout_ms int    the call's timeout (1000: the documents' select(..., 1))
///           drain bool        recv until EAGAIN, as edge-triggered epoll needs (false: one
///                             recv per wakeup, as the documents do)
///           read_cap int      with drain: bytes read per socket per tick (65536); the rest
///                             is read next tick, so one client streaming without pause
///                             cannot starve the others
class EchoServer final : public Program {
public:
    explicit EchoServer(const QJsonObject &params);
    Result<void> start(Server &server) override;
    void handle(Server &server, const QList<FdEvents> &ready) override;
    int timeoutMs() const override { return m_pending.isEmpty() ? m_timeoutMs : 0; }

private:
    /// True when a client was taken from the queue (served or refused).
    bool acceptConn(Server &server, int listener);
    /// Reads fd until EAGAIN or the read cap; false when the conn was closed.
    bool drainOne(Server &server, int fd);
    /// What goes back for `data`: the prefix, the bytes, the suffix.
    QByteArray reply(const QByteArray &data) const;
    /// Sends the reply, or with echo false prints it (a note) and sends nothing.
    void answer(Server &server, int fd, const QByteArray &data);

    QList<quint16> m_ports;
    QByteArray m_greeting, m_prefix, m_suffix;
    bool m_watchConns = true;
    bool m_echo = true;
    int m_recvSize = 1024;
    int m_timeoutMs = 1000;
    bool m_drain = false;
    qint64 m_readCap = 64 * 1024;
    /// Conns left with unread bytes at the cap. Edge-triggered epoll will not report them
    /// again until new bytes arrive, so the program must remember them itself.
    QList<int> m_pending;
};

} // namespace mux
