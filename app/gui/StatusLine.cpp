#include "StatusLine.h"

#include "Session.h"

#include <QEvent>

namespace gui {

StatusLine::StatusLine(Session *session, QWidget *parent) : QLabel(parent), m_session(session)
{
    setObjectName(QStringLiteral("statusLine"));
    connect(session, &Session::sessionReset, this, &StatusLine::refresh);
    connect(session, &Session::cursorChanged, this, &StatusLine::refresh);
    connect(session, &Session::langChanged, this, &StatusLine::refresh);
    refresh();
}

void StatusLine::changeEvent(QEvent *e)
{
    if (e->type() == QEvent::LanguageChange)
        refresh();
    QLabel::changeEvent(e);
}

void StatusLine::refresh()
{
    if (m_session->isEmpty()) {
        setText(m_session->hasProgram()
                    ? tr("The program is running; its first select, poll or epoll call is tick 1.")
                    : tr("Pick a lesson on the left to begin."));
        return;
    }
    const mux::Trace *t = m_session->trace();
    const quint32 tick = t->at(m_session->cursor()).tick;
    const quint32 newest = t->last().tick;
    if (m_session->makesTicks() && m_session->atEnd())
        setText(tr("tick %1 — live: F10 runs the next tick").arg(tick));
    else if (m_session->makesTicks())
        setText(tr("tick %1 of %2 recorded — history: F10 moves forward, Ctrl+End returns to live")
                    .arg(tick)
                    .arg(newest));
    else
        setText(tr("tick %1 of %2 — saved trace").arg(tick).arg(newest));
}

} // namespace gui
