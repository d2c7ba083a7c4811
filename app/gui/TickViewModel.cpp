#include "TickViewModel.h"

#include "ExternalWatch.h"
#include "Session.h"
#include "SocketLabel.h"

#include "trace/TickFormat.h"

namespace gui {

TickViewModel::TickViewModel(QObject *parent) : QAbstractItemModel(parent) {}

TickViewModel::TickViewModel(Session *session, QObject *parent)
    : QAbstractItemModel(parent), m_session(session)
{
    auto follow = [this, session] { setSnapshot(session->snapshot()); };
    connect(session, &Session::sessionReset, this, [this, follow] {
        m_unfolded.clear();
        m_waiting.clear();
        follow();
    });
    connect(session, &Session::cursorChanged, this, follow);
    connect(session, &Session::langChanged, this, &TickViewModel::retranslate);
    follow();
}

void TickViewModel::setSnapshot(const TickSnapshot &snapshot)
{
    beginResetModel();
    m_snapshot = snapshot;
    build();
    endResetModel();
}

void TickViewModel::retranslate()
{
    setSnapshot(m_snapshot);
}

void TickViewModel::setUnfolded(LaneKind lane, bool open)
{
    if (open == m_unfolded.contains(lane))
        return;
    if (open)
        m_unfolded.insert(lane);
    else
        m_unfolded.remove(lane);
    setSnapshot(m_snapshot);
}

void TickViewModel::followWaiting(ExternalWatch *watch)
{
    auto read = [this, watch] {
        QHash<int, int> waiting;
        // Only the newest tick is followed by the kernel's "now"; an older one shows the past.
        if (m_session && m_session->isLive() && m_snapshot.isValid()) {
            for (const ExternalWatch::Peer &p : watch->peers())
                if (p.waiting > 0)
                    waiting.insert(p.fd, p.waiting);
            for (const mux::SocketProbe &p : watch->now())
                if (p.backlog > 0 && m_snapshot.info(p.fd).role == mux::Role::Listener)
                    waiting.insert(p.fd, p.backlog);
        }
        if (waiting == m_waiting)
            return;
        m_waiting = waiting;
        setSnapshot(m_snapshot);
    };
    connect(watch, &ExternalWatch::changed, this, read);
    if (m_session)
        connect(m_session, &Session::cursorChanged, this, read);
    read();
}

QString TickViewModel::laneTitle(LaneKind lane)
{
    switch (lane) {
    case LaneKind::Read:
        return QStringLiteral("rlist");
    case LaneKind::Write:
        return QStringLiteral("wlist");
    case LaneKind::Except:
        return QStringLiteral("xlist");
    case LaneKind::PollFds:
        return tr("pollfd array");
    case LaneKind::EpollInterest:
        return tr("interest list");
    case LaneKind::EpollReady:
        return tr("ready list");
    }
    return {};
}

QString TickViewModel::laneSubtitle(LaneKind lane)
{
    switch (lane) {
    case LaneKind::Read:
        return tr("ready to read");
    case LaneKind::Write:
        return tr("ready to write");
    case LaneKind::Except:
        return tr("exceptional");
    case LaneKind::PollFds:
        return tr("events → revents");
    case LaneKind::EpollInterest:
        return tr("epoll_ctl");
    case LaneKind::EpollReady:
        return tr("epoll_wait");
    }
    return {};
}

QString TickViewModel::eventsText(mux::Events e) const
{
    if (!e)
        return QStringLiteral("0");
    switch (backend()) {
    case mux::Backend::Poll:
        return mux::pollEventsToString(e);
    case mux::Backend::Epoll:
    case mux::Backend::EpollEt:
        return mux::epollEventsToString(e);
    case mux::Backend::Select:
        return mux::eventsToString(e);
    }
    return {};
}

QString TickViewModel::callText() const
{
    if (!m_snapshot.isValid())
        return {};
    if (isSetup())
        return tr("setup: the program opens its listeners and sets its first interest");
    return mux::format::call(m_snapshot.record, m_snapshot.interestIn);
}

QString TickViewModel::returnedText() const
{
    if (!m_snapshot.isValid() || isSetup())
        return {};
    return mux::format::returned(m_snapshot.record);
}

QString TickViewModel::outcomeText() const
{
    const mux::TickRecord &t = m_snapshot.record;
    if (!m_snapshot.isValid() || isSetup() || t.ret != 0 || t.err)
        return {};
    // With no timeout a real call cannot return 0: step mode returned it early because no
    // client could act. "Timeout" there would teach a wrong fact about select(..., None).
    if (t.timeoutMs < 0)
        return tr("(nothing ready: with no timeout a real call would still be waiting)");
    return tr("(timeout: nothing was ready)");
}

int TickViewModel::laneRow(LaneKind lane) const
{
    for (int i = 0; i < m_lanes.size(); ++i)
        if (m_lanes[i].kind == lane)
            return i;
    return -1;
}

const TickViewModel::Entry *TickViewModel::find(LaneKind lane, const QString &name) const
{
    const int row = laneRow(lane);
    if (row < 0)
        return nullptr;
    for (const Entry &e : m_lanes[row].entries)
        if (e.info.name == name)
            return &e;
    return nullptr;
}

bool TickViewModel::isReadyIn(LaneKind lane, const QString &name) const
{
    const Entry *e = find(lane, name);
    return e && e->ready;
}

bool TickViewModel::isPassedIn(LaneKind lane, const QString &name) const
{
    const Entry *e = find(lane, name);
    return e && e->passedIn;
}

QModelIndex TickViewModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    // internalId 0 marks a lane row; lane n's sockets carry n + 1.
    if (!parent.isValid())
        return createIndex(row, column, quintptr(0));
    return createIndex(row, column, quintptr(parent.row() + 1));
}

QModelIndex TickViewModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == 0)
        return {};
    return createIndex(int(child.internalId() - 1), 0, quintptr(0));
}

int TickViewModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_lanes.size());
    if (parent.column() != 0 || parent.internalId() != 0)
        return 0;
    return int(m_lanes.value(parent.row()).entries.size());
}

int TickViewModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant TickViewModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (index.internalId() == 0) {
        const Lane &lane = m_lanes[index.row()];
        if (role == LaneRole)
            return int(lane.kind);
        if (role == Qt::DisplayRole) {
            switch (index.column()) {
            case LabelColumn:
                return laneTitle(lane.kind);
            case FdColumn:
                return tr("%n passed in", nullptr, lane.passedIn);
            case ReturnedColumn:
                return tr("%n ready", nullptr, lane.ready);
            case ReasonColumn:
                return laneSubtitle(lane.kind);
            default:
                return {};
            }
        }
        return {};
    }
    const Lane &lane = m_lanes[int(index.internalId() - 1)];
    const Entry &e = lane.entries[index.row()];
    if (role == ChipKindRole)
        return int(e.kind);
    if (role == FoldedRole)
        return e.folded;
    if (e.kind == ChipKind::Fold) {
        const QString reason = m_unfolded.contains(lane.kind) ? tr("click to fold them again")
                                                              : tr("click to show them");
        switch (role) {
        case Qt::DisplayRole:
            return index.column() == LabelColumn    ? foldText(lane.kind, e.folds)
                   : index.column() == ReasonColumn ? reason
                                                    : QVariant();
        case Qt::ToolTipRole:
            return foldText(lane.kind, e.folds) + QStringLiteral(" — ") + reason;
        case LaneRole:
            return int(lane.kind);
        case ReasonRole:
            return reason;
        case FdRole:
            return -1;
        case WaitingRole:
            return -1;
        default:
            return {};
        }
    }
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case LabelColumn:
            return m_shortLabels.value(e.info.fd, socketLabel(e.info));
        case FdColumn:
            return e.info.fd;
        case RequestedColumn:
            return e.passedIn && lane.kind != LaneKind::EpollReady ? eventsText(e.requested)
                                                                   : QString();
        case ReturnedColumn:
            return e.returned ? eventsText(e.returned) : QString();
        case ReasonColumn:
            return e.reason;
        }
        return {};
    case Qt::ToolTipRole:
        return tr("%1 (fd %2) — %3").arg(socketLabel(e.info)).arg(e.info.fd).arg(e.reason);
    case LaneRole:
        return int(lane.kind);
    case NameRole:
        return e.info.name;
    case FdRole:
        return e.info.fd;
    case SocketRoleRole:
        return int(e.info.role);
    case PassedInRole:
        return e.passedIn;
    case ReadyRole:
        return e.ready;
    case ChangeRole:
        return int(e.change);
    case ReasonRole:
        return e.reason;
    case RequestedRole:
        if (e.change == Change::Appended)
            return eventsText(e.after);
        if (e.change == Change::Modified)
            return eventsText(e.requested) + QStringLiteral(" → ") + eventsText(e.after);
        return eventsText(e.requested);
    case ReturnedRole:
        return e.returned ? eventsText(e.returned) : QString();
    case WaitingRole:
        return e.kind == ChipKind::Socket ? m_waiting.value(e.info.fd, -1) : -1;
    case FullLabelRole:
        return socketLabel(e.info);
    }
    return {};
}

QVariant TickViewModel::headerData(int section, Qt::Orientation o, int role) const
{
    if (o != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case LabelColumn:
        return tr("Socket");
    case FdColumn:
        return tr("fd");
    case RequestedColumn:
        return tr("Asked for");
    case ReturnedColumn:
        return tr("Came back");
    case ReasonColumn:
        return tr("Why");
    }
    return {};
}

} // namespace gui
