#include "LoginServer.h"
#include "Listen.h"

#include "ProgramFactory.h"

#include "Refuse.h"
#include "engine/Server.h"
#include <QCoreApplication>

#include <QDir>
#include <QFile>

namespace mux {

namespace {
const QString kUserFile = QStringLiteral("user");
}

LoginServer::LoginServer(const QJsonObject &p)
    : m_ports(portsParam(p)), m_dataDir(p.value(QStringLiteral("data_dir")).toString()),
      m_salt(p.value(QStringLiteral("salt")).toString()),
      m_users(p.value(QStringLiteral("users")).toObject()),
      m_greeting(p.value(QStringLiteral("greeting")).toString().toUtf8()),
      m_ok(p.value(QStringLiteral("ok")).toString(QStringLiteral("login ok")).toUtf8()),
      m_fail(p.value(QStringLiteral("fail"))
                 .toString(QStringLiteral("wrong user or password"))
                 .toUtf8()),
      m_timeoutMs(p.value(QStringLiteral("timeout_ms")).toInt(1000)),
      m_deadlineMs(p.value(QStringLiteral("deadline_ms")).toInt(30000))
{
}

Result<void> LoginServer::start(Server &server)
{
    if (m_dataDir.isEmpty() || !QDir().mkpath(m_dataDir))
        return Error{
            0, QStringLiteral(
                   "The login server needs a data directory (\"data_dir\") for its user file.")};
    QHash<QString, QByteArray> users;
    for (auto it = m_users.begin(); it != m_users.end(); ++it)
        users.insert(it.key(), proto::documentMd5(it.value().toString(), m_salt));
    QFile f(QDir(m_dataDir).filePath(kUserFile));
    if (!f.open(QIODevice::WriteOnly) || f.write(proto::formatUserFile(users)) < 0)
        return Error{0, QStringLiteral("Cannot write the user file: %1.").arg(f.errorString())};
    f.close();
    return listenOnEvery(server, m_ports);
}

void LoginServer::handle(Server &server, const QList<FdEvents> &ready)
{
    for (const FdEvents &r : ready) {
        if (server.isListener(r.fd)) {
            const Server::Branch branch(server, Site::Listener);
            if (const int fd = acceptAndWatch(server, r.fd); fd >= 0) {
                m_readers.insert(fd, proto::JsonObjectReader());
                server.setDeadline(
                    fd, m_deadlineMs,
                    QT_TRANSLATE_NOOP("Deadline", "no whole login request within %1 s."));
                if (!m_greeting.isEmpty())
                    server.sendAll(fd, m_greeting);
            }
            continue;
        }
        if (!server.info(r.fd))
            continue;
        const Server::Branch branch(server, Site::Conn);
        auto data = server.recv(r.fd, 1024);
        if (!data || data->isEmpty()) {
            m_readers.remove(r.fd);
            server.close(r.fd);
            continue;
        }
        proto::JsonObjectReader &reader = m_readers[r.fd];
        reader.feed(*data);
        QJsonObject request;
        const auto status = reader.next(&request);
        if (status == proto::JsonObjectReader::Status::NeedMore)
            continue; // the rest of the request comes with a later recv
        if (status == proto::JsonObjectReader::Status::Refused) {
            server.refuse(r.fd, reader.error());
            m_readers.remove(r.fd);
            continue;
        }
        // As the document does: read the user file for every login.
        QFile f(QDir(m_dataDir).filePath(kUserFile));
        const auto users = f.open(QIODevice::ReadOnly) ? proto::parseUserFile(f.readAll())
                                                       : QHash<QString, QByteArray>();
        const proto::LoginVerdict v = proto::checkLogin(request, users);
        m_readers.remove(r.fd);
        if (!v.problem.isEmpty()) {
            server.refuse(r.fd, v.problem);
            continue;
        }
        server.note(r.fd, QStringLiteral("Login as \"%1\": %2.")
                              .arg(request.value(QStringLiteral("username")).toString().left(40),
                                   v.ok ? QStringLiteral("accepted") : QStringLiteral("refused")));
        server.sendAll(r.fd, v.ok ? m_ok : m_fail);
        server.close(r.fd);
    }
}

} // namespace mux
