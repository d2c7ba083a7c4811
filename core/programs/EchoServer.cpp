#include "EchoServer.h"
#include "Listen.h"

#include "ProgramFactory.h"
#include "engine/Server.h"

#include <QJsonObject>

namespace mux {

EchoServer::EchoServer(const QJsonObject &p)
    : m_ports(portsParam(p)),
      m_greeting(p.value(QStringLiteral("greeting")).toString().toUtf8()),
      m_prefix(p.value(QStringLiteral("prefix")).toString().toUtf8()),
      m_suffix(p.value(QStringLiteral("suffix")).toString().toUtf8()),
      m_watchConns(p.value(QStringLiteral("watch_conns")).toBool(true)),
      m_echo(p.value(QStringLiteral("echo")).toBool(true)),
      m_recvSize(p.value(QStringLiteral("recv_size")).toInt(1024)),
      m_timeoutMs(p.value(QStringLiteral("timeout_ms")).toInt(1000))
{
}

Result<void> EchoServer::start(Server &server)
{
    return listenOnEvery(server, m_ports);
}

void EchoServer::handle(Server &server, const QList<FdEvents> &ready)
{
    for (const FdEvents &r : ready) {
        if (server.isListener(r.fd)) {
            auto conn = server.accept(r.fd);
            if (!conn)
                continue; // EAGAIN: another tick took it, or the client already left
            if (!m_greeting.isEmpty())
                server.sendAll(*conn, m_greeting);
            if (m_watchConns && !server.watch(*conn, Readable)) {
                // select cannot watch it (fd >= FD_SETSIZE): say so to the client and let go.
                server.sendAll(*conn, QByteArrayLiteral("server full: this server uses select() "
                                                        "and cannot watch another socket\n"));
                server.close(*conn);
            }
            continue;
        }
        if (!server.info(r.fd))
            continue; // closed earlier in this same tick
        auto data = server.recv(r.fd, m_recvSize);
        if (!data || data->isEmpty()) {
            // A failed recv (ECONNRESET) or an empty one (the peer closed): stop watching.
            server.close(r.fd);
            continue;
        }
        if (m_echo)
            server.sendAll(r.fd, m_prefix + *data + m_suffix);
    }
}

} // namespace mux
