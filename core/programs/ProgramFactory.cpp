#include "ProgramFactory.h"

#include "AckServer.h"
#include "BlockingServer.h"
#include "ChatServer.h"
#include "ClientSideSelect.h"
#include "EchoServer.h"
#include "FdSetSizeServer.h"
#include "FileUploadServer.h"
#include "LengthPrefixServer.h"
#include "LoginServer.h"
#include "MsgFileServer.h"
#include "MuxHistoryServer.h"
#include "NonBlockingServer.h"
#include "OutputsClearServer.h"
#include "PartialSendServer.h"
#include "QueuedReplyServer.h"
#include "RecvReportServer.h"
#include "ReuseAddrServer.h"
#include "ScalingServer.h"
#include "SelectQueueServer.h"
#include "ThreadsVsSelectServer.h"
#include "UdpEchoServer.h"

#include <QJsonArray>

namespace mux {

QList<quint16> portsParam(const QJsonObject &params)
{
    QList<quint16> ports;
    for (const QJsonValue &v : params.value(QStringLiteral("ports")).toArray())
        ports.append(quint16(v.toInt()));
    return ports;
}

quint16 defaultBasePort(const QJsonObject &params)
{
    const QList<quint16> ports = portsParam(params);
    return ports.isEmpty() ? 0 : ports.first();
}

namespace {

using Maker = std::unique_ptr<Program> (*)(const QJsonObject &);
template <typename T> std::unique_ptr<Program> make(const QJsonObject &p)
{
    return std::make_unique<T>(p);
}

// One row per lesson server. Add a row (and its #include above) for a new program.
const struct {
    const char *name;
    Maker maker;
} kPrograms[] = {
    {"echo", make<EchoServer>},
    {"queued-reply", make<QueuedReplyServer>},
    {"recv-report", make<RecvReportServer>},
    {"file-upload", make<FileUploadServer>},
    {"login", make<LoginServer>},
    {"length-prefix", make<LengthPrefixServer>},
    {"msg-file", make<MsgFileServer>},
    {"blocking", make<BlockingServer>},
    {"nonblocking", make<NonBlockingServer>},
    {"udp-echo", make<UdpEchoServer>},
    {"select-client", make<ClientSideSelect>},
    {"ack-reply", make<AckServer>},
    {"mux-history", make<MuxHistoryServer>},
    {"outputs-clear", make<OutputsClearServer>},
    {"partial-send", make<PartialSendServer>},
    {"threads-vs-select", make<ThreadsVsSelectServer>},
    {"select-queue", make<SelectQueueServer>},
    {"chat", make<ChatServer>},
    {"reuse-addr", make<ReuseAddrServer>},
    {"fd-setsize", make<FdSetSizeServer>},
    {"scaling", make<ScalingServer>},
};

} // namespace

QStringList programNames()
{
    QStringList names;
    for (const auto &p : kPrograms)
        names.append(QLatin1String(p.name));
    return names;
}

Result<std::unique_ptr<Program>> createProgram(const QString &name, const QJsonObject &params)
{
    for (const auto &p : kPrograms)
        if (name == QLatin1String(p.name))
            return p.maker(params);
    return Error{0, QStringLiteral("unknown program \"%1\" (known: %2)")
                        .arg(name, programNames().join(QStringLiteral(", ")))};
}

} // namespace mux
