#pragma once

#include <QByteArray>
#include <QString>

#include <charconv>
#include <cstring>
#include <string>

/// The pieces TickFormat's lines are appended from, straight into UTF-8: --serve formats a line
/// per tick on the engine's thread, where QString::arg chains would make a temporary string
/// per piece and then a UTF-16 to UTF-8 pass for stdout.
namespace mux::format::detail {

/// Appends to a std::string through a cursor. A line is a few dozen pieces; appended one by one
/// to the string, each would be a call that checks the capacity and copies a few bytes. Here
/// the string is lengthened a few hundred bytes at a time, a piece is a bounds check and an inline
/// copy, and the string is cut back to what was written when the TextOut goes. Kept between ticks,
/// the string's capacity makes a line cost no allocation.
class TextOut {
public:
    explicit TextOut(std::string &s) : m_s(s), m_p(s.data() + s.size()), m_end(m_p) {}
    ~TextOut() { m_s.resize(size_t(m_p - m_s.data())); }
    TextOut(const TextOut &) = delete;
    TextOut &operator=(const TextOut &) = delete;

    /// At least n bytes of room at cursor(); write them, then advance().
    char *room(size_t n)
    {
        if (size_t(m_end - m_p) < n)
            grow(n);
        return m_p;
    }
    void advance(char *to) { m_p = to; }

    void append(const char *s, size_t n)
    {
        room(n);
        std::memcpy(m_p, s, n);
        m_p += n;
    }
    TextOut &operator+=(char c)
    {
        room(1);
        *m_p++ = c;
        return *this;
    }
    /// Inline, so a literal's length is known where it is appended.
    TextOut &operator+=(const char *s)
    {
        append(s, std::strlen(s));
        return *this;
    }
    TextOut &operator+=(const std::string &s)
    {
        append(s.data(), s.size());
        return *this;
    }

private:
    void grow(size_t n);

    std::string &m_s;
    char *m_p;
    char *m_end;
};

inline void utf8(TextOut &out, const QString &s)
{
    const QByteArray b = s.toUtf8();
    out.append(b.constData(), size_t(b.size()));
}

inline void num(TextOut &out, qint64 n)
{
    char *p = out.room(20); // the longest qint64, with its sign
    // Most numbers in a line (fds, sizes, return values) are below 100.
    if (n >= 0 && n < 10) {
        *p = char('0' + n);
        out.advance(p + 1);
    } else if (n >= 10 && n < 100) {
        p[0] = char('0' + n / 10);
        p[1] = char('0' + n % 10);
        out.advance(p + 2);
    } else {
        out.advance(std::to_chars(p, p + 20, n).ptr);
    }
}

/// Bytes as a quoted C-style string (see format::quoted): valid UTF-8 copied as it is, other
/// bytes escaped, at most maxBytes of them, then "…(+N)".
void appendQuoted(TextOut &out, const QByteArray &bytes, int maxBytes);

} // namespace mux::format::detail
