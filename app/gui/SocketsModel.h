#pragma once

#include "Theme.h"
#include "TickSnapshot.h"

#include <QAbstractTableModel>

namespace gui {

class ExternalWatch;
class Session;

/// The sockets table: every socket open at the end of the cursor's tick, server side and
/// simulated clients, with what the kernel said about it (TCP state, bytes queued) and how
/// many bytes the recorded calls moved through it.
class SocketsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        FdColumn,
        RoleColumn,
        LabelColumn,
        LocalColumn,
        PeerColumn,
        StateColumn,
        InColumn,
        OutColumn,
        QueueColumn,
        ColumnCount
    };
    enum Roles {
        NameRole = Qt::UserRole + 1,
        SocketRoleRole,
        WaitingRole, ///< live: bytes (conns) or connections (listeners) waiting for the next tick
        DeadlineRole ///< live: the conn's unfinished work and the time it has left
    };

    /// Follows `session`'s cursor and `watch`'s reads between ticks itself.
    SocketsModel(Session *session, ExternalWatch *watch, QObject *parent = nullptr);
    void setTheme(const Theme &theme) { m_theme = theme; }
    /// The kernel's values read between ticks (ExternalWatch), shown in place of the tick's
    /// own while the cursor is on the newest tick of a live lesson; empty: the tick's only.
    void setLive(const QHash<int, mux::SocketProbe> &now);
    void setSnapshot(const TickSnapshot &snapshot);
    /// The server's pending deadlines (a frame, a login, an upload begun and not finished), as
    /// text per conn fd, shown in the State column while the cursor is on the newest tick.
    void setDeadlines(const QHash<int, QString> &textByFd);
    void retranslate();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;

    static QString roleText(mux::Role r);

private:
    struct Row {
        mux::SocketInfo info;
        mux::SocketProbe probe;
        bool probed = false;
        mux::Trace::Traffic traffic;
    };
    void feedLive(Session *session, ExternalWatch *watch);
    QList<Row> m_rows;
    QHash<int, mux::SocketProbe> m_live;
    QHash<int, QString> m_deadlines;
    Theme m_theme;
};

} // namespace gui
