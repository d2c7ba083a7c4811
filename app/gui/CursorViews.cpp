#include "CursorViews.h"

#include "CallDelegate.h"
#include "PythonModel.h"
#include "Session.h"
#include "SyscallLogModel.h"

#include <QApplication>
#include <QEvent>
#include <QHeaderView>
#include <QTimer>

namespace gui {

void setUpTable(QTableView *t)
{
    t->verticalHeader()->hide();
    t->horizontalHeader()->setStretchLastSection(true);
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    t->setWordWrap(false);
    t->setAlternatingRowColors(true);
    // Rows as tall as the font, not the style's default: snug at every zoom.
    t->verticalHeader()->setDefaultSectionSize(QFontMetrics(QApplication::font()).height() + 6);
}

LogView::LogView(Session *session, SyscallLogModel *model, QWidget *parent)
    : QTableView(parent), m_session(session), m_model(model)
{
    setObjectName(QStringLiteral("syscallLog"));
    setModel(model);
    setUpTable(this);
    setAlternatingRowColors(false);
    setItemDelegateForColumn(SyscallLogModel::CallColumn, new CallDelegate(this));
    // After the model has its rows for the tick (it follows the same signal).
    connect(session, &Session::cursorChanged, this, &LogView::showCursor, Qt::QueuedConnection);
    sizeToFont();
}

void LogView::changeEvent(QEvent *e)
{
    if (e->type() == QEvent::FontChange || e->type() == QEvent::LanguageChange)
        sizeToFont();
    QTableView::changeEvent(e);
}

void LogView::showCursor()
{
    const qsizetype i = m_session->cursor();
    const int row = m_model->firstRowOf(i);
    if (row < 0)
        return;
    // Show the whole tick: its last row first, then its first row at the top if it fits.
    const int next = m_model->firstRowOf(i + 1);
    const int last = next > 0 ? next - 1 : m_model->rowCount() - 1;
    scrollTo(m_model->index(last, 0));
    scrollTo(m_model->index(row, 0), QAbstractItemView::PositionAtTop);
}

void LogView::sizeToFont()
{
    const QFontMetrics fm(QApplication::font());
    verticalHeader()->setDefaultSectionSize(fm.height() + 6);
    const int who = std::max(
        {fm.horizontalAdvance(
             m_model->headerData(SyscallLogModel::WhoColumn, Qt::Horizontal).toString()),
         fm.horizontalAdvance(SyscallLogModel::tr("server")),
         fm.horizontalAdvance(SyscallLogModel::tr("client %1").arg(QStringLiteral("WW")))});
    // Seven digits: a program at full speed passes a million ticks.
    setColumnWidth(SyscallLogModel::TickColumn,
                   fm.horizontalAdvance(QStringLiteral("0000000")) + 12);
    setColumnWidth(SyscallLogModel::WhoColumn, who + 16);
}

ProgramView::ProgramView(Session *session, PythonModel *model, QWidget *parent)
    : QListView(parent), m_model(model)
{
    setObjectName(QStringLiteral("python"));
    setModel(model);
    setSelectionMode(QAbstractItemView::NoSelection);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    // Centred, so the lines around the action show too and a pane that is still settling
    // its size (presenter mode, a dock being dragged) does not leave the lit line cut off.
    connect(
        session, &Session::cursorChanged, this,
        [this] {
            if (const int row = m_model->firstActionRow(); row >= 0)
                scrollTo(m_model->index(row), QAbstractItemView::PositionAtCenter);
        },
        Qt::QueuedConnection);
}

} // namespace gui
