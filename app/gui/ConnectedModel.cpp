#include "ConnectedModel.h"

namespace gui {

ConnectedModel::ConnectedModel(ExternalWatch *watch, QObject *parent)
    : QAbstractTableModel(parent), m_watch(watch)
{
    connect(watch, &ExternalWatch::changed, this, &ConnectedModel::reload);
    reload();
}

void ConnectedModel::reload()
{
    if (m_watch->peers() == m_rows)
        return;
    beginResetModel();
    m_rows = m_watch->peers();
    endResetModel();
}

void ConnectedModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
}

int ConnectedModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ConnectedModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ConnectedModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ExternalWatch::Peer &p = m_rows[index.row()];
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case ClientColumn: {
            // The label is "conn ADDR (program)"; the program is what a class recognises.
            const qsizetype open = p.label.lastIndexOf(QLatin1String(" ("));
            return open >= 0 ? p.label.mid(open + 2).chopped(1) : tr("unknown program");
        }
        case PeerColumn:
            return p.peer;
        case FdColumn:
            return p.fd;
        case WaitingColumn:
            if (p.waiting <= 0)
                return QString();
            return p.waiting == 1 ? tr("1 byte waiting") : tr("%1 bytes waiting").arg(p.waiting);
        }
    }
    if (role == Qt::UserRole)
        return p.name;
    return {};
}

QVariant ConnectedModel::headerData(int section, Qt::Orientation o, int role) const
{
    if (o != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case ClientColumn:
        return tr("Program");
    case PeerColumn:
        return tr("Peer address");
    case FdColumn:
        return tr("fd");
    case WaitingColumn:
        return tr("Waiting for the next tick");
    }
    return {};
}

} // namespace gui
