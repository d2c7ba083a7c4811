#pragma once

#include "net/Result.h"

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QString>

namespace mux::proto {

/// Document 003's password hash: MD5 over a fixed salt followed by the password, as hex.
/// Shown because the document does it; it is not how passwords should be stored. MD5 is fast
/// (billions of guesses a second on one GPU) and one salt shared by every user lets one
/// precomputed table crack them all. Real systems store a slow hash with a random salt per
/// user — scrypt, Argon2 or bcrypt — and send the password itself over TLS.
QByteArray documentMd5(const QString &password, const QString &salt);

/// The user file: one `name|hash` per line, as the document keeps it. Lines are stripped of
/// their line end before the split (the document's loop keeps the '\n' in the hash, so only a
/// last line without a newline can ever match).
QHash<QString, QByteArray> parseUserFile(const QByteArray &text);
QByteArray formatUserFile(const QHash<QString, QByteArray> &users);

/// Reads one JSON object from a stream in any split: waits until the braces balance, so a
/// request cut in two by TCP is not mistaken for bad JSON, and refuses anything that is not
/// an object or grows past `limit` bytes without closing.
class JsonObjectReader {
public:
    enum class Status { NeedMore, Object, Refused };
    explicit JsonObjectReader(qsizetype limit = 1024) : m_limit(limit) {}
    void feed(QByteArrayView bytes);
    Status next(QJsonObject *object);
    const QString &error() const { return m_error; }

private:
    qsizetype m_limit;
    QByteArray m_buf;
    QString m_error;
};

/// What the server answers a login request.
struct LoginVerdict {
    bool ok = false;
    QString problem; ///< set when the request itself was malformed
};
LoginVerdict checkLogin(const QJsonObject &request, const QHash<QString, QByteArray> &users);

} // namespace mux::proto
