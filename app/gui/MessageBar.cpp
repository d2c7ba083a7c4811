#include "MessageBar.h"

#include <QHBoxLayout>

namespace gui {

MessageBar::MessageBar(QWidget *parent) : QFrame(parent)
{
    setObjectName(QStringLiteral("messageBar"));
    setAutoFillBackground(true);
    m_text = new QLabel(this);
    m_text->setObjectName(QStringLiteral("messageText"));
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_close = new QToolButton(this);
    m_close->setText(QStringLiteral("✕"));
    m_close->setAutoRaise(true);
    m_close->setToolTip(tr("Dismiss"));
    auto *l = new QHBoxLayout(this);
    l->setContentsMargins(10, 6, 6, 6);
    l->addWidget(m_text, 1);
    l->addWidget(m_close);
    connect(m_close, &QToolButton::clicked, this, &QWidget::hide);
    m_autoHide.setSingleShot(true);
    connect(&m_autoHide, &QTimer::timeout, this, &QWidget::hide);
    hide();
}

void MessageBar::show(Kind kind, const QString &sentence)
{
    m_kind = kind;
    m_text->setText(sentence);
    restyle();
    QFrame::show();
    // A notice fades from view after a while; an error stays until it is dismissed or replaced.
    if (kind == Kind::Notice)
        m_autoHide.start(10000);
    else
        m_autoHide.stop();
}

void MessageBar::setTheme(const Theme &theme)
{
    m_theme = theme;
    restyle();
}

void MessageBar::restyle()
{
    QPalette p = palette();
    const bool error = m_kind == Kind::Error;
    if (m_theme.highContrast) {
        p.setColor(QPalette::Window, error ? QColor(0x80, 0, 0) : QColor(0x50, 0x40, 0));
        p.setColor(QPalette::WindowText, Qt::white);
    } else {
        p.setColor(QPalette::Window, error ? QColor(0xfd, 0xe2, 0xe1) : QColor(0xff, 0xf4, 0xce));
        p.setColor(QPalette::WindowText,
                   error ? QColor(0x8a, 0x12, 0x12) : QColor(0x5c, 0x43, 0x00));
    }
    setPalette(p);
    m_text->setPalette(p);
}

} // namespace gui
