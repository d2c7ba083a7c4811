#pragma once

#include "TickSnapshot.h"

#include <QAbstractTableModel>
#include <QPointer>

namespace gui {

class Session;

/// The server's message queues (the queue servers of the documents: a reply waits in its
/// conn's queue until the conn is writable). The program keeps them, not the trace, so they
/// are shown for the newest tick of a live lesson only.
class QueuesModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { ConnColumn, CountColumn, MessagesColumn, ColumnCount };

    explicit QueuesModel(Session *session, QObject *parent = nullptr);
    void refresh(const TickSnapshot &snapshot);
    void retranslate();
    /// Why the table is empty, in a sentence (empty when it is not).
    QString emptyReason() const { return m_emptyReason; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;

private:
    struct Row {
        QString label;
        int fd;
        QList<QByteArray> messages;
    };
    QPointer<Session> m_session;
    QList<Row> m_rows;
    QString m_emptyReason;
    TickSnapshot m_snapshot;
};

} // namespace gui
