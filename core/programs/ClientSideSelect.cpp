#include "ClientSideSelect.h"

#include "ProgramFactory.h"
#include "engine/Server.h"

#include <QJsonArray>

namespace mux {

ClientSideSelect::ClientSideSelect(const QJsonObject &p)
    : m_timeoutMs(p.value(QStringLiteral("timeout_ms")).toInt(1000)),
      m_remote(SleepyServer::fromParams(p))
{
    for (const QJsonValue &m : p.value(QStringLiteral("messages")).toArray())
        m_messages.append(m.toString().toUtf8());
}

Result<void> ClientSideSelect::start(Server &server)
{
    if (const Server::Branch remote(server, Site::Remote); !m_remote.open(server, 0))
        return Error{0, QStringLiteral("the helper server could not listen")};
    for (const QByteArray &m : std::as_const(m_messages)) {
        // client.setblocking(False); client.connect(...) -> BlockingIOError (EINPROGRESS)
        auto fd = server.connectTcp(QString::fromUtf8(m), 0);
        if (!fd)
            return fd.error();
        m_connecting.insert(*fd, m);
        if (auto w = server.watch(*fd, Writable); !w)
            return w;
    }
    return {};
}

void ClientSideSelect::handle(Server &server, const QList<FdEvents> &ready)
{
    // The wlist first, as the document: a writable connecting socket has finished connecting.
    for (const FdEvents &r : ready) {
        if (!(r.events & Writable) || !m_connecting.contains(r.fd))
            continue;
        server.sendAll(r.fd, m_connecting.take(r.fd));
        server.unwatch(r.fd, Writable);
        server.watch(r.fd, Readable);
    }
    // The rlist: a reply (or the server's close). One recv, then this connection is done.
    for (const FdEvents &r : ready) {
        if (!(r.events & Readable) || !server.info(r.fd) || m_connecting.contains(r.fd))
            continue;
        server.recv(r.fd);
        server.close(r.fd);
    }
    // Meanwhile, in the other process: the server's own loop.
    const Server::Branch remote(server, Site::Remote);
    m_remote.run(server);
}

} // namespace mux
