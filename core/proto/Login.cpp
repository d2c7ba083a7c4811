#include "Login.h"

#include <QCryptographicHash>
#include <QJsonDocument>

#include <algorithm>

namespace mux::proto {

QByteArray documentMd5(const QString &password, const QString &salt)
{
    QCryptographicHash h(QCryptographicHash::Md5);
    h.addData(salt.toUtf8());
    h.addData(password.toUtf8());
    return h.result().toHex();
}

QHash<QString, QByteArray> parseUserFile(const QByteArray &text)
{
    QHash<QString, QByteArray> users;
    for (QByteArray line : text.split('\n')) {
        if (line.endsWith('\r'))
            line.chop(1);
        const qsizetype bar = line.indexOf('|');
        if (bar <= 0)
            continue;
        users.insert(QString::fromUtf8(line.left(bar)), line.mid(bar + 1));
    }
    return users;
}

QByteArray formatUserFile(const QHash<QString, QByteArray> &users)
{
    QStringList names = users.keys();
    names.sort(); // the same file on every run
    QByteArray out;
    for (const QString &n : names)
        out += n.toUtf8() + '|' + users.value(n) + '\n';
    return out;
}

void JsonObjectReader::feed(QByteArrayView bytes)
{
    if (m_error.isEmpty())
        m_buf.append(bytes);
}

JsonObjectReader::Status JsonObjectReader::next(QJsonObject *object)
{
    if (!m_error.isEmpty())
        return Status::Refused;
    const qsizetype start =
        std::find_if(m_buf.begin(), m_buf.end(), [](char c) { return !QChar::isSpace(uchar(c)); }) -
        m_buf.begin();
    if (start == m_buf.size())
        return Status::NeedMore;
    if (m_buf.at(start) != '{') {
        m_error = QStringLiteral("Refused: expected a JSON object such as {\"username\": …, "
                                 "\"password\": …}.");
        return Status::Refused;
    }
    int depth = 0;
    bool inString = false, escaped = false;
    for (qsizetype i = start; i < m_buf.size(); ++i) {
        const char c = m_buf.at(i);
        if (inString) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                inString = false;
            continue;
        }
        if (c == '"')
            inString = true;
        else if (c == '{')
            ++depth;
        else if (c == '}' && --depth == 0) {
            QJsonParseError pe;
            const QJsonDocument doc = QJsonDocument::fromJson(m_buf.mid(start, i + 1 - start), &pe);
            if (pe.error != QJsonParseError::NoError || !doc.isObject()) {
                m_error = QStringLiteral("Refused: the request is not valid JSON (%1).")
                              .arg(pe.errorString());
                return Status::Refused;
            }
            m_buf.remove(0, i + 1);
            *object = doc.object();
            return Status::Object;
        }
    }
    if (m_buf.size() > m_limit) {
        m_error = QStringLiteral("Refused: no complete JSON object within %1 bytes.").arg(m_limit);
        return Status::Refused;
    }
    return Status::NeedMore;
}

LoginVerdict checkLogin(const QJsonObject &request, const QHash<QString, QByteArray> &users)
{
    const QJsonValue name = request.value(QStringLiteral("username"));
    const QJsonValue pass = request.value(QStringLiteral("password"));
    if (!name.isString() || !pass.isString())
        return {false,
                QStringLiteral("Refused: a login needs \"username\" and \"password\" strings.")};
    const auto it = users.constFind(name.toString());
    return {it != users.constEnd() && *it == pass.toString().toUtf8(), {}};
}

} // namespace mux::proto
