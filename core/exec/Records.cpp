#include "Records.h"

#include <cstring>

namespace mux::exec {

std::optional<Record> RecordReader::next()
{
    if (m_broken || m_buf.size() - m_at < qsizetype(sizeof(mt_rec))) {
        if (m_at > 0 && m_at == m_buf.size()) { // everything read: start the buffer over
            m_buf.clear();
            m_at = 0;
        }
        return std::nullopt;
    }
    Record r;
    std::memcpy(&r.head, m_buf.constData() + m_at, sizeof r.head);
    const mt_rec &h = r.head;
    const quint64 body = quint64(h.npairs) * sizeof(mt_pair) + h.datalen + h.srclen;
    if (h.size != sizeof(mt_rec) + body || h.size > 1u << 20) {
        m_broken = true;
        return std::nullopt;
    }
    if (m_buf.size() - m_at < qsizetype(h.size))
        return std::nullopt;
    const char *p = m_buf.constData() + m_at + sizeof(mt_rec);
    r.pairs.resize(h.npairs);
    std::memcpy(r.pairs.data(), p, h.npairs * sizeof(mt_pair));
    p += h.npairs * sizeof(mt_pair);
    r.data = QByteArray(p, h.datalen);
    p += h.datalen;
    r.source = QString::fromUtf8(p, h.srclen);
    m_at += h.size;
    if (m_at > (1 << 16)) { // drop what was read, now and then rather than every record
        m_buf.remove(0, m_at);
        m_at = 0;
    }
    return r;
}

} // namespace mux::exec
