#include "MsgFileServer.h"
#include "Listen.h"

#include "ProgramFactory.h"

#include "Refuse.h"
#include "engine/Server.h"
#include <QCoreApplication>

namespace mux {

using MsgEvent = proto::MsgFileParser::Event;

MsgFileServer::MsgFileServer(const QJsonObject &p)
    : m_ports(portsParam(p)), m_dataDir(p.value(QStringLiteral("data_dir")).toString()),
      m_recvSize(p.value(QStringLiteral("recv_size")).toInt(1024)),
      m_timeoutMs(p.value(QStringLiteral("timeout_ms")).toInt(1000)),
      m_deadlineMs(p.value(QStringLiteral("deadline_ms")).toInt(30000))
{
    m_limits.header = p.value(QStringLiteral("header_limit")).toInteger(m_limits.header);
    m_limits.message = p.value(QStringLiteral("message_limit")).toInteger(m_limits.message);
    m_limits.file = p.value(QStringLiteral("file_limit")).toInteger(m_limits.file);
}

Result<void> MsgFileServer::start(Server &server)
{
    if (m_dataDir.isEmpty())
        return Error{
            0, QStringLiteral("The message/file server needs a data directory (\"data_dir\").")};
    return listenOnEvery(server, m_ports);
}

void MsgFileServer::drop(Server &server, int fd, const QString &why)
{
    m_conns.remove(fd); // an unfinished upload removes its temporary file here
    server.refuse(fd, why);
}

void MsgFileServer::handle(Server &server, const QList<FdEvents> &ready)
{
    for (const FdEvents &r : ready) {
        if (server.isListener(r.fd)) {
            if (const int fd = acceptAndWatch(server, r.fd); fd >= 0)
                m_conns.insert(
                    fd, std::make_shared<Conn>(Conn{proto::MsgFileParser(m_limits), {}, {}}));
            continue;
        }
        const std::shared_ptr<Conn> conn = m_conns.value(r.fd);
        if (!server.info(r.fd) || !conn)
            continue;
        auto data = server.recv(r.fd, m_recvSize);
        if (!data || data->isEmpty()) {
            if (conn->upload)
                server.note(r.fd,
                            QStringLiteral("The client left after %1 of %2 bytes of \"%3\": the "
                                           "partial file was removed.")
                                .arg(conn->upload->written())
                                .arg(conn->upload->size())
                                .arg(conn->upload->savedName()));
            m_conns.remove(r.fd);
            server.close(r.fd);
            continue;
        }
        conn->parser.feed(*data);
        const bool open = act(server, r.fd, *conn);
        // A started header, message or file must be finished in time (slowloris holds a slot
        // by sending a byte now and then); a finished one frees the client from the deadline.
        if (open && !conn->parser.idle())
            server.setDeadline(r.fd, m_deadlineMs,
                               QT_TRANSLATE_NOOP("Deadline",
                                                 "the message or file was not finished within %1 s "
                                                 "of its first byte."));
        if (open && conn->upload)
            server.note(r.fd, QStringLiteral("\"%1\": %2 of %3 bytes so far.")
                                  .arg(conn->upload->savedName())
                                  .arg(conn->upload->written())
                                  .arg(conn->upload->size()));
    }
}

bool MsgFileServer::act(Server &server, int fd, Conn &conn)
{
    while (auto e = conn.parser.next()) {
        switch (e->kind) {
        case MsgEvent::Message:
            server.clearDeadline(fd);
            server.note(fd, QStringLiteral("message: ") + QString::fromUtf8(e->bytes));
            break;
        case MsgEvent::FileBegin: {
            auto up = proto::UploadFile::begin(m_dataDir, e->fileName, e->size, m_limits.file);
            if (!up) {
                drop(server, fd, up.error().text);
                return false;
            }
            conn.upload = std::move(*up);
            conn.requested = e->fileName;
            break;
        }
        case MsgEvent::FileData:
            if (auto w = conn.upload->write(e->bytes); !w) {
                drop(server, fd, w.error().text);
                return false;
            }
            break;
        case MsgEvent::FileEnd: {
            if (auto f = conn.upload->finish(); !f) {
                drop(server, fd, f.error().text);
                return false;
            }
            const proto::UploadFile &up = *conn.upload;
            server.note(fd, QStringLiteral("file %1: %2 bytes saved as %3, md5 %4")
                                .arg(conn.requested)
                                .arg(up.size())
                                .arg(up.savedName(), QString::fromLatin1(up.md5Hex())));
            conn.upload.reset();
            server.clearDeadline(fd);
            break;
        }
        case MsgEvent::Close:
            server.note(fd, QStringLiteral("close: the client ended the session"));
            m_conns.remove(fd);
            server.close(fd);
            return false;
        case MsgEvent::Refused:
            drop(server, fd, e->error);
            return false;
        }
    }
    return true;
}

} // namespace mux
