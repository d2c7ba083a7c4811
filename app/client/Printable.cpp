#include "Printable.h"

namespace client {

namespace {

// The length a UTF-8 lead byte announces, 0 for a byte that cannot start a character.
int sequenceLength(uchar b)
{
    if (b < 0x80)
        return 1;
    if (b >= 0xc2 && b <= 0xdf)
        return 2;
    if (b >= 0xe0 && b <= 0xef)
        return 3;
    if (b >= 0xf0 && b <= 0xf4)
        return 4;
    return 0;
}

QString hex(uchar b)
{
    return QString::asprintf("\\x%02x", b);
}

} // namespace

QString Printable::feed(const QByteArray &bytes)
{
    const QByteArray in = m_held + bytes;
    m_held.clear();
    QString out;
    qsizetype i = 0;
    while (i < in.size()) {
        const uchar b = uchar(in[i]);
        const int n = sequenceLength(b);
        if (n == 1) {
            out += b == '\n' || b == '\t' || (b >= 0x20 && b < 0x7f) ? QString(QLatin1Char(char(b)))
                                                                     : hex(b);
            ++i;
            continue;
        }
        if (n == 0) {
            out += hex(b);
            ++i;
            continue;
        }
        if (i + n > in.size()) {
            // Maybe the rest of the character is in the next piece: hold it if so far valid.
            bool continuing = true;
            for (qsizetype k = i + 1; k < in.size(); ++k)
                continuing = continuing && (uchar(in[k]) & 0xc0) == 0x80;
            if (continuing) {
                m_held = in.mid(i);
                break;
            }
        }
        const QByteArray seq = in.mid(i, n);
        const QString s = QString::fromUtf8(seq);
        // fromUtf8 decodes overlong forms and surrogates to U+FFFD: those stay escaped.
        if (seq.size() == n && !s.contains(QChar::ReplacementCharacter) && s.toUtf8() == seq) {
            out += s;
            i += n;
        } else {
            out += hex(b);
            ++i;
        }
    }
    return out;
}

QString Printable::flush()
{
    QString out;
    for (char c : std::as_const(m_held))
        out += hex(uchar(c));
    m_held.clear();
    return out;
}

} // namespace client
