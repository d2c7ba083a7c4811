#include "DockPane.h"

#include <QStyleOptionDockWidget>
#include <QStylePainter>

namespace gui {

DockPane *DockPane::make(QWidget *window, const QString &name, QWidget *content)
{
    auto *d = new DockPane(window);
    d->setObjectName(name);
    d->setWidget(content);
    d->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetClosable |
                   QDockWidget::DockWidgetFloatable);
    return d;
}

void DockPane::paintEvent(QPaintEvent *e)
{
    // Floating docks get the window manager's title; a custom title bar paints itself.
    if (isFloating() || titleBarWidget()) {
        QDockWidget::paintEvent(e);
        return;
    }
    QStylePainter p(this);
    QStyleOptionDockWidget title;
    initStyleOption(&title);
    title.fontMetrics = fontMetrics();
    p.setFont(font());
    p.drawControl(QStyle::CE_DockWidgetTitle, title);
}

} // namespace gui
