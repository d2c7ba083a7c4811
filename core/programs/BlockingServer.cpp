#include "BlockingServer.h"

#include "ProgramFactory.h"
#include "engine/Server.h"

namespace mux {

BlockingServer::BlockingServer(const QJsonObject &p)
    : m_greeting(p.value(QStringLiteral("greeting")).toString().toUtf8()),
      m_reply(p.value(QStringLiteral("reply")).toString().toUtf8()),
      m_inquireWord(p.value(QStringLiteral("inquire_word")).toString(QStringLiteral("什么"))),
      m_conversation(p.value(QStringLiteral("conversation")).toBool(false)),
      m_recvSize(p.value(QStringLiteral("recv_size")).toInt(1024))
{
}

Result<void> BlockingServer::start(Server &server)
{
    auto fd = server.listenTcp(0);
    if (!fd)
        return fd.error();
    m_listener = *fd;
    blockIn(server, m_listener);
    return {};
}

static QString nameOf(const Server &server, int fd)
{
    const SocketInfo *i = server.info(fd);
    return i ? i->name : QStringLiteral("fd %1").arg(fd);
}

// The one socket a blocking server waits on is the only one it watches.
void BlockingServer::blockIn(Server &server, int fd)
{
    for (int other : server.fds())
        if (other != fd && server.interestOf(other))
            server.unwatch(other);
    server.watch(fd, Readable);
    m_saidBlocked = false;
    if (fd == m_listener)
        server.note(fd,
                    QStringLiteral("next: accept() blocks until a client is in the accept queue"));
    else
        server.note(
            fd,
            QStringLiteral("next: recv() blocks until %1 sends or closes").arg(nameOf(server, fd)));
}

void BlockingServer::backToAccept(Server &server)
{
    server.close(m_conn);
    m_conn = -1;
    blockIn(server, m_listener);
}

// 案例1 picks a random character and replaces it (every occurrence, as str.replace does).
// Here the pick comes from the text itself, so every run of the lesson gives the same answer.
QByteArray BlockingServer::answer(const QByteArray &message) const
{
    if (!m_reply.isEmpty())
        return m_reply;
    const QString text = QString::fromUtf8(message);
    const QList<uint> chars = text.toUcs4();
    if (chars.isEmpty())
        return message;
    uint sum = 0;
    for (uint c : chars)
        sum += c;
    const uint picked = chars[qsizetype(sum % uint(chars.size()))];
    QString out = text;
    out.replace(QString::fromUcs4(reinterpret_cast<const char32_t *>(&picked), 1), m_inquireWord);
    return out.toUtf8();
}

void BlockingServer::handle(Server &server, const QList<FdEvents> &ready)
{
    if (ready.isEmpty()) {
        // The call did not return: the server is stuck inside accept() or recv().
        if (!m_saidBlocked)
            server.note(m_conn < 0 ? m_listener : m_conn,
                        m_conn < 0 ? QStringLiteral("blocked in accept(): nobody to accept yet")
                                   : QStringLiteral("blocked in recv(%1): nothing else runs")
                                         .arg(nameOf(server, m_conn)));
        m_saidBlocked = true;
        return;
    }
    if (m_conn < 0) {
        const Server::Branch branch(server, Site::Listener);
        auto conn = server.accept(m_listener);
        if (!conn)
            return; // the client left before we got to it; accept() again
        m_conn = *conn;
        if (!m_greeting.isEmpty())
            server.sendAll(m_conn, m_greeting);
        blockIn(server, m_conn);
        return;
    }
    const Server::Branch branch(server, Site::Conn);
    auto data = server.recv(m_conn, m_recvSize);
    if (!data || data->isEmpty()) {
        backToAccept(server); // the client closed (or reset): serve the next one
        return;
    }
    server.sendAll(m_conn, answer(*data));
    if (m_conversation)
        m_saidBlocked = false;
    else
        backToAccept(server);
}

} // namespace mux
