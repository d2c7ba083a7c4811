#include "UdpEchoServer.h"

#include "ProgramFactory.h"
#include "engine/Server.h"

namespace mux {

UdpEchoServer::UdpEchoServer(const QJsonObject &p)
    : m_reply(p.value(QStringLiteral("reply")).toString(QStringLiteral("已收到")).toUtf8()),
      m_echo(p.value(QStringLiteral("echo")).toBool(true)),
      m_timeoutMs(p.value(QStringLiteral("timeout_ms")).toInt(1000))
{
}

Result<void> UdpEchoServer::start(Server &server)
{
    auto fd = server.bindUdp(0);
    if (!fd)
        return fd.error();
    return server.watch(*fd, Readable);
}

void UdpEchoServer::handle(Server &server, const QList<FdEvents> &ready)
{
    for (const FdEvents &r : ready) {
        // One datagram per readable report, as the document's loop does; a second one
        // waiting makes the socket readable again on the next call.
        net::Endpoint from;
        auto data = server.recvFrom(r.fd, &from);
        if (!data)
            continue;
        server.note(r.fd, QStringLiteral("from %1").arg(server.peerLabel(from)));
        server.sendTo(r.fd, m_echo ? m_reply + ' ' + *data : m_reply, from);
    }
}

} // namespace mux
