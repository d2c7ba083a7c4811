#include "SocketsModel.h"

#include "ExternalWatch.h"
#include "Session.h"
#include "SocketLabel.h"
#include "net/Socket.h"

#include <QCoreApplication>

namespace gui {

SocketsModel::SocketsModel(Session *session, ExternalWatch *watch, QObject *parent)
    : QAbstractTableModel(parent)
{
    auto follow = [this, session, watch] {
        setSnapshot(session->snapshot());
        feedLive(session, watch);
    };
    connect(session, &Session::sessionReset, this, follow);
    connect(session, &Session::cursorChanged, this, follow);
    // The deadlines' reasons are sentences in the learner's language: read them again.
    connect(session, &Session::langChanged, this, [this, session, watch] {
        feedLive(session, watch);
        retranslate();
    });
    connect(watch, &ExternalWatch::changed, this,
            [this, session, watch] { feedLive(session, watch); });
    follow();
}

void SocketsModel::feedLive(Session *session, ExternalWatch *watch)
{
    // Only the newest tick of a live lesson is "now"; history shows what each tick recorded.
    setLive(session->isLive() ? watch->now() : QHash<int, mux::SocketProbe>());
    // A client that began a frame, a login or an upload holds a slot until it finishes or its
    // deadline passes: the table says how long it has. Engine time only moves while the
    // server waits, so a paused lesson never times anyone out.
    QHash<int, QString> deadlines;
    if (session->isLive() && session->run()) {
        const mux::Server &server = session->run()->engine().server();
        for (auto it = server.deadlines().begin(); it != server.deadlines().end(); ++it)
            deadlines.insert(
                it.key(),
                tr("%1 s left to finish: %2")
                    .arg(qMax<qint64>(0, it->atMs - server.nowMs()) / 1000.0, 0, 'f', 1)
                    .arg(QCoreApplication::translate("Deadline", it->why).arg(it->seconds)));
    }
    setDeadlines(deadlines);
}

void SocketsModel::setSnapshot(const TickSnapshot &s)
{
    beginResetModel();
    m_rows.clear();
    QList<int> fds;
    for (auto it = s.sockets.begin(); it != s.sockets.end(); ++it)
        if (s.isOpenAfter(it.key()))
            fds.append(it.key());
    std::sort(fds.begin(), fds.end());
    for (int fd : fds) {
        Row r;
        r.info = s.sockets.value(fd);
        if (auto p = s.probesAfter.constFind(fd); p != s.probesAfter.constEnd()) {
            r.probe = *p;
            r.probed = true;
        }
        r.traffic = s.traffic.value(fd);
        m_rows.append(r);
    }
    endResetModel();
}

void SocketsModel::setLive(const QHash<int, mux::SocketProbe> &now)
{
    if (now == m_live)
        return;
    m_live = now;
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, QueueColumn), index(int(m_rows.size()) - 1, QueueColumn));
}

void SocketsModel::setDeadlines(const QHash<int, QString> &textByFd)
{
    if (textByFd == m_deadlines)
        return;
    m_deadlines = textByFd;
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, StateColumn), index(int(m_rows.size()) - 1, StateColumn));
}

void SocketsModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
}

QString SocketsModel::roleText(mux::Role r)
{
    switch (r) {
    case mux::Role::Listener:
        return tr("listener");
    case mux::Role::Conn:
        return tr("conn");
    case mux::Role::Client:
        return tr("client");
    case mux::Role::External:
        return tr("external peer");
    case mux::Role::Udp:
        return tr("UDP");
    }
    return {};
}

int SocketsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int SocketsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SocketsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &r = m_rows[index.row()];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case FdColumn:
            return r.info.fd;
        case RoleColumn:
            return roleText(r.info.role);
        case LabelColumn:
            return socketLabel(r.info);
        case LocalColumn:
            return r.info.local;
        case PeerColumn:
            return r.info.peer;
        case StateColumn: {
            QString state = r.probed && r.probe.tcpState >= 0
                                ? mux::net::tcpStateName(r.probe.tcpState)
                                : QString();
            if (const QString d = m_deadlines.value(r.info.fd); !d.isEmpty())
                state += (state.isEmpty() ? QString() : QStringLiteral(" · ")) + d;
            return state;
        }
        case InColumn:
            return r.info.role == mux::Role::Listener ? QVariant() : QVariant(r.traffic.in);
        case OutColumn:
            return r.info.role == mux::Role::Listener ? QVariant() : QVariant(r.traffic.out);
        case QueueColumn:
            // Live: what waits in the kernel for the next tick (an external client's bytes).
            if (auto live = m_live.constFind(r.info.fd); live != m_live.constEnd()) {
                if (r.info.role == mux::Role::Listener && live->backlog > 0)
                    return tr("backlog %1 · waiting for accept").arg(live->backlog);
                if (r.info.role != mux::Role::Listener && live->readable > 0)
                    return tr("%1 bytes waiting · send-q %2").arg(live->readable).arg(live->unsent);
            }
            if (!r.probed)
                return {};
            if (r.info.role == mux::Role::Listener)
                return tr("backlog %1").arg(r.probe.backlog);
            return tr("recv-q %1 · send-q %2").arg(r.probe.readable).arg(r.probe.unsent);
        }
        return {};
    case Qt::DecorationRole:
        return index.column() == FdColumn ? QVariant(m_theme.role(r.info.role)) : QVariant();
    case Qt::TextAlignmentRole:
        return index.column() == FdColumn || index.column() == InColumn ||
                       index.column() == OutColumn
                   ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter))
                   : QVariant();
    case NameRole:
        return r.info.name;
    case SocketRoleRole:
        return int(r.info.role);
    case Qt::ToolTipRole: // the deadline's sentence is longer than the State column
        return index.column() == StateColumn ? QVariant(m_deadlines.value(r.info.fd)) : QVariant();
    case DeadlineRole:
        return m_deadlines.value(r.info.fd);
    case WaitingRole: {
        const auto live = m_live.constFind(r.info.fd);
        if (live == m_live.constEnd())
            return {};
        return r.info.role == mux::Role::Listener ? live->backlog : live->readable;
    }
    }
    return {};
}

QVariant SocketsModel::headerData(int section, Qt::Orientation o, int role) const
{
    if (o != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case FdColumn:
        return tr("fd");
    case RoleColumn:
        return tr("Role");
    case LabelColumn:
        return tr("Socket");
    case LocalColumn:
        return tr("Local address");
    case PeerColumn:
        return tr("Peer address");
    case StateColumn:
        return tr("State");
    case InColumn:
        return tr("Bytes in");
    case OutColumn:
        return tr("Bytes out");
    case QueueColumn:
        return tr("Queue");
    }
    return {};
}

} // namespace gui
