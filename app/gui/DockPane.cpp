#include "DockPane.h"

#include <QStyleOptionDockWidget>
#include <QStylePainter>

namespace gui {

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
