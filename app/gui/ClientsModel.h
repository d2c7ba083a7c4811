#pragma once

#include "TickSnapshot.h"
#include "clients/SimClient.h"

#include <QAbstractTableModel>
#include <QPointer>

namespace gui {

class Session;

/// The simulated clients: state, whether they read, bytes sent, and everything each has
/// received up to the cursor's tick. On the newest tick of a live lesson the state is the
/// client's own; on an older tick it is the TCP state the kernel reported then.
class ClientsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { NameColumn, StateColumn, ReadingColumn, SentColumn, ReceivedColumn, ColumnCount };
    enum Roles { ClientIndexRole = Qt::UserRole + 1, ReceivedBytesRole };

    explicit ClientsModel(Session *session, QObject *parent = nullptr);
    void refresh(const TickSnapshot &snapshot);
    void retranslate();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;

private:
    struct Row {
        QString name;
        QString state;
        QString reading;
        qint64 sent = -1;
        QByteArray received;
    };
    /// The kernel's TCP state of a client's socket at the end of the tick (history view).
    QString stateText(int fd, const TickSnapshot &s) const;
    static QString simStateText(mux::SimClient::State s);

    QPointer<Session> m_session;
    QList<Row> m_rows;
    TickSnapshot m_snapshot;
};

} // namespace gui
