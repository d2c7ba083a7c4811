#include "OutputsClearServer.h"
#include "Listen.h"

#include "ProgramFactory.h"
#include "ReadyOrder.h"
#include "engine/Server.h"

#include <QJsonObject>

namespace mux {

OutputsClearServer::OutputsClearServer(const QJsonObject &p)
    : m_ports(portsParam(p)), m_greeting(p.value(QStringLiteral("greeting")).toString().toUtf8()),
      m_prefix(p.value(QStringLiteral("prefix")).toString().toUtf8()),
      m_recvSize(p.value(QStringLiteral("recv_size")).toInt(1024)),
      m_timeoutMs(p.value(QStringLiteral("timeout_ms")).toInt(1000))
{
}

Result<void> OutputsClearServer::start(Server &server)
{
    return listenOnEvery(server, m_ports);
}

void OutputsClearServer::handle(Server &server, const QList<FdEvents> &returned)
{
    const QList<FdEvents> ready = inFdOrder(returned);
    // for sk in r_list
    for (const FdEvents &r : ready) {
        if (!(r.events & Readable) || !server.info(r.fd))
            continue;
        if (server.isListener(r.fd)) {
            const Server::Branch branch(server, Site::Listener);
            auto conn = server.accept(r.fd);
            if (!conn)
                continue;
            if (!m_greeting.isEmpty())
                server.sendAll(*conn, m_greeting);
            if (!server.watch(*conn, Readable)) {
                server.close(*conn);
                continue;
            }
            m_messages.insert(*conn, {});
            continue;
        }
        const Server::Branch branch(server, Site::Conn);
        auto data = server.recv(r.fd, m_recvSize);
        if (!data || data->isEmpty()) {
            m_messages.remove(r.fd);
            server.close(r.fd);
            continue;
        }
        // This server answers a message only on a later pass, so the kernel would delay its ACK
        // (up to 40 ms), and the client's next small message would wait for that ACK (Nagle).
        // A person typing never notices; simulated clients send on the very next tick. Acking
        // now keeps every message visible on the tick it was sent.
        server.setOption(r.fd, SockOpt::QuickAck, 1);
        m_messages[r.fd].append(*data);
        server.watch(r.fd, Writable); // outputs.append(sk)
    }
    // for conn in w_list — the list select returned, not `outputs`
    for (const FdEvents &r : ready) {
        if (!(r.events & Writable) || !server.info(r.fd))
            continue;
        const Server::Branch branch(server, Site::Writable);
        QList<QByteArray> &queue = m_messages[r.fd];
        if (!queue.isEmpty()) {
            const QByteArray newest = queue.takeLast(); // list.pop(): the last one appended
            server.sendAll(r.fd, m_prefix + newest);
        }
        // outputs.clear(): every conn leaves the wlist, answered or not.
        for (int fd : server.fds())
            if (server.isWatched(fd, Writable))
                server.unwatch(fd, Writable);
    }
}

} // namespace mux
