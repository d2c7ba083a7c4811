#pragma once

#include <QDockWidget>

namespace gui {

/// A dock whose title follows the zoom. QDockWidget keeps the title font it had when it was
/// created (QApplication::font("QDockWidgetTitle") at construction) and draws the title with
/// it for as long as the dock's own font is the default, so Ctrl+= and presenter mode left
/// every pane's title at its first size: unreadable on a projector. This one draws the title
/// in the dock's current font; the title bar's height already follows that font.
class DockPane : public QDockWidget {
    Q_OBJECT
public:
    using QDockWidget::QDockWidget;
    /// A pane of `window` showing `content`: movable, closable and floatable, named `name` so
    /// the window's saved layout finds it again.
    static DockPane *make(QWidget *window, const QString &name, QWidget *content);

protected:
    void paintEvent(QPaintEvent *e) override;
};

} // namespace gui
