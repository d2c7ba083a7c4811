#pragma once

#include <QByteArray>
#include <QObject>

class QAction;

namespace gui {

class MainWindow;

/// Presenter mode (F5) for a projector: full screen, larger, high contrast, the secondary
/// panes hidden so the lesson sits beside the tick. Leaving it puts back the teacher's own
/// layout and zoom.
class PresenterMode : public QObject {
    Q_OBJECT
public:
    PresenterMode(MainWindow *window, QAction *toggle);

    bool isOn() const { return m_on; }
    void set(bool on);

    /// The zoom presenter mode starts at, at least.
    static constexpr qreal kZoom = 1.6;

signals:
    void notice(const QString &sentence);

private:
    MainWindow *m_window;
    QAction *m_toggle;
    bool m_on = false;
    qreal m_zoomBefore = 1.0;
    QByteArray m_stateBefore;
    bool m_wasMaximized = false;
};

} // namespace gui
