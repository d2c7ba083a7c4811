#pragma once

#include <QByteArray>
#include <QString>

#include <charconv>
#include <string>

/// The pieces TickFormat's lines are appended from, straight into UTF-8: --serve formats a line
/// per tick on the engine's thread, where QString::arg chains would make a temporary string
/// per piece and then a UTF-16 to UTF-8 pass for stdout.
namespace mux::format::detail {

inline void utf8(std::string &out, const QString &s)
{
    const QByteArray b = s.toUtf8();
    out.append(b.constData(), size_t(b.size()));
}

inline void num(std::string &out, qint64 n)
{
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, n);
    out.append(buf, size_t(r.ptr - buf));
}

/// Bytes as a quoted C-style string (see format::quoted): valid UTF-8 copied as it is, other
/// bytes escaped, at most maxBytes of them, then "…(+N)".
void appendQuoted(std::string &out, const QByteArray &bytes, int maxBytes);

} // namespace mux::format::detail
