#pragma once

#include "engine/Program.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>

namespace mux {

/// Document 003 §3 (sticky packets): every recv is printed (a note) with what that one recv
/// returned, so the log shows where the kernel put the boundaries — two sends may come back as
/// one recv, one long send as two. Like the document's server it sends nothing back: its
/// client never reads, and an unread reply would turn the client's close into a reset.
///   params: ports [8001]
///           recv_size int   bytes per recv (1024 as the document)
///           report "..."    the note per recv; {n} = bytes returned, {data} = those bytes
///           show int        {data} quotes at most this many bytes, then "..." (64)
///           timeout_ms int
class RecvReportServer final : public Program {
public:
    explicit RecvReportServer(const QJsonObject &params);
    Result<void> start(Server &server) override;
    void handle(Server &server, const QList<FdEvents> &ready) override;
    int timeoutMs() const override { return m_timeoutMs; }

private:
    QList<quint16> m_ports;
    QByteArray m_report;
    int m_recvSize = 1024;
    int m_show = 64;
    int m_timeoutMs = 1000;
};

} // namespace mux
