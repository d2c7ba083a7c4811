#include "NonBlockingServer.h"

#include "ProgramFactory.h"
#include "engine/Server.h"

#include <cerrno>

namespace mux {

NonBlockingServer::NonBlockingServer(const QJsonObject &p)
    : m_prefix(p.value(QStringLiteral("prefix")).toString().toUtf8()),
      m_recvSize(p.value(QStringLiteral("recv_size")).toInt(1024)),
      m_timeoutMs(p.value(QStringLiteral("timeout_ms")).toInt(500))
{
}

Result<void> NonBlockingServer::start(Server &server)
{
    auto fd = server.listenTcp(0);
    if (!fd)
        return fd.error();
    m_listener = *fd;
    return {}; // nothing watched: this program never asks the kernel who is ready
}

void NonBlockingServer::handle(Server &server, const QList<FdEvents> &)
{
    // try: conn, addr = sock.accept()  except BlockingIOError: pass
    if (auto conn = server.accept(m_listener))
        m_conns.append(*conn);
    const QList<int> conns = m_conns;
    for (int fd : conns) {
        auto data = server.recv(fd, m_recvSize);
        if (!data && data.error().err == EAGAIN)
            continue; // nothing arrived: a blocking recv would have waited here
        if (!data || data->isEmpty()) {
            m_conns.removeOne(fd);
            server.close(fd);
            continue;
        }
        // Printed, as the document's server prints it; it sends nothing back, and its client
        // closes without reading.
        server.note(fd, QString::fromUtf8(m_prefix + *data));
    }
}

} // namespace mux
