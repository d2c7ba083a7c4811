#pragma once

#include "engine/Program.h"
#include "proto/MsgFileProtocol.h"
#include "proto/UploadFile.h"

#include <QHash>
#include <QJsonObject>
#include <QList>

#include <memory>

namespace mux {

/// Document 003 §3.3: messages and files over one connection, each announced by a framed JSON
/// header; a framed "close" ends the session (proto/MsgFileProtocol.h). Like the document's
/// server it sends nothing back: each message is printed (a note), each file is saved inside
/// the data dir under a safe name and its saved name, size and MD5 are printed, and "close"
/// closes the conn. Its client never reads, so any reply would sit unread and turn the
/// client's close into a reset. A broken stream is refused (one line to that client) and
/// closed while other clients carry on.
///   params: ports [8001], data_dir "" (the run's), header_limit, message_limit, file_limit,
///           recv_size (1024), timeout_ms,
///           deadline_ms (30000: time to finish a header, message or file once started)
class MsgFileServer final : public Program {
public:
    explicit MsgFileServer(const QJsonObject &params);
    Result<void> start(Server &server) override;
    void handle(Server &server, const QList<FdEvents> &ready) override;
    int timeoutMs() const override { return m_timeoutMs; }
    void forget(int fd) override { m_conns.remove(fd); }

private:
    struct Conn {
        proto::MsgFileParser parser;
        std::unique_ptr<proto::UploadFile> upload;
        QString requested;
    };
    /// Acts on every event the fed bytes completed; false once the conn is closed.
    bool act(Server &server, int fd, Conn &conn);
    void drop(Server &server, int fd, const QString &why);

    QList<quint16> m_ports;
    QString m_dataDir;
    proto::MsgFileParser::Limits m_limits;
    int m_recvSize = 1024;
    int m_timeoutMs = 1000;
    int m_deadlineMs = 30000; ///< to finish what a client started (0: none)
    QHash<int, std::shared_ptr<Conn>> m_conns;
};

} // namespace mux
