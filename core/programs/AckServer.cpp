#include "AckServer.h"
#include "Listen.h"

#include "ProgramFactory.h"
#include "ReadyOrder.h"
#include "engine/Server.h"
#include "mux/CallCost.h"

#include <QJsonObject>

namespace mux {

AckServer::AckServer(const QJsonObject &p)
    : m_ports(portsParam(p)),
      m_reply(p.value(QStringLiteral("reply")).toString(QStringLiteral("I have receive")).toUtf8()),
      m_listenerXlist(p.value(QStringLiteral("listener_xlist")).toBool(false)),
      m_elifChain(p.value(QStringLiteral("elif_chain")).toBool(false)),
      m_measureCalls(p.value(QStringLiteral("measure_calls")).toBool(false)),
      m_recvSize(p.value(QStringLiteral("recv_size")).toInt(1024)),
      m_timeoutMs(p.value(QStringLiteral("timeout_ms")).toInt(-1))
{
}

Result<void> AckServer::start(Server &server)
{
    const Events in = m_listenerXlist ? Events(Readable | Exceptional) : Events(Readable);
    return listenOnEvery(server, m_ports, in);
}

void AckServer::readFrom(Server &server, int fd)
{
    if (server.isListener(fd)) {
        const Server::Branch branch(server, Site::Listener);
        auto conn = server.accept(fd);
        if (!conn)
            return;
        if (!server.watch(*conn, Readable)) {
            server.sendAll(*conn, QByteArrayLiteral("server full: select() cannot watch "
                                                    "another socket\n"));
            server.close(*conn);
        }
        return;
    }
    const Server::Branch branch(server, Site::Conn);
    auto data = server.recv(fd, m_recvSize);
    if (!data || data->isEmpty()) {
        // Empty: the peer closed. Failed: it reset. Either way: unregister, then close.
        server.close(fd);
        return;
    }
    // No reply goes out on this pass, so the kernel would delay its ACK (up to 40 ms) and the
    // client's next small message would wait for it (Nagle). Simulated clients send on the
    // very next tick, so ack now: each message shows up on the tick it was sent.
    server.setOption(fd, SockOpt::QuickAck, 1);
    // The reply is not sent here: the conn joins the wlist (POLLOUT) and the next call says
    // when the kernel has room for it.
    server.watch(fd, Writable);
}

void AckServer::writeTo(Server &server, int fd)
{
    const Server::Branch branch(server, Site::Writable);
    server.send(fd, m_reply);
    server.unwatch(fd, Writable);
}

void AckServer::handle(Server &server, const QList<FdEvents> &returned)
{
    const QList<FdEvents> ready = inFdOrder(returned);
    bool readSomething = false;
    if (m_elifChain) {
        // 002's poll loop: one branch per descriptor and pass. A conn that is readable and
        // writable at once is only read; its POLLOUT stays set and fires again next pass.
        for (const FdEvents &r : ready) {
            if (!server.info(r.fd))
                continue;
            if (r.events & Readable) {
                readSomething = readSomething || !server.isListener(r.fd);
                readFrom(server, r.fd);
            } else if (r.events & Writable) {
                writeTo(server, r.fd);
            } else if (r.events & (Failed | HangUp | Invalid)) {
                const Server::Branch branch(server, Site::Hangup);
                server.close(r.fd); // POLLERR/POLLHUP come back even though nobody asked
            }
        }
    } else {
        // 002's select loop: all of rl, then all of wl, then xl.
        for (const FdEvents &r : ready)
            if ((r.events & Readable) && server.info(r.fd)) {
                readSomething = readSomething || !server.isListener(r.fd);
                readFrom(server, r.fd);
            }
        for (const FdEvents &r : ready)
            if ((r.events & Writable) && server.info(r.fd))
                writeTo(server, r.fd);
        for (const FdEvents &r : ready) {
            if (!(r.events & Exceptional) || !server.info(r.fd))
                continue;
            // On Linux the xlist reports urgent data; a listener never shows up here, so the
            // document's "close the listener" branch never runs. A conn's urgent byte is read.
            if (!server.isListener(r.fd)) {
                const Server::Branch branch(server, Site::Exceptional);
                server.recvUrgent(r.fd);
            }
        }
    }
    if (m_measureCalls && readSomething)
        measureCalls(server);
}

void AckServer::measureCalls(Server &server)
{
    // selectors hides which call is made; time all three over exactly this server's sockets.
    const QList<int> fds = server.fds();
    const CallCosts c = measureCallCosts(fds, 51);
    server.measure(
        -1, QStringLiteral("one call over these %1 sockets: %2").arg(fds.size()).arg(c.toString()));
}

} // namespace mux
