#pragma once

#include "Theme.h"

#include "lesson/Lesson.h"

#include <QAbstractListModel>
#include <QPointer>
#include <QRegularExpression>
#include <QSet>

namespace gui {

class Session;

/// The lesson's own Python program, a row per line, with the lines lit whose tag names a
/// call the cursor's tick made (the `select` line for every call, `accept`, `recv`…).
class PythonModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Roles { LitRole = Qt::UserRole + 1, TagRole };

    explicit PythonModel(Session *session, QObject *parent = nullptr);
    void setTheme(const Theme &theme);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;
    /// The tags lit at the cursor (for tests and the status line).
    QSet<QString> litTags() const { return m_lit; }
    /// The first lit line that is not the multiplexing call itself (-1: none): the line of
    /// what the program did with the result, which the view scrolls to.
    int firstActionRow() const;

private:
    void reset();
    void cursorMoved(qsizetype index);
    /// The line's code with each documented port replaced by the one actually bound.
    QString code(const mux::PythonLine &line) const;

    QPointer<Session> m_session;
    QSet<QString> m_lit;
    QList<std::pair<QRegularExpression, QString>> m_ports; ///< documented port → bound port
    Theme m_theme;
};

} // namespace gui
