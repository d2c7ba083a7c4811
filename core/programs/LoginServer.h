#pragma once

#include "engine/Program.h"
#include "proto/Login.h"

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>

namespace mux {

/// Document 003 §1 case 3 (remote login): greet, read `{"username": …, "password": …}` as JSON,
/// look the pair up in the user file, answer, close. The user file (`name|hash` lines) is
/// written into the data dir at start from the params, hashed as the document hashes
/// (proto/Login.h says why that is not how real systems store passwords).
///   params: ports [8001], data_dir "" (the run's), salt "...", users {"name": "password"},
///           greeting, ok, fail (the document's texts), timeout_ms,
///           deadline_ms (30000: time from accept to a whole login request)
class LoginServer final : public Program {
public:
    explicit LoginServer(const QJsonObject &params);
    Result<void> start(Server &server) override;
    void handle(Server &server, const QList<FdEvents> &ready) override;
    int timeoutMs() const override { return m_timeoutMs; }
    void forget(int fd) override { m_readers.remove(fd); }

private:
    QList<quint16> m_ports;
    QString m_dataDir;
    QString m_salt;
    QJsonObject m_users;
    QByteArray m_greeting, m_ok, m_fail;
    int m_timeoutMs = 1000;
    int m_deadlineMs = 30000; ///< to finish what a client started (0: none)
    QHash<int, proto::JsonObjectReader> m_readers;
};

} // namespace mux
