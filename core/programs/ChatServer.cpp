#include "ChatServer.h"
#include "Listen.h"

#include "ProgramFactory.h"
#include "Refuse.h"
#include "engine/Server.h"

#include <QJsonObject>

#include <cerrno>

namespace mux {

ChatServer::ChatServer(const QJsonObject &p)
    : m_ports(portsParam(p)), m_recvSize(p.value(QStringLiteral("recv_size")).toInt(4096)),
      m_timeoutMs(p.value(QStringLiteral("timeout_ms")).toInt(-1)),
      m_sndbuf(p.value(QStringLiteral("sndbuf")).toInt(0)),
      m_queueCap(p.value(QStringLiteral("queue_cap")).toInteger(1024 * 1024))
{
}

Result<void> ChatServer::start(Server &server)
{
    return listenOnEvery(server, m_ports);
}

QHash<int, QList<QByteArray>> ChatServer::queues() const
{
    QHash<int, QList<QByteArray>> out;
    for (auto it = m_out.begin(); it != m_out.end(); ++it)
        if (!it->isEmpty())
            out.insert(it.key(), {*it});
    return out;
}

QByteArray ChatServer::nameOf(const Server &server, int fd) const
{
    const QString who = server.who(fd);
    return who.isEmpty() ? QByteArray("?") : who.toUtf8();
}

void ChatServer::join(Server &server, int listener)
{
    const int conn = acceptAndWatch(server, listener);
    if (conn < 0)
        return;
    if (m_sndbuf > 0)
        server.setOption(conn, SockOpt::SndBuf,
                         m_sndbuf); // small, so a member that stops reading shows soon
    m_members.append(conn);
    m_out.insert(conn, {});
    broadcast(server, conn, "[" + nameOf(server, conn) + "] entered room\n");
}

void ChatServer::broadcast(Server &server, int from, const QByteArray &message)
{
    for (int fd : std::as_const(m_members)) {
        if (fd == from || m_overCap.contains(fd))
            continue;
        m_out[fd] += message;
        flush(server, fd);
    }
}

void ChatServer::flush(Server &server, int fd)
{
    QByteArray &out = m_out[fd];
    while (!out.isEmpty()) {
        auto sent = server.send(fd, out);
        if (!sent) {
            if (sent.error().err != EAGAIN && sent.error().err != EWOULDBLOCK) {
                m_overCap.append(fd); // the peer is gone: leave it like an over-cap member
                return;
            }
            break; // the kernel's buffers are full: the rest waits for the wlist
        }
        out.remove(0, *sent);
    }
    if (out.isEmpty()) {
        server.unwatch(fd, Writable);
        return;
    }
    server.watch(fd, Writable);
    if (m_queueCap > 0 && out.size() > m_queueCap && !m_overCap.contains(fd)) {
        server.note(fd,
                    QStringLiteral("%1 is not reading: %2 bytes wait in its queue, over the "
                                   "cap of %3")
                        .arg(QString::fromUtf8(nameOf(server, fd)))
                        .arg(out.size())
                        .arg(m_queueCap),
                    /*refusal=*/true);
        m_overCap.append(fd);
    }
}

void ChatServer::leave(Server &server, int fd, const QByteArray &why, bool abort)
{
    const QByteArray name = nameOf(server, fd);
    if (abort) {
        // A FIN would queue behind the bytes the member never reads and never leave: abort
        // instead (SO_LINGER 0: close() sends RST and throws the queued bytes away).
        server.setOption(fd, SockOpt::Linger, 0);
    }
    m_members.removeAll(fd);
    m_out.remove(fd);
    server.close(fd);
    broadcast(server, -1, "[" + name + "] " + why + "\n");
}

void ChatServer::handle(Server &server, const QList<FdEvents> &ready)
{
    for (const FdEvents &r : ready) {
        if (!server.info(r.fd) || m_overCap.contains(r.fd))
            continue;
        if (server.isListener(r.fd)) {
            join(server, r.fd);
            continue;
        }
        if (r.events & Readable) {
            auto data = server.recv(r.fd, m_recvSize);
            if (!data || data->isEmpty()) {
                leave(server, r.fd, "left room", false);
                continue;
            }
            broadcast(server, r.fd, "<" + nameOf(server, r.fd) + "> " + *data);
        }
        if ((r.events & Writable) && server.info(r.fd))
            flush(server, r.fd);
    }
    // Dropped only now, so no broadcast loop sees its member list change under it. Each drop
    // is announced, and an announcement can push another slow member over the cap.
    while (!m_overCap.isEmpty()) {
        const int fd = m_overCap.takeFirst();
        if (server.info(fd))
            leave(server, fd, "was disconnected: not reading", true);
    }
}

} // namespace mux
