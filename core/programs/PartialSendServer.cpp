#include "PartialSendServer.h"
#include "Listen.h"

#include "ProgramFactory.h"
#include "ReadyOrder.h"
#include "engine/Server.h"

#include <QJsonObject>

namespace mux {

QByteArray bigReply(int bytes)
{
    QByteArray out;
    out.reserve(bytes);
    for (int line = 0; out.size() < bytes; ++line)
        out += QByteArray::number(line).rightJustified(7, '0') + QByteArray(56, 'x') + '\n';
    out.truncate(bytes);
    if (!out.isEmpty())
        out[out.size() - 1] = '\n';
    return out;
}

PartialSendServer::PartialSendServer(const QJsonObject &p)
    : m_ports(portsParam(p)), m_replyBytes(p.value(QStringLiteral("reply_bytes")).toInt(1 << 20)),
      m_sndbuf(p.value(QStringLiteral("sndbuf")).toInt(4096)),
      m_recvSize(p.value(QStringLiteral("recv_size")).toInt(1024)),
      m_timeoutMs(p.value(QStringLiteral("timeout_ms")).toInt(1000))
{
}

Result<void> PartialSendServer::start(Server &server)
{
    return listenOnEvery(server, m_ports);
}

void PartialSendServer::sendSome(Server &server, int fd)
{
    QByteArray &rest = m_pending[fd];
    auto sent = server.send(fd, rest);
    ++m_pieces[fd];
    if (!sent) {
        if (sent.error().err != EAGAIN) { // the peer is gone
            m_pending.remove(fd);
            server.close(fd);
        }
        return;
    }
    rest.remove(0, *sent);
    if (!rest.isEmpty()) {
        server.watch(fd, Writable); // the rest goes when the kernel has room again
        return;
    }
    server.measure(fd, QStringLiteral("the %1-byte reply took %2 send() calls")
                           .arg(m_replyBytes)
                           .arg(m_pieces.value(fd)));
    m_pending.remove(fd);
    m_pieces.remove(fd);
    server.unwatch(fd, Writable);
}

void PartialSendServer::handle(Server &server, const QList<FdEvents> &returned)
{
    const QList<FdEvents> ready = inFdOrder(returned);
    // As the documents do: every readable socket first, then every writable one.
    for (const FdEvents &r : ready) {
        if (!(r.events & Readable) || !server.info(r.fd))
            continue;
        if (server.isListener(r.fd)) {
            const Server::Branch branch(server, Site::Listener);
            auto conn = server.accept(r.fd);
            if (!conn)
                continue;
            // A small send buffer makes "the kernel took only part of it" easy to reach.
            server.setOption(*conn, SockOpt::SndBuf, m_sndbuf);
            const auto kept = server.option(*conn, SockOpt::SndBuf);
            const int actual = kept ? *kept : 0;
            server.note(*conn, QStringLiteral("setsockopt(SO_SNDBUF, %1): the kernel keeps %2 "
                                              "(it doubles the request for its own bookkeeping)")
                                   .arg(m_sndbuf)
                                   .arg(actual));
            if (!server.watch(*conn, Readable))
                server.close(*conn);
            continue;
        }
        const Server::Branch branch(server, Site::Conn);
        auto data = server.recv(r.fd, m_recvSize);
        if (!data || data->isEmpty()) {
            m_pending.remove(r.fd);
            server.close(r.fd);
            continue;
        }
        if (data->trimmed() == "big") {
            const Server::Branch big(server, Site::Big);
            m_pending[r.fd] += bigReply(m_replyBytes);
            m_pieces[r.fd] = 0;
            sendSome(server, r.fd);
        } else if (m_pending.contains(r.fd)) {
            // Bytes must leave in order: a short reply waits behind the big one.
            m_pending[r.fd] += "ok:" + *data;
        } else {
            server.sendAll(r.fd, "ok:" + *data);
        }
    }
    for (const FdEvents &r : ready)
        if ((r.events & Writable) && server.info(r.fd) && m_pending.contains(r.fd)) {
            const Server::Branch branch(server, Site::Writable);
            sendSome(server, r.fd);
        }
}

} // namespace mux
