#include "MuxHistoryServer.h"
#include "Listen.h"

#include "ProgramFactory.h"
#include "ReadyOrder.h"
#include "engine/Server.h"
#include "mux/CallCost.h"
#include "mux/Multiplexer.h"
#include "net/Fd.h"

#include <QJsonArray>
#include <QJsonObject>

#include <sys/eventfd.h>
#include <sys/select.h>

#include <vector>

namespace mux {

MuxHistoryServer::MuxHistoryServer(const QJsonObject &p)
    : m_ports(portsParam(p)), m_repeats(p.value(QStringLiteral("repeats")).toInt(21)),
      m_reply(p.value(QStringLiteral("reply")).toString().toUtf8()),
      m_recvSize(p.value(QStringLiteral("recv_size")).toInt(1024)),
      m_timeoutMs(p.value(QStringLiteral("timeout_ms")).toInt(1000))
{
    for (const QJsonValue &v : p.value(QStringLiteral("counts")).toArray())
        m_counts.append(v.toInt());
    if (m_counts.isEmpty())
        m_counts = {10, 100, 1000, 2000};
}

Result<void> MuxHistoryServer::start(Server &server)
{
    return listenOnEvery(server, m_ports);
}

void MuxHistoryServer::measureHistory(Server &server, int fd)
{
    for (int n : std::as_const(m_counts)) {
        // eventfds: one descriptor each, and select, poll and epoll all watch them.
        std::vector<Fd> fds;
        QList<int> numbers;
        for (int i = 0; i < n; ++i) {
            Fd e(::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC));
            if (!e) {
                server.measure(fd, QStringLiteral("could only open %1 of %2 descriptors "
                                                  "(ulimit -n)")
                                       .arg(i)
                                       .arg(n));
                return;
            }
            numbers.append(e.get());
            fds.push_back(std::move(e));
        }
        // One ready descriptor, the last one: what a busy server usually has, one in many.
        const quint64 one = 1;
        (void)!::write(fds.back().get(), &one, sizeof one);
        const CallCosts c = measureCallCosts(numbers, m_repeats);
        server.measure(fd, QStringLiteral("%1 descriptors, 1 ready: %2").arg(n).arg(c.toString()));
    }

    // select's hard limit, shown on the descriptor number rather than the count: dup any
    // socket to number FD_SETSIZE and offer it to a select backend.
    Fd high = Server::duplicate(fd, FD_SETSIZE);
    if (!high) {
        server.measure(fd,
                       QStringLiteral("could not open descriptor %1 (ulimit -n)").arg(FD_SETSIZE));
        return;
    }
    for (Backend b : {Backend::Select, Backend::Poll, Backend::Epoll}) {
        auto m = Multiplexer::create(b);
        auto added = m->add(high.get(), Readable);
        server.measure(fd, QStringLiteral("%1 watching descriptor %2: %3")
                               .arg(backendName(b))
                               .arg(high.get())
                               .arg(added ? QStringLiteral("fine") : added.error().text));
    }
}

void MuxHistoryServer::handle(Server &server, const QList<FdEvents> &ready)
{
    for (const FdEvents &r : inFdOrder(ready)) {
        if (!server.info(r.fd))
            continue;
        if (server.isListener(r.fd)) {
            auto conn = server.accept(r.fd);
            if (conn && !server.watch(*conn, Readable))
                server.close(*conn);
            continue;
        }
        auto data = server.recv(r.fd, m_recvSize);
        if (!data || data->isEmpty()) {
            server.close(r.fd);
            continue;
        }
        server.note(r.fd, QStringLiteral("FD_SETSIZE here is %1: select() can only watch "
                                         "descriptors 0..%2")
                              .arg(FD_SETSIZE)
                              .arg(FD_SETSIZE - 1));
        measureHistory(server, r.fd);
        server.sendAll(r.fd, m_reply);
    }
}

} // namespace mux
