#include "QueuesModel.h"

#include "Session.h"
#include "SocketLabel.h"
#include "trace/TickFormat.h"

namespace gui {

QueuesModel::QueuesModel(Session *session, QObject *parent)
    : QAbstractTableModel(parent), m_session(session)
{
    auto follow = [this] { refresh(m_session->snapshot()); };
    connect(session, &Session::sessionReset, this, follow);
    connect(session, &Session::cursorChanged, this, follow);
    connect(session, &Session::pendingChanged, this, follow);
    connect(session, &Session::langChanged, this, follow);
    follow();
}

void QueuesModel::refresh(const TickSnapshot &snapshot)
{
    m_snapshot = snapshot;
    beginResetModel();
    m_rows.clear();
    m_emptyReason.clear();
    if (!m_session->hasEngine()) {
        m_emptyReason = tr("A saved trace does not hold the server's queues.");
    } else if (!m_session->isLive()) {
        m_emptyReason =
            tr("The queues live in the running program: go to the newest tick to see them.");
    } else if (const mux::Program *p = m_session->run()->engine().program()) {
        const QHash<int, QList<QByteArray>> queues = p->queues();
        QList<int> fds = queues.keys();
        std::sort(fds.begin(), fds.end());
        for (int fd : fds)
            if (!queues.value(fd).isEmpty())
                m_rows.append({socketLabel(snapshot.info(fd)), fd, queues.value(fd)});
        if (m_rows.isEmpty())
            m_emptyReason = tr("No message is waiting to be sent.");
    }
    endResetModel();
}

void QueuesModel::retranslate()
{
    refresh(m_snapshot);
}

int QueuesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int QueuesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant QueuesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &r = m_rows[index.row()];
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (index.column()) {
    case ConnColumn:
        return QStringLiteral("%1 (fd %2)").arg(r.label).arg(r.fd);
    case CountColumn:
        return int(r.messages.size());
    case MessagesColumn: {
        QStringList parts;
        for (const QByteArray &m : r.messages)
            parts.append(mux::format::quoted(m, 40));
        return parts.join(QStringLiteral(", "));
    }
    }
    return {};
}

QVariant QueuesModel::headerData(int section, Qt::Orientation o, int role) const
{
    if (o != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case ConnColumn:
        return tr("Conn");
    case CountColumn:
        return tr("Waiting");
    case MessagesColumn:
        return tr("Messages, oldest first");
    }
    return {};
}

} // namespace gui
