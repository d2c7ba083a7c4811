#include "AccessibleNames.h"

#include "TickView.h"

#include <QAbstractSpinBox>
#include <QAccessible>
#include <QDockWidget>
#include <QEvent>
#include <QLineEdit>
#include <QScrollArea>
#include <QTimer>
#include <QWidget>

namespace gui {

namespace {

/// A title or tooltip as a screen reader should say it: first line, no mnemonic.
QString plain(QString text)
{
    text = text.section(QLatin1Char('\n'), 0, 0).trimmed();
    text.remove(QStringLiteral("(&")).remove(QLatin1Char('&'));
    return text;
}

} // namespace

AccessibleNames::AccessibleNames(QWidget *window) : QObject(window), m_window(window)
{
    window->installEventFilter(this);
}

bool AccessibleNames::eventFilter(QObject *watched, QEvent *e)
{
    // The panes retitle on their own LanguageChange: name once they all have.
    if (watched == m_window && !m_queued &&
        (e->type() == QEvent::Show || e->type() == QEvent::LanguageChange)) {
        m_queued = true;
        QTimer::singleShot(0, this, &AccessibleNames::nameAll);
    }
    return QObject::eventFilter(watched, e);
}

void AccessibleNames::nameAll()
{
    m_queued = false;
    if (!m_window)
        return;
    for (QWidget *w : m_window->findChildren<QWidget *>()) {
        if (w->focusPolicy() == Qt::NoFocus)
            continue;
        const auto given = m_given.constFind(w);
        const bool ours = given != m_given.cend() && w->accessibleName() == *given;
        if (!ours && !w->accessibleName().isEmpty())
            continue;
        if (!ours) {
            // Buttons, labels and fields that already read as something keep it.
            QAccessibleInterface *i = QAccessible::queryAccessibleInterface(w);
            if (i && !(i->text(QAccessible::Name).trimmed().isEmpty() &&
                       i->text(QAccessible::Value).trimmed().isEmpty()))
                continue;
        }
        const QString name = nameFor(w);
        if (name.isEmpty())
            continue;
        w->setAccessibleName(name);
        if (!ours)
            connect(w, &QObject::destroyed, this, [this, w] { m_given.remove(w); });
        m_given.insert(w, name);
    }
}

QString AccessibleNames::nameFor(const QWidget *w) const
{
    if (const auto *edit = qobject_cast<const QLineEdit *>(w)) {
        if (!edit->placeholderText().isEmpty())
            return plain(edit->placeholderText());
        if (const auto *spin = qobject_cast<const QAbstractSpinBox *>(w->parentWidget()))
            if (!spin->toolTip().isEmpty())
                return plain(spin->toolTip());
    }
    if (!w->toolTip().isEmpty())
        return plain(w->toolTip());
    if (const auto *scroll = qobject_cast<const QScrollArea *>(w))
        if (qobject_cast<const TickView *>(scroll->widget()))
            return tr("Tick view");
    for (const QWidget *p = w; p; p = p->parentWidget())
        if (const auto *dock = qobject_cast<const QDockWidget *>(p))
            return plain(dock->windowTitle());
    return {};
}

} // namespace gui
