#include "FileUploadServer.h"
#include "Listen.h"

#include "ProgramFactory.h"

#include "Refuse.h"
#include "engine/Server.h"
#include <QCoreApplication>

#include <algorithm>

namespace mux {

namespace {
constexpr int kHeaderLimit = 256; // "name-size\n" never needs more

// The document's client sends "name-size" with no end of line. When it arrives alone, the
// whole first recv is the header, as the document's server takes it.
bool isBareHeader(const QByteArray &h)
{
    const qsizetype dash = h.lastIndexOf('-');
    return dash > 0 && dash + 1 < h.size() &&
           std::all_of(h.begin() + dash + 1, h.end(), [](char c) { return c >= '0' && c <= '9'; });
}
} // namespace

FileUploadServer::FileUploadServer(const QJsonObject &p)
    : m_ports(portsParam(p)), m_dataDir(p.value(QStringLiteral("data_dir")).toString()),
      m_fileLimit(p.value(QStringLiteral("file_limit")).toInteger(1024 * 1024)),
      m_recvSize(p.value(QStringLiteral("recv_size")).toInt(1024)),
      m_timeoutMs(p.value(QStringLiteral("timeout_ms")).toInt(1000)),
      m_deadlineMs(p.value(QStringLiteral("deadline_ms")).toInt(30000))
{
}

Result<void> FileUploadServer::start(Server &server)
{
    if (m_dataDir.isEmpty())
        return Error{
            0, QStringLiteral("The file-upload server needs a data directory (\"data_dir\").")};
    return listenOnEvery(server, m_ports);
}

void FileUploadServer::drop(Server &server, int fd, const QString &why)
{
    m_conns.remove(fd); // an unfinished upload removes its temporary file here
    server.refuse(fd, why);
}

void FileUploadServer::handle(Server &server, const QList<FdEvents> &ready)
{
    for (const FdEvents &r : ready) {
        if (server.isListener(r.fd)) {
            if (const int conn = acceptAndWatch(server, r.fd); conn >= 0)
                m_conns.insert(conn, std::make_shared<Conn>());
            continue;
        }
        if (!server.info(r.fd))
            continue;
        const std::shared_ptr<Conn> conn = m_conns.value(r.fd);
        if (!conn)
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
        // From the first byte, the whole file must arrive in time (a client sending a byte
        // now and then would otherwise hold its slot and its temporary file forever).
        server.setDeadline(
            r.fd, m_deadlineMs,
            QT_TRANSLATE_NOOP("Deadline", "the file did not arrive within %1 s of its first byte; "
                                          "the partial file was removed."));
        received(server, r.fd, *conn, *data);
    }
}

void FileUploadServer::received(Server &server, int fd, Conn &conn, const QByteArray &data)
{
    QByteArray body = data;
    if (!conn.upload) {
        conn.header += data;
        qsizetype end = conn.header.indexOf('\n');
        if (end < 0 && isBareHeader(conn.header))
            end = conn.header.size();
        if (end < 0) {
            if (conn.header.size() > kHeaderLimit)
                drop(server, fd,
                     QStringLiteral("Refused: no end of line within %1 bytes; start with "
                                    "\"name-size\\n\".")
                         .arg(kHeaderLimit));
            return;
        }
        const QString line = QString::fromUtf8(conn.header.left(end)).trimmed();
        body = conn.header.mid(end + 1);
        conn.header.clear();
        const qsizetype dash = line.lastIndexOf(QLatin1Char('-'));
        bool ok = false;
        const qint64 size = dash > 0 ? line.mid(dash + 1).toLongLong(&ok) : -1;
        if (!ok || size < 0)
            return drop(server, fd,
                        QStringLiteral("Refused: the first line must be \"name-size\", "
                                       "such as \"notes.txt-3000\" (a header with no newline "
                                       "that arrives in one recv with the file's first bytes "
                                       "cannot be told from them)."));
        const QString requested = line.left(dash);
        auto up = proto::UploadFile::begin(m_dataDir, requested, size, m_fileLimit);
        if (!up)
            return drop(server, fd, up.error().text);
        conn.upload = std::move(*up);
        server.note(fd, QStringLiteral("Receiving \"%1\" as \"%2\": %3 bytes.")
                            .arg(requested, conn.upload->savedName())
                            .arg(size));
    }
    proto::UploadFile &up = *conn.upload;
    if (up.written() + body.size() > up.size())
        return drop(server, fd,
                    QStringLiteral("Refused: more bytes than the %1 announced.").arg(up.size()));
    if (auto w = up.write(body); !w)
        return drop(server, fd, w.error().text);
    if (!up.complete()) {
        server.note(fd, QStringLiteral("\"%1\": %2 of %3 bytes (%4%).")
                            .arg(up.savedName())
                            .arg(up.written())
                            .arg(up.size())
                            .arg(up.written() * 100 / up.size()));
        return;
    }
    if (auto f = up.finish(); !f)
        return drop(server, fd, f.error().text);
    // Printed, not sent: the document's server answers nothing, and its client closes after
    // the last byte without reading.
    const Server::Branch closing(server, Site::Closing);
    server.note(fd, QStringLiteral("saved %1: %2 bytes, md5 %3")
                        .arg(up.savedName())
                        .arg(up.size())
                        .arg(QString::fromLatin1(up.md5Hex())));
    m_conns.remove(fd);
    server.close(fd);
}

} // namespace mux
