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
