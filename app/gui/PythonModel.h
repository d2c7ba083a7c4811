#pragma once

#include "Theme.h"

#include "lesson/Lesson.h"

#include <QAbstractListModel>
#include <QPointer>
#include <QRegularExpression>
#include <QSet>

namespace gui {

class Session;

/// The lesson's own Python program, a row per line, with the lines lit that made the cursor's
/// tick (Lesson::litLines: the `select` line for every call, and the line of each of the
/// server's actions in the branch that made it).
class PythonModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Roles { LitRole = Qt::UserRole + 1, TagRole };

    explicit PythonModel(Session *session, QObject *parent = nullptr);
    void setTheme(const Theme &theme);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;
    /// The tags of the lines lit at the cursor.
    QSet<QString> litTags() const;
    /// The row the view scrolls to (-1: none lit): the first lit line that is not the
    /// multiplexing call itself, the line of what the program did with the result, or the
    /// call's line on a tick that did nothing else.
    int firstActionRow() const;

private:
    void reset();
    void cursorMoved(qsizetype index);
    /// The line's code with each documented port replaced by the one actually bound.
    QString code(const mux::PythonLine &line) const;

    QPointer<Session> m_session;
    QList<int> m_lit;                                      ///< rows lit at the cursor, in order
    QList<std::pair<QRegularExpression, QString>> m_ports; ///< documented port → bound port
    Theme m_theme;
};

} // namespace gui
