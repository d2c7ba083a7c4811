#include "RecvReportServer.h"
#include "Listen.h"

#include "ProgramFactory.h"
#include "Refuse.h"
#include "engine/Server.h"

namespace mux {

RecvReportServer::RecvReportServer(const QJsonObject &p)
    : m_ports(portsParam(p)), m_report(p.value(QStringLiteral("report"))
                                           .toString(QStringLiteral("recv got {n} bytes: {data}"))
                                           .toUtf8()),
      m_recvSize(p.value(QStringLiteral("recv_size")).toInt(1024)),
      m_show(p.value(QStringLiteral("show")).toInt(64)),
      m_timeoutMs(p.value(QStringLiteral("timeout_ms")).toInt(1000))
{
}

Result<void> RecvReportServer::start(Server &server)
{
    return listenOnEvery(server, m_ports);
}

void RecvReportServer::handle(Server &server, const QList<FdEvents> &ready)
{
    for (const FdEvents &r : ready) {
        if (server.isListener(r.fd)) {
            acceptAndWatch(server, r.fd);
            continue;
        }
        if (!server.info(r.fd))
            continue;
        auto data = server.recv(r.fd, m_recvSize);
        if (!data || data->isEmpty()) {
            server.close(r.fd);
            continue;
        }
        QByteArray reply = m_report;
        reply.replace("{n}", QByteArray::number(data->size()));
        reply.replace("{data}", data->size() > m_show ? data->left(m_show) + "..." : *data);
        server.note(r.fd, QString::fromUtf8(reply));
    }
}

} // namespace mux
