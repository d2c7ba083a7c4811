#include "QueuedReplyServer.h"
#include "Listen.h"

#include "ProgramFactory.h"
#include "Refuse.h"
#include "engine/Server.h"

#include <QJsonObject>

namespace mux {

QueuedReplyServer::QueuedReplyServer(const QJsonObject &p)
    : m_ports(portsParam(p)), m_greeting(p.value(QStringLiteral("greeting")).toString().toUtf8()),
      m_prefix(p.value(QStringLiteral("prefix")).toString().toUtf8()),
      m_suffix(p.value(QStringLiteral("suffix")).toString().toUtf8()),
      m_xlist(p.value(QStringLiteral("xlist")).toBool(false)),
      m_popNewest(p.value(QStringLiteral("pop_newest")).toBool(false)),
      m_clearOutputs(p.value(QStringLiteral("clear_outputs")).toBool(false)),
      m_leaveEach(p.value(QStringLiteral("leave_wlist_each_reply")).toBool(false)),
      m_recvSize(p.value(QStringLiteral("recv_size")).toInt(1024)),
      m_timeoutMs(p.value(QStringLiteral("timeout_ms")).toInt(1000)),
      m_queueCap(p.value(QStringLiteral("queue_cap")).toInteger(1024 * 1024))
{
}

Result<void> QueuedReplyServer::start(Server &server)
{
    const Events in = m_xlist ? Events(Readable | Exceptional) : Events(Readable);
    return listenOnEvery(server, m_ports, in);
}

void QueuedReplyServer::drop(Server &server, int fd)
{
    m_queues.remove(fd);
    server.close(fd);
}

void QueuedReplyServer::handle(Server &server, const QList<FdEvents> &ready)
{
    const Events in = m_xlist ? Events(Readable | Exceptional) : Events(Readable);
    // As the documents do: first everything readable, then everything writable, then the
    // exceptional list — three loops over the three lists select returned.
    for (const FdEvents &r : ready) {
        if (!(r.events & Readable) || !server.info(r.fd))
            continue;
        if (server.isListener(r.fd)) {
            const Server::Branch branch(server, Site::Listener);
            auto conn = server.accept(r.fd);
            if (!conn)
                continue;
            if (!server.watch(*conn, in)) {
                server.sendAll(*conn, QByteArrayLiteral("server full: select() cannot watch "
                                                        "another socket\n"));
                server.close(*conn);
                continue;
            }
            m_queues.insert(*conn, {});
            if (!m_greeting.isEmpty())
                server.sendAll(*conn, m_greeting);
            continue;
        }
        const Server::Branch branch(server, Site::Conn);
        auto data = server.recv(r.fd, m_recvSize);
        if (!data || data->isEmpty()) {
            drop(server, r.fd);
            continue;
        }
        QList<QByteArray> &queue = m_queues[r.fd];
        queue.append(*data);
        qint64 queued = 0;
        for (const QByteArray &q : std::as_const(queue))
            queued += q.size() + m_prefix.size() + m_suffix.size();
        if (m_queueCap > 0 && queued > m_queueCap) {
            // A client that sends and never reads would grow its queue until memory runs out.
            m_queues.remove(r.fd);
            server.refuse(r.fd,
                          QStringLiteral("Refused: %1 bytes of replies wait for you, over this "
                                         "server's cap of %2; a client must read its replies.")
                              .arg(queued)
                              .arg(m_queueCap));
            continue;
        }
        server.watch(r.fd, Writable);
    }
    for (const FdEvents &r : ready) {
        if (!(r.events & Writable) || !server.info(r.fd))
            continue;
        const Server::Branch branch(server, Site::Writable);
        QList<QByteArray> &queue = m_queues[r.fd];
        if (queue.isEmpty()) {
            server.unwatch(r.fd, Writable);
            continue;
        }
        const QByteArray msg = m_popNewest ? queue.takeLast() : queue.takeFirst();
        server.sendAll(r.fd, m_prefix + msg + m_suffix);
        if (queue.isEmpty() || m_leaveEach)
            server.unwatch(r.fd, Writable);
    }
    if (m_clearOutputs) {
        // The document's `outputs.clear()`: every conn leaves the wlist, replies still queued
        // or not. Whatever was queued waits until that conn sends again.
        for (int fd : server.fds())
            if (server.isWatched(fd, Writable))
                server.unwatch(fd, Writable);
    }
    for (const FdEvents &r : ready) {
        if (!(r.events & Exceptional) || !server.info(r.fd))
            continue;
        if (server.isListener(r.fd))
            continue;
        const Server::Branch branch(server, Site::Exceptional);
        // On Linux the xlist means urgent (MSG_OOB) data, not "an error": read it and go on.
        server.recvUrgent(r.fd);
    }
}

} // namespace mux
