#include "ProgramFactory.h"

#include "EchoServer.h"
#include "QueuedReplyServer.h"

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

QStringList programNames()
{
    return {QStringLiteral("echo"), QStringLiteral("queued-reply")};
}

Result<std::unique_ptr<Program>> createProgram(const QString &name, const QJsonObject &params)
{
    std::unique_ptr<Program> p;
    if (name == QLatin1String("echo"))
        p = std::make_unique<EchoServer>(params);
    else if (name == QLatin1String("queued-reply"))
        p = std::make_unique<QueuedReplyServer>(params);
    if (!p)
        return Error{0, QStringLiteral("unknown program \"%1\" (known: %2)")
                            .arg(name, programNames().join(QStringLiteral(", ")))};
    return p;
}

} // namespace mux
