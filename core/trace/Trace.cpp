#include "Trace.h"

namespace mux {

void Trace::clear()
{
    m_ticks.clear();
    m_current.clear();
    m_index.clear();
    m_changesSinceKey = 0;
}

void Trace::apply(std::vector<FdEvents> &interest, QHash<int, qsizetype> &index,
                  const QList<FdEvents> &delta)
{
    for (const FdEvents &d : delta) {
        auto it = index.find(d.fd);
        if (d.events == 0) {
            if (it == index.end())
                continue;
            const qsizetype at = *it;
            index.erase(it);
            interest.erase(interest.begin() + at);
            for (size_t i = size_t(at); i < interest.size(); ++i)
                index[interest[i].fd] = qsizetype(i);
        } else if (it == index.end()) {
            index.insert(d.fd, qsizetype(interest.size()));
            interest.push_back(d);
        } else {
            interest[size_t(*it)].events = d.events;
        }
    }
}

void Trace::append(TickRecord rec)
{
    if (rec.keyframe) { // an imported keyframe: take it as the whole interest
        m_current.clear();
        m_index.clear();
        apply(m_current, m_index, rec.interest);
        m_changesSinceKey = 0;
        m_ticks.push_back(std::move(rec));
        return;
    }
    apply(m_current, m_index, rec.interest);
    m_changesSinceKey += rec.interest.size();
    // A keyframe when replaying the deltas since the last one would cost more than reading a
    // full copy; a run of quiet ticks never writes one.
    if (m_ticks.empty() || m_changesSinceKey > qsizetype(m_current.size())) {
        rec.keyframe = true;
        rec.interest = QList<FdEvents>(m_current.begin(), m_current.end());
        m_changesSinceKey = 0;
    }
    m_ticks.push_back(std::move(rec));
}

QList<FdEvents> Trace::interestAt(qsizetype i) const
{
    if (i < 0 || i >= size())
        return {};
    qsizetype k = i;
    while (k > 0 && !m_ticks[size_t(k)].keyframe)
        --k;
    std::vector<FdEvents> interest;
    QHash<int, qsizetype> index;
    for (qsizetype j = k; j <= i; ++j) {
        const TickRecord &t = m_ticks[size_t(j)];
        if (t.keyframe) {
            interest.clear();
            index.clear();
        }
        apply(interest, index, t.interest);
    }
    return QList<FdEvents>(interest.begin(), interest.end());
}

QHash<int, SocketInfo> Trace::socketsAt(qsizetype i) const
{
    QHash<int, SocketInfo> open;
    for (qsizetype j = 0; j <= i && j < size(); ++j) {
        const TickExtras &x = m_ticks[size_t(j)].extrasOrEmpty();
        for (int fd : x.closed)
            open.remove(fd);
        for (const SocketInfo &s : x.opened)
            open.insert(s.fd, s);
    }
    return open;
}

QHash<int, SocketProbe> Trace::probesAt(qsizetype i) const
{
    QHash<int, SocketProbe> probes;
    for (qsizetype j = 0; j <= i && j < size(); ++j) {
        const TickExtras &x = m_ticks[size_t(j)].extrasOrEmpty();
        for (int fd : x.closed)
            probes.remove(fd);
        for (const SocketProbe &p : x.probes)
            probes.insert(p.fd, p);
    }
    return probes;
}

qsizetype Trace::memoryBytes() const
{
    qsizetype n = 0;
    for (const TickRecord &t : m_ticks)
        n += t.memoryBytes();
    return n;
}

bool Trace::operator==(const Trace &o) const
{
    return lessonId == o.lessonId && backend == o.backend && m_ticks == o.m_ticks;
}

} // namespace mux
