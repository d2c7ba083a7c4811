#pragma once

#include <QAbstractListModel>
#include <QPointer>

namespace gui {

class Session;

/// One row per recorded tick, with what happened in it (accept, recv, send, close, timeout…)
/// as marks for the timeline strip.
class TimelineModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Mark {
        Accept = 0x01,
        Recv = 0x02,
        Send = 0x04,
        Close = 0x08,
        Timeout = 0x10,
        ClientActed = 0x20,
        ListChange = 0x40,
        Failure = 0x80, ///< a call failed or was refused
        Setup = 0x100,
    };
    enum Roles {
        MarksRole = Qt::UserRole + 1, ///< int: Mark bits
        TickRole,                     ///< the tick number
        ReturnedRole,                 ///< the call's return value
        NarratedRole,                 ///< bool: the lesson says something at this tick
        QuestionRole,                 ///< bool: the lesson asks a question about this tick
        SummaryRole,                  ///< "accept, recv, send"
    };

    explicit TimelineModel(Session *session, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;

    /// The ticks the lesson's script plans (drawn as not yet recorded).
    int plannedTicks() const;
    /// Rows before this one are ticks a program at full speed dropped (no marks, no data).
    int firstKept() const { return m_first; }
    /// One sentence saying ticks before `first` were dropped.
    static QString droppedNote(int first);
    static QString markNames(int marks);

signals:
    /// The trace dropped its oldest ticks; rows before `first` have no data now.
    void droppedChanged(int first);

private:
    void reset();
    void appended(qsizetype index);
    int marksOf(qsizetype index) const;

    QPointer<Session> m_session;
    QList<int> m_marks; ///< cached per kept row (from m_first): the strip repaints often
    int m_rows = 0;
    int m_first = 0; ///< the trace's firstKept()
};

} // namespace gui
