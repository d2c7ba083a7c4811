#pragma once

#include "Theme.h"

#include <QAbstractTableModel>
#include <QPointer>

namespace gui {

class Session;

/// Every recorded call in strace form, a row each, in the order they happened: the clients'
/// calls (`connect(L0) fd 5`, `send(5, "hello") = 5`), the tick's multiplexing call and what
/// it returned (`select([4,6],[],[], 1.0) = 1 ([6],[],[])`), then the program's calls
/// (`accept(4) = 6`, `recv(6, 1024) = 5 "hello"`). Rows of the cursor's tick are highlighted;
/// rows after it are the recorded future, greyed. Names are read in the current language.
class SyscallLogModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { TickColumn, WhoColumn, CallColumn, ColumnCount };
    enum Roles { TickIndexRole = Qt::UserRole + 1, IsCallRole };

    explicit SyscallLogModel(Session *session, QObject *parent = nullptr);

    void setTheme(const Theme &theme);
    /// The first row of tick index i (for scrolling the view to the cursor).
    int firstRowOf(qsizetype tickIndex) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;

private:
    struct Row {
        qsizetype tick;
        int client; ///< the client that made the call; -1: the server
        QString text;
        bool isCall;
        bool first = false;  ///< the tick's first row, which shows its number
        bool remote = false; ///< made by the lesson's other process (Site::Remote)
    };
    QString textOf(const Row &r) const;
    QString whoOf(const Row &r) const;
    void reset();
    void appended(qsizetype index);
    void cursorMoved(qsizetype index);
    QList<Row> rowsOf(qsizetype index) const;

    QPointer<Session> m_session;
    QList<Row> m_rows;
    QList<int> m_firstRow;     ///< per tick index from m_firstTick
    qsizetype m_firstTick = 0; ///< the first tick with lines (the trace's firstKept())
    void dropOlderThan(qsizetype firstKept);
    qsizetype m_cursor = -1;
    Theme m_theme;
};

} // namespace gui
