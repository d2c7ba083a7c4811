#pragma once

#include <QByteArray>
#include <QObject>

class QAction;

namespace gui {

class MainWindow;

/// Presenter mode (F5) for a projector: full screen, larger, high contrast, and only the lesson
/// beside the tick: the menu bar, the toolbar and every other pane are hidden (the keys keep
/// working). Leaving it puts back the teacher's own layout, bars and zoom.
class PresenterMode : public QObject {
    Q_OBJECT
public:
    PresenterMode(MainWindow *window, QAction *toggle);

    bool isOn() const { return m_on; }
    void set(bool on);

    /// The zoom presenter mode starts at, at least.
    static constexpr qreal kZoom = 1.6;
    /// The lesson pane's share of the screen's width.
    static constexpr qreal kLessonShare = 0.38;

signals:
    void notice(const QString &sentence);

private:
    MainWindow *m_window;
    QAction *m_toggle;
    bool m_on = false;
    qreal m_zoomBefore = 1.0;
    QByteArray m_stateBefore;
    bool m_wasMaximized = false;
    bool m_menuBarWasVisible = true;
};

} // namespace gui
