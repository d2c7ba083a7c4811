#include "SyscallLogModel.h"

#include "Session.h"
#include "trace/TickFormat.h"

#include <QFontDatabase>
#include <QGuiApplication>

#include <algorithm>

namespace gui {

SyscallLogModel::SyscallLogModel(Session *session, QObject *parent)
    : QAbstractTableModel(parent), m_session(session)
{
    connect(session, &Session::sessionReset, this, &SyscallLogModel::reset);
    connect(session, &Session::tickAppended, this, &SyscallLogModel::appended);
    connect(session, &Session::cursorChanged, this, &SyscallLogModel::cursorMoved);
    connect(session, &Session::langChanged, this, [this] {
        emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
        if (!m_rows.isEmpty())
            emit dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
    });
    reset();
}

void SyscallLogModel::setTheme(const Theme &theme)
{
    m_theme = theme;
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1),
                         {Qt::BackgroundRole, Qt::ForegroundRole});
}

QList<SyscallLogModel::Row> SyscallLogModel::rowsOf(qsizetype i) const
{
    const mux::Trace &trace = *m_session->trace();
    const mux::TickRecord &t = trace.at(i);
    QList<Row> rows;
    // In the order things happened: the clients act, then the call, then the server handles
    // what came back and the clients read its replies (TickRecord::actionsBeforeCall).
    auto addAction = [&](const mux::Action &a) {
        const bool client = a.actor == mux::Action::Actor::Client;
        // The client's name goes in its own column; the call reads as strace prints it.
        QString text = mux::format::action(a, t.backend, {});
        if (client) // drop format's "client0: " prefix: the name has its own column
            text = text.mid(QStringLiteral("client%1: ").arg(a.client).size());
        rows.append({.tick = i,
                     .client = client ? a.client : -1,
                     .text = text,
                     .isCall = false,
                     .remote = a.site == mux::Site::Remote});
    };
    const qsizetype beforeCall = std::clamp<qsizetype>(t.actionsBeforeCall, 0, t.actions.size());
    for (qsizetype k = 0; k < beforeCall; ++k)
        addAction(t.actions[k]);
    if (t.kind == mux::TickRecord::Kind::Setup) {
        rows.append({i, -1, QString(), true});
    } else {
        QString line = mux::format::call(t, trace.interestAt(i)) + mux::format::returned(t);
        rows.append({i, -1, line, true});
    }
    for (qsizetype k = beforeCall; k < t.actions.size(); ++k)
        addAction(t.actions[k]);
    rows.first().first = true;
    return rows;
}

QString SyscallLogModel::textOf(const Row &r) const
{
    if (!r.isCall)
        return r.text;
    const mux::TickRecord &t = m_session->trace()->at(r.tick);
    if (t.kind == mux::TickRecord::Kind::Setup)
        return tr("# setup");
    // With no timeout a real call cannot return 0: step mode returned because no client
    // could act. "timeout" there would teach a wrong fact about select(..., None).
    if (t.ret == 0 && !t.err)
        return r.text + QStringLiteral("   # ") +
               (t.timeoutMs < 0 ? tr("nothing ready (a real call would still be waiting)")
                                : tr("timeout"));
    return r.text;
}

QString SyscallLogModel::whoOf(const Row &r) const
{
    // The program is the server, except in a lesson whose program is a client: there the
    // server is the lesson's other process.
    const mux::Lesson *lesson = m_session->lesson();
    if (r.client < 0 && !r.remote && lesson && lesson->programIsClient())
        return tr("program");
    if (r.client < 0)
        return tr("server");
    return tr("client %1").arg(m_session->clientNames().value(r.client, QString::number(r.client)));
}

void SyscallLogModel::reset()
{
    beginResetModel();
    m_rows.clear();
    m_firstRow.clear();
    m_cursor = m_session ? m_session->cursor() : -1;
    m_firstTick = 0;
    if (const mux::Trace *t = m_session ? m_session->trace() : nullptr)
        for (qsizetype i = m_firstTick = t->firstKept(); i < t->size(); ++i) {
            m_firstRow.append(int(m_rows.size()));
            m_rows += rowsOf(i);
        }
    endResetModel();
}

void SyscallLogModel::dropOlderThan(qsizetype firstKept)
{
    if (firstKept <= m_firstTick)
        return;
    const qsizetype ticks = std::min<qsizetype>(firstKept - m_firstTick, m_firstRow.size());
    const int rows = ticks < m_firstRow.size() ? m_firstRow[ticks] : int(m_rows.size());
    if (rows > 0) {
        beginRemoveRows({}, 0, rows - 1);
        m_rows.remove(0, rows);
    }
    m_firstRow.remove(0, ticks);
    for (int &r : m_firstRow)
        r -= rows;
    if (m_firstRow.isEmpty())
        m_firstTick = firstKept;
    else
        m_firstTick += ticks;
    if (rows > 0)
        endRemoveRows();
}

void SyscallLogModel::appended(qsizetype index)
{
    // A program at full speed keeps only the newest ticks: the log keeps their lines only.
    dropOlderThan(m_session->trace()->firstKept());
    const qsizetype next = m_firstTick + m_firstRow.size();
    if (index < next)
        return;
    QList<Row> rows;
    for (qsizetype i = next; i <= index; ++i)
        rows += rowsOf(i);
    if (rows.isEmpty())
        return;
    const int first = int(m_rows.size());
    beginInsertRows({}, first, first + int(rows.size()) - 1);
    int at = first;
    for (qsizetype i = next; i <= index; ++i) {
        m_firstRow.append(at);
        while (at < first + rows.size() && rows[at - first].tick == i)
            ++at;
    }
    m_rows += rows;
    endInsertRows();
}

void SyscallLogModel::cursorMoved(qsizetype index)
{
    const qsizetype old = m_cursor;
    m_cursor = index;
    if (m_rows.isEmpty())
        return;
    // Rows from the lower of the two ticks to the end change colour (highlight and future).
    const int from = firstRowOf(std::min(old < 0 ? index : old, index));
    if (from >= 0)
        emit dataChanged(this->index(from, 0), this->index(int(m_rows.size()) - 1, ColumnCount - 1),
                         {Qt::BackgroundRole, Qt::ForegroundRole});
}

int SyscallLogModel::firstRowOf(qsizetype tickIndex) const
{
    if (tickIndex >= 0 && tickIndex < m_firstTick && !m_rows.isEmpty())
        return 0; // dropped: the log starts at its first kept tick
    const qsizetype k = tickIndex - m_firstTick;
    return k >= 0 && k < m_firstRow.size() ? m_firstRow[k] : -1;
}

int SyscallLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int SyscallLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SyscallLogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &r = m_rows[index.row()];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TickColumn:
            return r.first ? QVariant(m_session->trace()->at(r.tick).tick) : QVariant();
        case WhoColumn:
            return whoOf(r);
        case CallColumn:
            return r.isCall ? textOf(r) : QStringLiteral("    ") + r.text;
        }
        return {};
    case Qt::ToolTipRole:
        return textOf(r);
    case Qt::FontRole: {
        if (index.column() != CallColumn)
            return {};
        // Follows the application font, so zooming scales the log with everything else.
        QFont f = QFontDatabase::systemFont(QFontDatabase::FixedFont);
        f.setPointSizeF(QGuiApplication::font().pointSizeF());
        f.setBold(r.isCall);
        return f;
    }
    case Qt::BackgroundRole:
        if (r.tick == m_cursor) {
            QColor c = m_theme.cursor();
            c.setAlphaF(m_theme.highContrast ? 0.45 : 0.16);
            return c;
        }
        return {};
    case Qt::ForegroundRole:
        if (r.tick > m_cursor)
            return m_theme.mutedText();
        return {};
    case TickIndexRole:
        return r.tick;
    case IsCallRole:
        return r.isCall;
    }
    return {};
}

QVariant SyscallLogModel::headerData(int section, Qt::Orientation o, int role) const
{
    if (o != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TickColumn:
        return tr("Tick");
    case WhoColumn:
        return tr("Who");
    case CallColumn:
        return tr("Call (strace form)");
    }
    return {};
}

} // namespace gui
