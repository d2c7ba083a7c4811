#pragma once

#include "engine/Program.h"

#include <QJsonObject>

#include <memory>

namespace mux {

/// Makes a lesson's server from the lesson file's "program" name and "params".
/// The document's ports, messages and quirks are params; the logic is the class.
Result<std::unique_ptr<Program>> createProgram(const QString &name, const QJsonObject &params);
QStringList programNames();

/// The params every listening program understands: "ports" (the document's, in order).
QList<quint16> portsParam(const QJsonObject &params);
/// The default port of listener 0 (serve mode binds P, P+1… from here).
quint16 defaultBasePort(const QJsonObject &params);

} // namespace mux
