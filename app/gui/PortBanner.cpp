#include "PortBanner.h"

#include "Session.h"

#include <QEvent>

namespace gui {

PortBanner::PortBanner(Session *session, QWidget *parent) : QLabel(parent), m_session(session)
{
    setObjectName(QStringLiteral("portBanner"));
    setWordWrap(true);
    setTextInteractionFlags(Qt::TextSelectableByMouse);
    setContentsMargins(12, 6, 12, 6);
    // A warning's colours in either theme; the size follows the zoom (x-large in the text).
    setStyleSheet(QStringLiteral("QLabel#portBanner { background: #fff3cd; color: #4a3000; }"));
    connect(session, &Session::sessionReset, this, &PortBanner::retranslate);
    retranslate();
}

void PortBanner::changeEvent(QEvent *e)
{
    if (e->type() == QEvent::LanguageChange)
        retranslate();
    QLabel::changeEvent(e);
}

void PortBanner::retranslate()
{
    const QList<mux::net::Endpoint> bound = m_session->listeners();
    const QList<quint16> documented = m_session->documentedPorts();
    if (!m_session->portsMoved() || bound.isEmpty() || documented.isEmpty()) {
        hide();
        return;
    }
    QStringList where;
    for (const mux::net::Endpoint &e : bound)
        where.append(e.toString());
    setText(QStringLiteral("<span style=\"font-size:x-large\">%1</span>")
                .arg(tr("Port %1 was taken, so this lesson listens on <b>%2</b>: connect there.")
                         .arg(documented.first())
                         .arg(where.join(QStringLiteral(", ")))));
    show();
}

} // namespace gui
