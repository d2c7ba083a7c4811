#pragma once

#include "ExternalWatch.h"

#include <QAbstractTableModel>

namespace gui {

/// Who is connected from outside the app: one row per external client the server holds, with
/// the program the kernel says is at the other end and the bytes it has sent that wait for
/// the next tick. The teacher's view of the class.
class ConnectedModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { ClientColumn, PeerColumn, FdColumn, WaitingColumn, ColumnCount };

    explicit ConnectedModel(ExternalWatch *watch, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;
    void retranslate();

private:
    void reload();

    ExternalWatch *m_watch;
    QList<ExternalWatch::Peer> m_rows;
};

} // namespace gui
