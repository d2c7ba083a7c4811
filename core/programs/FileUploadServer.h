#pragma once

#include "engine/Program.h"
#include "proto/UploadFile.h"

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>

#include <memory>

namespace mux {

/// Document 003 §1 case 2 (file upload): the client first says `name-size`, then sends the
/// file's bytes; the server counts them and knows the file is complete when the count reaches
/// the size. Made safe and multiplexed:
///  - the header ends at a newline; the document's header has no end, so a first recv that
///    holds just "name-size" is taken whole as the header, as the document's server does, and
///    one that holds the first file bytes too (about half the time on loopback) is refused:
///    where the header ends cannot be told;
///  - the size is split off at the last '-' (names may contain '-'), checked against the
///    limit before anything is written, and the name made safe (proto/SafeName.h);
///  - bytes go to a temporary file renamed when complete; a client that leaves mid-file
///    leaves nothing behind. The saved name, size and MD5 are printed (a note), not sent:
///    the document's server answers nothing and its client never reads.
///   params: ports [8001], data_dir "" (the run's), file_limit int, recv_size int, timeout_ms,
///           deadline_ms int (30000: time from the first byte to the whole file)
class FileUploadServer final : public Program {
public:
    explicit FileUploadServer(const QJsonObject &params);
    Result<void> start(Server &server) override;
    void handle(Server &server, const QList<FdEvents> &ready) override;
    int timeoutMs() const override { return m_timeoutMs; }
    void forget(int fd) override { m_conns.remove(fd); }

private:
    struct Conn {
        QByteArray header;
        std::unique_ptr<proto::UploadFile> upload;
    };
    void received(Server &server, int fd, Conn &conn, const QByteArray &data);
    void drop(Server &server, int fd, const QString &why);

    QList<quint16> m_ports;
    QString m_dataDir;
    qint64 m_fileLimit = 1024 * 1024;
    int m_recvSize = 1024;
    int m_timeoutMs = 1000;
    int m_deadlineMs = 30000;                  ///< to finish what a client started (0: none)
    QHash<int, std::shared_ptr<Conn>> m_conns; // shared: a handler may drop it mid-use
};

} // namespace mux
