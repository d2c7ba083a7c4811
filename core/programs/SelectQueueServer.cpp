#include "SelectQueueServer.h"
#include "Listen.h"

#include "ProgramFactory.h"
#include "Refuse.h"
#include "engine/Server.h"

#include <QJsonObject>

#include <cerrno>

namespace mux {

SelectQueueServer::SelectQueueServer(const QJsonObject &p)
    : m_ports(portsParam(p)), m_greeting(p.value(QStringLiteral("greeting")).toString().toUtf8()),
      m_xlist(p.value(QStringLiteral("xlist")).toBool(true)),
      m_echo(p.value(QStringLiteral("echo")).toBool(true)),
      m_closeOnExceptional(p.value(QStringLiteral("on_exceptional")).toString() !=
                           QLatin1String("urgent")),
      m_explain(p.value(QStringLiteral("explain")).toBool(false)),
      m_report(p.value(QStringLiteral("report")).toBool(false)),
      m_wlistOnAccept(p.value(QStringLiteral("wlist_on_accept")).toBool(false)),
      m_recvSize(p.value(QStringLiteral("recv_size")).toInt(1024)),
      m_timeoutMs(p.value(QStringLiteral("timeout_ms")).toInt(-1)),
      m_blockFromCall(p.value(QStringLiteral("block_from_call")).toInt(0))
{
}

int SelectQueueServer::timeoutMs() const
{
    // m_calls counts the calls already handled, so the coming one is m_calls + 1.
    if (m_blockFromCall > 0 && m_calls + 1 >= m_blockFromCall)
        return -1;
    return m_timeoutMs;
}

Events SelectQueueServer::inputEvents() const
{
    return m_xlist ? Events(Readable | Exceptional) : Events(Readable);
}

Result<void> SelectQueueServer::start(Server &server)
{
    return listenOnEvery(server, m_ports, inputEvents());
}

void SelectQueueServer::drop(Server &server, int fd)
{
    m_queues.remove(fd);
    server.close(fd); // close() also takes it out of the rlist, wlist and xlist
}

void SelectQueueServer::explain(Server &server, int fd, const QString &text)
{
    server.note(fd, text);
    if (m_report)
        server.sendAll(fd, text.toUtf8() + '\n');
}

void SelectQueueServer::readable(Server &server, int fd)
{
    if (server.isListener(fd)) {
        auto conn = server.accept(fd);
        if (!conn)
            return;
        if (!server.watch(*conn, inputEvents())) {
            server.refuse(*conn,
                          QStringLiteral("Server full: select() cannot watch another socket."));
            return;
        }
        m_queues.insert(*conn, {});
        if (!m_greeting.isEmpty())
            m_queues[*conn].append(m_greeting);
        if (!m_greeting.isEmpty() || m_wlistOnAccept)
            server.watch(*conn, Writable);
        return;
    }
    auto data = server.recv(fd, m_recvSize);
    if (!data) {
        if (m_explain && data.error().err == ECONNRESET)
            server.note(fd,
                        QStringLiteral("the peer reset the connection: select put it in the rlist "
                                       "(not the xlist) and recv() failed with ECONNRESET"));
        drop(server, fd);
        return;
    }
    if (data->isEmpty()) {
        drop(server, fd); // an empty read: the peer closed
        return;
    }
    if (!m_echo) {
        explain(server, fd, QStringLiteral("received data: ") + QString::fromUtf8(*data));
        return;
    }
    m_queues[fd].append(*data);
    server.watch(fd, Writable);
}

void SelectQueueServer::writable(Server &server, int fd)
{
    QList<QByteArray> &queue = m_queues[fd];
    if (queue.isEmpty()) {
        // The document's queue.Empty branch: only now does the conn leave the wlist.
        server.unwatch(fd, Writable);
        return;
    }
    if (!server.sendAll(fd, queue.takeFirst()))
        drop(server, fd);
}

void SelectQueueServer::exceptional(Server &server, int fd)
{
    if (m_closeOnExceptional) {
        if (m_explain)
            server.note(fd, QStringLiteral("exception condition: the document's code closes the "
                                           "conn, but on Linux the xlist only meant urgent data"));
        drop(server, fd);
        return;
    }
    auto urgent = server.recvUrgent(fd);
    if (m_explain && urgent)
        explain(server, fd,
                QStringLiteral("the xlist reported urgent (MSG_OOB) data: \"%1\"")
                    .arg(QString::fromUtf8(*urgent)));
}

void SelectQueueServer::handle(Server &server, const QList<FdEvents> &ready)
{
    ++m_calls;
    // The document's three loops, in its order: readable, writable, exceptional. A conn
    // dropped by an earlier loop is gone (no info) by the time a later one reaches it.
    for (const FdEvents &r : ready)
        if ((r.events & Readable) && server.info(r.fd)) {
            const Server::Branch branch(server,
                                        server.isListener(r.fd) ? Site::Listener : Site::Conn);
            readable(server, r.fd);
        }
    for (const FdEvents &r : ready)
        if ((r.events & Writable) && server.info(r.fd) && !server.isListener(r.fd)) {
            const Server::Branch branch(server, Site::Writable);
            writable(server, r.fd);
        }
    for (const FdEvents &r : ready)
        if ((r.events & Exceptional) && server.info(r.fd) && !server.isListener(r.fd)) {
            const Server::Branch branch(server, Site::Exceptional);
            exceptional(server, r.fd);
        }
}

} // namespace mux
