// How TickViewModel turns the cursor's snapshot into lanes: which sockets each list holds, in
// what order (ready first), what each chip is called, which idle ones fold into one count, and
// the connections the server refused.
#include "TickViewModel.h"

#include <QCoreApplication>

#include <sys/select.h>

namespace gui {

void TickViewModel::build()
{
    m_lanes.clear();
    if (!m_snapshot.isValid())
        return;
    computeLabels();
    switch (backend()) {
    case mux::Backend::Select:
        buildLane(LaneKind::Read, mux::Readable);
        buildLane(LaneKind::Write, mux::Writable);
        buildLane(LaneKind::Except, mux::Exceptional);
        break;
    case mux::Backend::Poll:
        buildLane(LaneKind::PollFds, kWholeMask);
        break;
    case mux::Backend::Epoll:
    case mux::Backend::EpollEt:
        buildLane(LaneKind::EpollInterest, kWholeMask);
        buildReadyLane();
        break;
    }
    addRefusals();
    for (Lane &lane : m_lanes)
        fold(lane);
}

void TickViewModel::computeLabels()
{
    // Outside clients are named by what tells them apart: on one machine the program and the
    // port ("python3 :43016"), from several machines the address ("192.168.1.23:5012").
    struct Peer {
        int fd;
        QString host, port, program;
    };
    QList<Peer> peers;
    QSet<QString> hosts;
    for (const mux::SocketInfo &s : std::as_const(m_snapshot.sockets)) {
        if (s.role != mux::Role::External)
            continue;
        const qsizetype colon = s.peer.lastIndexOf(QLatin1Char(':'));
        if (colon <= 0)
            continue;
        Peer p{s.fd, s.peer.left(colon), s.peer.mid(colon + 1), {}};
        // The trace's label carries the program the peer namer found: "conn ADDR (python3)".
        if (const qsizetype open = s.label.indexOf(QStringLiteral(" ("));
            open > 0 && s.label.endsWith(QLatin1Char(')')))
            p.program = s.label.mid(open + 2).chopped(1);
        hosts.insert(p.host);
        peers.append(p);
    }
    m_shortLabels.clear();
    for (const Peer &p : std::as_const(peers))
        m_shortLabels.insert(p.fd, hosts.size() > 1 ? p.host + QLatin1Char(':') + p.port
                                   : p.program.isEmpty()
                                       ? QCoreApplication::translate("gui::SocketLabel", "conn %1")
                                             .arg(QLatin1Char(':') + p.port)
                                       : p.program + QStringLiteral(" :") + p.port);
}

void TickViewModel::addRefusals()
{
    if (m_lanes.isEmpty())
        return;
    const mux::TickRecord &t = m_snapshot.record;
    for (const mux::Action &a : t.actions) {
        if (a.actor != mux::Action::Actor::Server || a.call != mux::Action::Call::Refuse)
            continue;
        Entry en;
        en.kind = ChipKind::Refused;
        en.info = m_snapshot.info(a.fd);
        bool watchFailed = false;
        for (const mux::Action &w : t.actions)
            watchFailed |= w.actor == mux::Action::Actor::Server &&
                           w.call == mux::Action::Call::Watch && w.fd == a.fd && w.err;
        if (watchFailed && t.backend == mux::Backend::Select && a.fd >= FD_SETSIZE)
            en.reason = tr("refused: select() cannot watch descriptor %1, an fd_set holds only "
                           "0 to %2 (FD_SETSIZE); the server told the client and closed it")
                            .arg(a.fd)
                            .arg(FD_SETSIZE - 1);
        else
            en.reason = tr("refused and closed: %1").arg(QString::fromUtf8(a.data).trimmed());
        m_lanes.first().entries.append(en);
    }
}

QString TickViewModel::foldText(LaneKind lane, int count) const
{
    switch (lane) {
    case LaneKind::Read:
        return tr("%n connections with nothing to read", nullptr, count);
    case LaneKind::Write:
        return tr("%n connections not ready to write", nullptr, count);
    case LaneKind::Except:
        return tr("%n connections with nothing exceptional", nullptr, count);
    case LaneKind::PollFds:
    case LaneKind::EpollInterest:
    case LaneKind::EpollReady:
        break;
    }
    return tr("%n connections where nothing happened", nullptr, count);
}

void TickViewModel::fold(Lane &lane) const
{
    if (lane.kind == LaneKind::EpollReady || lane.entries.size() <= kFoldAbove)
        return;
    // A class reads the few sockets something happened to; forty identical idle chips hide them.
    QList<Entry> ready, changed, listeners, idle;
    for (Entry &e : lane.entries) {
        if (e.ready)
            ready.append(e);
        else if (e.kind != ChipKind::Socket || e.change != Change::None ||
                 m_waiting.value(e.info.fd) > 0)
            changed.append(e);
        else if (e.info.role == mux::Role::Listener)
            listeners.append(e);
        else
            idle.append(e);
    }
    if (idle.size() < 2)
        return;
    const bool open = m_unfolded.contains(lane.kind);
    for (Entry &e : idle)
        e.folded = !open;
    Entry chip;
    chip.kind = ChipKind::Fold;
    chip.folds = int(idle.size());
    lane.entries = ready + changed + listeners;
    lane.entries.append(chip);
    lane.entries.append(idle);
}

void TickViewModel::buildLane(LaneKind kind, mux::Events only)
{
    // One lane of what the call was given: the select lists one event each (only = that bit),
    // a pollfd array or an epoll interest list every event (only = kWholeMask). A socket whose
    // events changed for the next call is Modified; in a select lane its bit is there or not.
    Lane lane{kind, {}};
    QHash<int, mux::Events> after;
    for (const mux::FdEvents &e : std::as_const(m_snapshot.interestAfter))
        after.insert(e.fd, e.events);
    QSet<int> seen;
    for (const mux::FdEvents &e : std::as_const(m_snapshot.interestIn)) {
        if (!(e.events & only))
            continue;
        Entry en;
        en.info = m_snapshot.info(e.fd);
        en.requested = e.events & only;
        en.after = after.value(e.fd) & only;
        en.returned = m_snapshot.ready.value(e.fd) & only;
        en.passedIn = true;
        en.ready = en.returned != 0;
        en.change = !en.after                  ? Change::Removed
                    : en.after != en.requested ? Change::Modified
                                               : Change::None;
        en.reason =
            readyReason(kind, en.info, m_snapshot.probeAtCall(e.fd), en.requested, en.returned);
        lane.passedIn++;
        lane.ready += en.ready;
        lane.entries.append(en);
        seen.insert(e.fd);
    }
    for (const mux::FdEvents &e : std::as_const(m_snapshot.interestAfter)) {
        if (!(e.events & only) || seen.contains(e.fd))
            continue;
        Entry en;
        en.info = m_snapshot.info(e.fd);
        en.after = e.events & only;
        en.change = Change::Appended;
        en.reason = tr("added for the next call");
        lane.entries.append(en);
    }
    m_lanes.append(lane);
}

void TickViewModel::buildReadyLane()
{
    // epoll_wait hands back only the ready ones, in the kernel's order.
    Lane lane{LaneKind::EpollReady, {}};
    for (const mux::FdEvents &e : std::as_const(m_snapshot.record.ready)) {
        Entry en;
        en.info = m_snapshot.info(e.fd);
        en.returned = e.events;
        en.passedIn = true;
        en.ready = true;
        en.reason =
            readyReason(LaneKind::EpollReady, en.info, m_snapshot.probeAtCall(e.fd), 0, e.events);
        lane.passedIn++;
        lane.ready++;
        lane.entries.append(en);
    }
    m_lanes.append(lane);
}

} // namespace gui
