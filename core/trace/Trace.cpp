#include "Trace.h"

#include <algorithm>

namespace mux {

void Trace::clear()
{
    m_ticks.clear();
    m_current.clear();
    m_index.clear();
    m_changesSinceKey = 0;
    m_interestCursor = {};
    m_socketsCursor = {};
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
    if (i == size() - 1)
        return currentInterest();
    if (firstKept() > 0)
        return {}; // the ticks before it, which the replay needs, are gone
    InterestCursor &c = m_interestCursor;
    // Back to the nearest keyframe, or to where the last call stopped, whichever comes first.
    qsizetype k = i;
    while (k > 0 && k != c.at && !m_ticks[k].keyframe)
        --k;
    if (k != c.at || c.at > i) {
        c = {};
        c.at = k - 1; // replay from k, which is a keyframe (or tick 0)
    }
    for (qsizetype j = c.at + 1; j <= i; ++j) {
        const TickRecord &t = m_ticks[j];
        if (t.keyframe) {
            c.interest.clear();
            c.index.clear();
        }
        apply(c.interest, c.index, t.interest);
    }
    c.at = i;
    return QList<FdEvents>(c.interest.begin(), c.interest.end());
}

QList<FdEvents> Trace::interestAfter(qsizetype i) const
{
    if (i < 0 || i >= size())
        return {};
    if (i + 1 < size())
        return interestAt(i + 1);
    const QList<FdEvents> now = interestAt(i);
    std::vector<FdEvents> interest(now.begin(), now.end());
    QHash<int, qsizetype> index;
    for (size_t k = 0; k < interest.size(); ++k)
        index.insert(interest[k].fd, qsizetype(k));
    QList<FdEvents> delta;
    for (const Action &a : m_ticks[i].actions)
        if (a.actor == Action::Actor::Server && !a.err &&
            (a.call == Action::Call::Watch || a.call == Action::Call::Modify ||
             a.call == Action::Call::Unwatch))
            delta.append({a.fd, Events(a.arg)});
    apply(interest, index, delta);
    return QList<FdEvents>(interest.begin(), interest.end());
}

QHash<int, SocketInfo> Trace::socketsAt(qsizetype i) const
{
    if (firstKept() > 0)
        return {};
    SocketsCursor &c = m_socketsCursor;
    i = std::min(i, size() - 1);
    if (c.at > i)
        c = {};
    for (qsizetype j = c.at + 1; j <= i; ++j) {
        const TickExtras &x = m_ticks[j].extrasOrEmpty();
        for (int fd : x.closed)
            c.open.remove(fd);
        for (const SocketInfo &s : x.opened)
            c.open.insert(s.fd, s);
    }
    c.at = std::max(c.at, i);
    return c.open;
}

QHash<int, SocketProbe> Trace::probesAt(qsizetype i) const
{
    if (firstKept() > 0)
        return {};
    QHash<int, SocketProbe> probes;
    for (qsizetype j = 0; j <= i && j < size(); ++j) {
        const TickExtras &x = m_ticks[j].extrasOrEmpty();
        for (int fd : x.closed)
            probes.remove(fd);
        for (const SocketProbe &p : x.probes)
            probes.insert(p.fd, p);
    }
    return probes;
}

QHash<int, SocketProbe> Trace::probesAtCall(qsizetype i) const
{
    QHash<int, SocketProbe> probes = probesAt(i - 1);
    if (i >= 0 && i < size())
        for (const SocketProbe &p : m_ticks[i].extrasOrEmpty().atCall)
            probes.insert(p.fd, p);
    return probes;
}

QHash<int, Trace::Traffic> Trace::trafficAt(qsizetype i) const
{
    if (firstKept() > 0)
        return {};
    using Call = Action::Call;
    QHash<int, Traffic> traffic;
    for (qsizetype j = 0; j <= i && j < size(); ++j) {
        const TickRecord &t = m_ticks[j];
        for (const SocketInfo &s : t.extrasOrEmpty().opened) // a reused fd starts again at 0
            traffic.remove(s.fd);
        for (const Action &a : t.actions) {
            if (a.fd < 0 || a.ret <= 0 || a.err)
                continue;
            if (a.call == Call::Recv || a.call == Call::RecvFrom || a.call == Call::RecvUrgent)
                traffic[a.fd].in += a.ret;
            else if (a.call == Call::Send || a.call == Call::SendTo || a.call == Call::SendUrgent)
                traffic[a.fd].out += a.ret;
        }
    }
    return traffic;
}

QHash<int, QByteArray> Trace::receivedByClients(qsizetype i) const
{
    if (firstKept() > 0)
        return {};
    QHash<int, QByteArray> got;
    for (qsizetype j = 0; j <= i && j < size(); ++j)
        for (const Action &a : m_ticks[j].actions)
            if (a.actor == Action::Actor::Client &&
                (a.call == Action::Call::Recv || a.call == Action::Call::RecvFrom))
                got[a.client] += a.data;
    return got;
}

qsizetype Trace::memoryBytes() const
{
    qsizetype n = 0;
    for (qsizetype i = firstKept(); i < m_ticks.size(); ++i)
        n += m_ticks[i].memoryBytes();
    return n;
}

bool Trace::operator==(const Trace &o) const
{
    return lessonId == o.lessonId && backend == o.backend && m_ticks == o.m_ticks;
}

} // namespace mux
