#include "TextOut.h"

#include <algorithm>
#include <array>
#include <cstring>

namespace mux::format::detail {

namespace {

char *hexByte(char *o, uchar c)
{
    static const char digits[] = "0123456789abcdef";
    o[0] = '\\';
    o[1] = 'x';
    o[2] = digits[c >> 4];
    o[3] = digits[c & 15];
    return o + 4;
}

/// Length of the valid UTF-8 sequence starting at s[0] (2 to 4), or 0: the rules of RFC 3629
/// (no overlong forms, no surrogates, nothing past U+10FFFF), which QStringDecoder also applies.
int utf8Sequence(const uchar *s, qsizetype left)
{
    const uchar c = s[0];
    auto cont = [&](int k, uchar lo = 0x80, uchar hi = 0xbf) {
        return k < left && s[k] >= lo && s[k] <= hi;
    };
    if (c >= 0xc2 && c <= 0xdf)
        return cont(1) ? 2 : 0;
    if (c >= 0xe0 && c <= 0xef) {
        const bool second = c == 0xe0 ? cont(1, 0xa0) : c == 0xed ? cont(1, 0x80, 0x9f) : cont(1);
        return second && cont(2) ? 3 : 0;
    }
    if (c >= 0xf0 && c <= 0xf4) {
        const bool second = c == 0xf0 ? cont(1, 0x90) : c == 0xf4 ? cont(1, 0x80, 0x8f) : cont(1);
        return second && cont(2) && cont(3) ? 4 : 0;
    }
    return 0;
}

/// Bytes shown as they are inside quotes: printable ASCII but the quote and the backslash.
constexpr std::array<bool, 256> kPlain = [] {
    std::array<bool, 256> t{};
    for (int c = 0x20; c < 0x7f; ++c)
        t[size_t(c)] = c != '"' && c != '\\';
    return t;
}();

/// kPlain for eight bytes at once (the bit tricks of "Bit Twiddling Hacks": a byte below n, a
/// byte above n, a zero byte), so a payload of text is copied eight bytes a step.
bool allPlain(const uchar *s)
{
    constexpr quint64 ones = ~quint64(0) / 255, highs = ones * 0x80;
    quint64 w;
    std::memcpy(&w, s, 8);
    auto hasZero = [&](quint64 v) { return (v - ones) & ~v & highs; };
    const quint64 below = (w - ones * 0x20) & ~w & highs;          // a byte < 0x20
    const quint64 above = ((w + ones * (127 - 0x7e)) | w) & highs; // a byte > 0x7e
    return !(below | above | hasZero(w ^ (ones * '"')) | hasZero(w ^ (ones * '\\')));
}

} // namespace

void TextOut::grow(size_t n)
{
    // Lengthened by what is asked and a little more, not to its whole capacity: resize() zeroes
    // the bytes it adds, and a buffer kept for a batch of lines may hold many kilobytes.
    const size_t used = size_t(m_p - m_s.data());
    m_s.resize(used + n + 256);
    m_p = m_s.data() + used;
    m_end = m_s.data() + m_s.size();
}

void appendQuoted(TextOut &out, const QByteArray &bytes, int maxBytes)
{
    const qsizetype shown = std::min<qsizetype>(bytes.size(), std::max(maxBytes, 0));
    const uchar *s = reinterpret_cast<const uchar *>(bytes.constData());
    // Room for the worst case (every byte as \xNN), so the bytes go in without a check each.
    char *o = out.room(size_t(4 * shown + 2));
    *o++ = '"';
    // Valid UTF-8 runs stay readable, each invalid byte becomes \xNN.
    qsizetype i = 0;
    while (i < shown) {
        if (i + 8 <= shown && allPlain(s + i)) {
            std::memcpy(o, s + i, 8);
            o += 8;
            i += 8;
            continue;
        }
        const uchar c = s[i];
        if (kPlain[c]) { // a printable run, copied at once
            qsizetype j = i + 1;
            while (j < shown && kPlain[s[j]])
                ++j;
            std::memcpy(o, s + i, size_t(j - i));
            o += j - i;
            i = j;
            continue;
        }
        if (c < 0x80) {
            const char *escape = nullptr;
            switch (c) {
            case '\n':
                escape = "\\n";
                break;
            case '\r':
                escape = "\\r";
                break;
            case '\t':
                escape = "\\t";
                break;
            case '\0':
                escape = "\\0";
                break;
            case '"':
                escape = "\\\"";
                break;
            case '\\':
                escape = "\\\\";
                break;
            }
            if (escape) {
                *o++ = escape[0];
                *o++ = escape[1];
            } else {
                o = hexByte(o, c); // the other control bytes
            }
            ++i;
            continue;
        }
        // A sequence cut by maxBytes is invalid here, as it was shown before: its bytes escaped.
        if (const int len = utf8Sequence(s + i, shown - i)) {
            std::memcpy(o, s + i, size_t(len));
            o += len;
            i += len;
        } else {
            o = hexByte(o, c);
            ++i;
        }
    }
    *o++ = '"';
    out.advance(o);
    if (bytes.size() > maxBytes) {
        out += "…(+";
        num(out, bytes.size() - maxBytes);
        out += ')';
    }
}

} // namespace mux::format::detail
