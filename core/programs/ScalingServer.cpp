#include "ScalingServer.h"
#include "Listen.h"

#include "ProgramFactory.h"
#include "Refuse.h"
#include "engine/Server.h"
#include "mux/WaitCost.h"

#include <QJsonArray>
#include <QJsonObject>

namespace mux {

// Descriptors the process needs besides the idle sockets (listeners, conns, clients, Qt).
constexpr int kReserve = 128;
constexpr int kMaxCount = 100000;

ScalingServer::ScalingServer(const QJsonObject &p)
    : m_ports(portsParam(p)), m_repeats(p.value(QStringLiteral("repeats")).toInt(51)),
      m_recvSize(p.value(QStringLiteral("recv_size")).toInt(1024)),
      m_timeoutMs(p.value(QStringLiteral("timeout_ms")).toInt(1000))
{
    for (const QJsonValue &v : p.value(QStringLiteral("counts")).toArray())
        m_counts.append(v.toInt());
    if (m_counts.isEmpty())
        m_counts = {10, 100, 1000, 10000};
}

Result<void> ScalingServer::start(Server &server)
{
    m_limit = raiseOpenFileLimit();
    return listenOnEvery(server, m_ports);
}

void ScalingServer::measureCount(Server &server, int fd, int count)
{
    // Everything that depends on the machine (the figures, and whether the limit allowed the
    // count at all) goes to measure lines: they are shown but never compared between runs.
    // A count the machine cannot open is a refused sample per backend, so the chart can say
    // why its points are missing.
    QString skipped;
    std::vector<Fd> fds;
    if (count + kReserve > m_limit) {
        skipped = QStringLiteral("the descriptor limit here is %1").arg(m_limit);
    } else if (auto opened = openIdleSockets(count); !opened) {
        skipped = opened.error().text;
    } else {
        fds = std::move(*opened);
    }
    for (Backend b : {Backend::Select, Backend::Poll, Backend::Epoll}) {
        const WaitCostSample s =
            skipped.isEmpty() ? measureWaitCost(b, fds, m_repeats)
                              : WaitCostSample{.backend = b, .sockets = count, .refused = skipped};
        server.measure(fd, s.toString());
    }
}

void ScalingServer::handle(Server &server, const QList<FdEvents> &ready)
{
    for (const FdEvents &r : ready) {
        if (!server.info(r.fd))
            continue;
        if (server.isListener(r.fd)) {
            const Server::Branch branch(server, Site::Listener);
            const int conn = acceptAndWatch(server, r.fd);
            if (conn >= 0)
                server.sendAll(conn, "send a number of sockets, or all\n");
            continue;
        }
        const Server::Branch branch(server, Site::Conn);
        auto data = server.recv(r.fd, m_recvSize);
        if (!data || data->isEmpty()) {
            server.close(r.fd);
            continue;
        }
        const QByteArray word = data->trimmed();
        QList<int> counts;
        if (word == "all") {
            counts = m_counts;
        } else {
            bool ok = false;
            const int n = word.toInt(&ok);
            if (!ok || n < 1 || n > kMaxCount) {
                const Server::Branch invalid(server, Site::Invalid);
                server.sendAll(r.fd, "send a number from 1 to 100000, or all\n");
                continue;
            }
            counts = {n};
        }
        for (int n : counts)
            measureCount(server, r.fd, n);
        server.sendAll(r.fd, "measured " + word + "\n");
    }
}

} // namespace mux
