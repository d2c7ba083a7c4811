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
    m_historyCursors = {};
    m_historyUsed = 0;
    m_checkpoints.clear();
    m_receivedCursor = {};
    m_base = {};
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
    if (const qsizetype dropped = m_ticks.dropsOnNextPush())
        rebase(firstKept() + dropped);
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
    const qsizetype first = firstKept();
    if (i < first - 1 || i >= size())
        return {};
    if (i == size() - 1)
        return currentInterest();
    if (i == first - 1)
        return QList<FdEvents>(m_base.interest.begin(), m_base.interest.end());
    InterestCursor &c = m_interestCursor;
    // Back to the nearest keyframe, or to where the last call stopped, whichever comes first;
    // at the first tick kept, from the base.
    qsizetype k = i;
    while (k > first && k != c.at && !m_ticks[k].keyframe)
        --k;
    if (k != c.at || c.at > i) {
        c.at = k - 1; // replay from k, a keyframe or the first tick kept
        c.interest = k == first ? m_base.interest : std::vector<FdEvents>();
        c.index = k == first ? m_base.interestIndex : QHash<int, qsizetype>();
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

void Trace::History::fold(const TickRecord &t)
{
    const TickExtras &x = t.extrasOrEmpty();
    for (int fd : x.closed) {
        open.remove(fd);
        probes.remove(fd);
    }
    for (const SocketInfo &s : x.opened) {
        open.insert(s.fd, s);
        traffic.remove(s.fd); // a reused fd starts again at 0
    }
    for (const SocketProbe &p : x.probes)
        probes.insert(p.fd, p);
    using Call = Action::Call;
    for (const Action &a : t.actions) {
        if (a.fd < 0 || a.ret <= 0 || a.err)
            continue;
        if (a.call == Call::Recv || a.call == Call::RecvFrom || a.call == Call::RecvUrgent)
            traffic[a.fd].in += a.ret;
        else if (a.call == Call::Send || a.call == Call::SendTo || a.call == Call::SendUrgent)
            traffic[a.fd].out += a.ret;
    }
}

void Trace::foldReceived(QHash<int, QByteArray> &got, const TickRecord &t)
{
    for (const Action &a : t.actions)
        if (a.actor == Action::Actor::Client &&
            (a.call == Action::Call::Recv || a.call == Action::Call::RecvFrom))
            got[a.client] += a.data;
}

const Trace::History *Trace::historyAt(qsizetype i) const
{
    const qsizetype first = firstKept();
    if (isEmpty() || i < first - 1)
        return nullptr;
    i = std::min(i, size() - 1);
    if (i == first - 1)
        return &m_base.history;
    for (int k = 0; k < 2; ++k)
        if (m_historyCursors[size_t(k)].at == i) {
            m_historyUsed = k;
            return &m_historyCursors[size_t(k)].history;
        }
    // Move the cursor nearest behind i; with none behind it, the one used less recently.
    const auto behind = [&](const HistoryCursor &c) { return c.at >= first - 1 && c.at <= i; };
    HistoryCursor &a = m_historyCursors[0];
    HistoryCursor &b = m_historyCursors[1];
    int k = 1 - m_historyUsed;
    if (behind(a) && (!behind(b) || a.at >= b.at))
        k = 0;
    else if (behind(b))
        k = 1;
    HistoryCursor &c = m_historyCursors[size_t(k)];
    if (!behind(c)) {
        c.at = first - 1;
        c.history = m_base.history;
    }
    if (auto cp = m_checkpoints.upper_bound(i);
        cp != m_checkpoints.begin() && std::prev(cp)->first > c.at) {
        c.at = std::prev(cp)->first;
        c.history = std::prev(cp)->second;
    }
    for (qsizetype j = c.at + 1; j <= i; ++j) {
        c.history.fold(m_ticks[j]);
        if ((j + 1) % TickStore::kChunk == 0)
            m_checkpoints.try_emplace(j, c.history);
    }
    c.at = i;
    m_historyUsed = k;
    return &c.history;
}

void Trace::rebase(qsizetype newFirst)
{
    const qsizetype first = firstKept();
    Base b;
    b.history = *historyAt(newFirst - 1);
    const QList<FdEvents> interest = interestAt(newFirst - 1);
    b.interest.assign(interest.begin(), interest.end());
    for (size_t k = 0; k < b.interest.size(); ++k)
        b.interestIndex.insert(b.interest[k].fd, qsizetype(k));
    b.received = std::move(m_base.received);
    for (qsizetype j = first; j < newFirst; ++j)
        foldReceived(b.received, m_ticks[j]);
    m_base = std::move(b);
    // The cursors left behind newFirst - 1 are found stale by historyAt and interestAt.
    m_checkpoints.erase(m_checkpoints.begin(), m_checkpoints.upper_bound(newFirst - 1));
}

QHash<int, SocketInfo> Trace::socketsAt(qsizetype i) const
{
    const History *h = historyAt(i);
    return h ? h->open : QHash<int, SocketInfo>();
}

QHash<int, SocketProbe> Trace::probesAt(qsizetype i) const
{
    const History *h = historyAt(i);
    return h ? h->probes : QHash<int, SocketProbe>();
}

QHash<int, SocketProbe> Trace::probesAtCall(qsizetype i) const
{
    QHash<int, SocketProbe> probes = probesAt(i - 1);
    if (i >= firstKept() && i < size())
        for (const SocketProbe &p : m_ticks[i].extrasOrEmpty().atCall)
            probes.insert(p.fd, p);
    return probes;
}

QHash<int, Trace::Traffic> Trace::trafficAt(qsizetype i) const
{
    const History *h = historyAt(i);
    return h ? h->traffic : QHash<int, Traffic>();
}

QHash<int, QByteArray> Trace::receivedByClients(qsizetype i) const
{
    const qsizetype first = firstKept();
    if (isEmpty() || i < first - 1)
        return {};
    i = std::min(i, size() - 1);
    ReceivedCursor &c = m_receivedCursor;
    if (c.at < first - 1 || c.at > i)
        c = {first - 1, m_base.received};
    for (qsizetype j = c.at + 1; j <= i; ++j)
        foldReceived(c.got, m_ticks[j]);
    c.at = i;
    return c.got;
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
    return lessonId == o.lessonId && backend == o.backend && m_ticks == o.m_ticks &&
           m_base == o.m_base;
}

} // namespace mux
