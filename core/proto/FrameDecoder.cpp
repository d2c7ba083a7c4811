#include "FrameDecoder.h"

#include <QtEndian>

#include <algorithm>

namespace mux::proto {

QByteArray packLength(qint32 n)
{
    QByteArray out(FrameDecoder::kHeaderSize, Qt::Uninitialized);
    qToLittleEndian<qint32>(n, out.data());
    return out;
}

QByteArray frame(QByteArrayView payload)
{
    return packLength(qint32(payload.size())) + payload.toByteArray();
}

QString describeHeader(QByteArrayView header)
{
    QString hex;
    bool printable = true;
    for (char c : header) {
        hex += QStringLiteral("%1 ").arg(uchar(c), 2, 16, QLatin1Char('0'));
        printable = printable && c >= 0x20 && c < 0x7f;
    }
    hex.chop(1);
    if (printable)
        hex += QStringLiteral(" (\"%1\")").arg(QString::fromLatin1(header.data(), header.size()));
    return hex;
}

FrameDecoder::FrameDecoder(qint64 limit, Header header) : m_limit(limit), m_header(header) {}

void FrameDecoder::feed(QByteArrayView bytes)
{
    if (refused())
        return;
    m_buf.append(bytes);
}

void FrameDecoder::compact()
{
    if (m_pos == 0)
        return;
    if (m_pos >= m_buf.size()) {
        m_buf.clear();
        m_pos = 0;
    } else if (m_pos > 4096 && m_pos * 2 > m_buf.size()) {
        // Drop consumed bytes only now and then, so one-byte feeds stay linear.
        m_buf.remove(0, m_pos);
        m_pos = 0;
    }
}

FrameDecoder::Status FrameDecoder::readHeader()
{
    if (buffered() < kHeaderSize)
        return Status::NeedMore;
    const QByteArrayView h(m_buf.constData() + m_pos, kHeaderSize);
    qint64 n = -1;
    if (m_header == Header::Packed) {
        n = qFromLittleEndian<qint32>(h.data());
        if (n < 0) {
            m_error = QStringLiteral("Refused: the length header %1 says %2 bytes, and a length "
                                     "cannot be negative.")
                          .arg(describeHeader(h))
                          .arg(n);
            return Status::Refused;
        }
    } else {
        const QByteArray digits = h.toByteArray().trimmed();
        bool ok = !digits.isEmpty() && std::all_of(digits.begin(), digits.end(),
                                                   [](char c) { return c >= '0' && c <= '9'; });
        if (!ok) {
            m_error = QStringLiteral("Refused: the 4-byte text header %1 is not a number; a length "
                                     "written as text has no fixed width, so pad it to 4 digits "
                                     "(\"0012\") or pack it with struct.pack('i', n).")
                          .arg(describeHeader(h));
            return Status::Refused;
        }
        n = digits.toLongLong();
    }
    // Checked before a single byte of room is made for the payload.
    if (n > m_limit) {
        m_error = QStringLiteral("Refused: the length header %1 announces %2 bytes, over this "
                                 "server's limit of %3 bytes (text typed into nc is not a length).")
                      .arg(describeHeader(h))
                      .arg(n)
                      .arg(m_limit);
        return Status::Refused;
    }
    m_pos += kHeaderSize;
    m_length = n;
    m_delivered = 0;
    m_started = false;
    return Status::Frame;
}

FrameDecoder::Status FrameDecoder::next(QByteArray *payload)
{
    if (refused())
        return Status::Refused;
    if (m_length < 0)
        if (const Status s = readHeader(); s != Status::Frame)
            return s;
    const qint64 remaining = m_length - m_delivered;
    if (buffered() < remaining)
        return Status::NeedMore;
    *payload = m_buf.mid(m_pos, remaining);
    m_pos += remaining;
    m_length = -1;
    m_delivered = 0;
    m_started = false;
    compact();
    return Status::Frame;
}

FrameDecoder::Status FrameDecoder::nextPiece(QByteArray *bytes, bool *first, bool *last)
{
    if (refused())
        return Status::Refused;
    if (m_length < 0)
        if (const Status s = readHeader(); s != Status::Frame)
            return s;
    const qint64 remaining = m_length - m_delivered;
    const qint64 take = std::min<qint64>(buffered(), remaining);
    if (take == 0 && m_started)
        return Status::NeedMore;
    *bytes = m_buf.mid(m_pos, take);
    *first = !m_started;
    m_pos += take;
    m_delivered += take;
    m_started = true;
    *last = m_delivered == m_length;
    if (*last) {
        m_length = -1;
        m_delivered = 0;
        m_started = false;
    }
    compact();
    return Status::Frame;
}

} // namespace mux::proto
