#include "PythonModel.h"

#include "Session.h"

#include <QFontDatabase>
#include <QGuiApplication>

#include <algorithm>

namespace gui {

PythonModel::PythonModel(Session *session, QObject *parent)
    : QAbstractListModel(parent), m_session(session)
{
    connect(session, &Session::sessionReset, this, &PythonModel::reset);
    connect(session, &Session::cursorChanged, this, &PythonModel::cursorMoved);
    reset();
}

void PythonModel::setTheme(const Theme &theme)
{
    m_theme = theme;
    if (rowCount())
        emit dataChanged(index(0), index(rowCount() - 1));
}

void PythonModel::reset()
{
    beginResetModel();
    m_lit.clear();
    // The program shows the port it really bound: when the lesson's own port was taken, the
    // class must read the one that works.
    m_ports.clear();
    if (m_session->portsMoved()) {
        const QList<quint16> documented = m_session->documentedPorts();
        const QList<mux::net::Endpoint> bound = m_session->listeners();
        for (qsizetype i = 0; i < std::min(documented.size(), bound.size()); ++i)
            m_ports.append({QRegularExpression(QStringLiteral("\\b%1\\b").arg(documented[i])),
                            QString::number(bound[i].port)});
    }
    endResetModel();
    cursorMoved(m_session->cursor());
}

void PythonModel::cursorMoved(qsizetype i)
{
    QList<int> lit;
    const mux::Trace *t = m_session->trace();
    const mux::Lesson *lesson = m_session->lesson();
    if (t && lesson && i >= 0 && i < t->size())
        lit = lesson->litLines(t->at(i));
    if (lit == m_lit)
        return;
    m_lit = lit;
    if (rowCount())
        emit dataChanged(index(0), index(rowCount() - 1));
}

QSet<QString> PythonModel::litTags() const
{
    QSet<QString> tags;
    for (int r : m_lit)
        tags.insert(m_session->lesson()->python[r].tag);
    return tags;
}

int PythonModel::firstActionRow() const
{
    for (int r : m_lit)
        if (m_session->lesson()->python[r].tag != QLatin1String("select"))
            return r;
    return m_lit.value(0, -1);
}

QString PythonModel::code(const mux::PythonLine &line) const
{
    QString text = line.code;
    for (const auto &[documented, bound] : m_ports)
        text.replace(documented, bound);
    return text;
}

int PythonModel::rowCount(const QModelIndex &parent) const
{
    const mux::Lesson *l = m_session ? m_session->lesson() : nullptr;
    return parent.isValid() || !l ? 0 : int(l->python.size());
}

QVariant PythonModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const mux::PythonLine &line = m_session->lesson()->python[index.row()];
    const bool lit = m_lit.contains(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return QStringLiteral("%1  %2").arg(index.row() + 1, 2).arg(code(line));
    case Qt::ToolTipRole:
        if (line.tag.contains(QLatin1Char('@')))
            return tr("This line performs: %1 (branch: %2)")
                .arg(line.tag.section(QLatin1Char('@'), 0, 0),
                     line.tag.section(QLatin1Char('@'), 1));
        return line.tag.isEmpty() ? QString() : tr("This line performs: %1").arg(line.tag);
    case Qt::FontRole: {
        QFont f = QFontDatabase::systemFont(QFontDatabase::FixedFont);
        f.setPointSizeF(QGuiApplication::font().pointSizeF());
        f.setBold(lit);
        return f;
    }
    case Qt::BackgroundRole:
        if (lit) {
            QColor c = m_theme.readyMark();
            c.setAlphaF(m_theme.highContrast ? 0.55 : 0.30);
            return c;
        }
        return {};
    case LitRole:
        return lit;
    case TagRole:
        return line.tag;
    }
    return {};
}

QVariant PythonModel::headerData(int section, Qt::Orientation o, int role) const
{
    if (role == Qt::DisplayRole && o == Qt::Horizontal && section == 0)
        return tr("Python");
    return {};
}

} // namespace gui
