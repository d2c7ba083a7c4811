#include "EchoServer.h"
#include "Listen.h"

#include "ProgramFactory.h"
#include "engine/Server.h"

#include <QJsonObject>

#include <algorithm>
#include <cerrno>

namespace mux {

namespace {
constexpr int kAcceptsPerTick = 64;
}

EchoServer::EchoServer(const QJsonObject &p)
    : m_ports(portsParam(p)), m_greeting(p.value(QStringLiteral("greeting")).toString().toUtf8()),
      m_prefix(p.value(QStringLiteral("prefix")).toString().toUtf8()),
      m_suffix(p.value(QStringLiteral("suffix")).toString().toUtf8()),
      m_watchConns(p.value(QStringLiteral("watch_conns")).toBool(true)),
      m_echo(p.value(QStringLiteral("echo")).toBool(true)),
      m_recvSize(p.value(QStringLiteral("recv_size")).toInt(1024)),
      m_timeoutMs(p.value(QStringLiteral("timeout_ms")).toInt(1000)),
      m_drain(p.value(QStringLiteral("drain")).toBool(false)),
      m_readCap(p.value(QStringLiteral("read_cap")).toInteger(64 * 1024))
{
}

Result<void> EchoServer::start(Server &server)
{
    return listenOnEvery(server, m_ports);
}

bool EchoServer::acceptConn(Server &server, int listener)
{
    auto conn = server.accept(listener);
    if (!conn) // EAGAIN: the queue is empty or the client already left; EMFILE/full: refused
        return conn.error().err != EAGAIN && conn.error().err != EWOULDBLOCK;
    if (!m_greeting.isEmpty())
        server.sendAll(*conn, m_greeting);
    if (m_watchConns && !server.watch(*conn, Readable)) {
        // select cannot watch it (fd >= FD_SETSIZE): say so to the client and let go.
        server.sendAll(*conn, QByteArrayLiteral("server full: this server uses select() "
                                                "and cannot watch another socket\n"));
        server.close(*conn);
    }
    return true;
}

QByteArray EchoServer::reply(const QByteArray &data) const
{
    if (m_prefix.isEmpty() && m_suffix.isEmpty())
        return data; // shared, not copied
    // One allocation of the exact size: `prefix + data + suffix` grows twice, and the trace
    // keeps the reply for the whole run.
    QByteArray out(m_prefix.size() + data.size() + m_suffix.size(), Qt::Uninitialized);
    char *p = std::copy(m_prefix.cbegin(), m_prefix.cend(), out.data());
    p = std::copy(data.cbegin(), data.cend(), p);
    std::copy(m_suffix.cbegin(), m_suffix.cend(), p);
    return out;
}

bool EchoServer::drainOne(Server &server, int fd)
{
    qint64 taken = 0;
    while (taken < m_readCap) {
        auto data = server.recv(fd, int(std::min<qint64>(m_recvSize, m_readCap - taken)));
        if (!data && (data.error().err == EAGAIN || data.error().err == EWOULDBLOCK))
            return true; // drained: the next edge comes with the next bytes
        if (!data || data->isEmpty()) {
            server.close(fd);
            return false;
        }
        taken += data->size();
        answer(server, fd, *data);
    }
    if (!m_pending.contains(fd)) {
        server.note(fd, QStringLiteral("read cap of %1 bytes reached this tick: the rest is read "
                                       "next tick, after the other clients had their turn")
                            .arg(m_readCap));
        m_pending.append(fd);
    }
    return true;
}

void EchoServer::handle(Server &server, const QList<FdEvents> &ready)
{
    if (m_drain) {
        // Last tick's leftovers first in line after this tick's ready list, each once.
        const QList<int> leftover = std::exchange(m_pending, {});
        QList<int> order;
        for (const FdEvents &r : ready)
            order.append(r.fd);
        for (int fd : leftover)
            if (!order.contains(fd))
                order.append(fd);
        for (int fd : std::as_const(order)) {
            if (server.isListener(fd)) {
                const Server::Branch branch(server, Site::Listener);
                // Edge-triggered, a listener with three clients queued is reported once:
                // accept until the queue is empty (or a fair share, the rest next tick).
                int n = 0;
                while (n < kAcceptsPerTick && acceptConn(server, fd))
                    ++n;
                if (n == kAcceptsPerTick)
                    m_pending.append(fd);
            } else if (server.info(fd)) {
                const Server::Branch branch(server, Site::Conn);
                drainOne(server, fd);
            }
        }
        return;
    }
    for (const FdEvents &r : ready) {
        if (server.isListener(r.fd)) {
            const Server::Branch branch(server, Site::Listener);
            acceptConn(server, r.fd);
            continue;
        }
        if (!server.info(r.fd))
            continue; // closed earlier in this same tick
        const Server::Branch branch(server, Site::Conn);
        auto data = server.recv(r.fd, m_recvSize);
        if (!data || data->isEmpty()) {
            // A failed recv (ECONNRESET) or an empty one (the peer closed): stop watching.
            server.close(r.fd);
            continue;
        }
        answer(server, r.fd, *data);
    }
}

void EchoServer::answer(Server &server, int fd, const QByteArray &data)
{
    if (m_echo)
        server.sendAll(fd, reply(data));
    else
        server.note(fd, QString::fromUtf8(reply(data)));
}

} // namespace mux
