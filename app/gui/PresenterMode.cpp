#include "PresenterMode.h"

#include "MainWindow.h"
#include "ScalingDock.h"

#include <QAction>
#include <QDockWidget>
#include <QMenuBar>
#include <QScreen>
#include <QToolBar>

namespace gui {

namespace {

// What stays on the projector beside the tick: the lesson, and the scaling lesson's chart,
// which is that lesson's picture. Everything else is the teacher's.
bool keptInPresenter(const QDockWidget *d)
{
    return d->objectName() == QLatin1String("narrationDock") ||
           d->objectName() == QLatin1String("scalingDock");
}

} // namespace

PresenterMode::PresenterMode(MainWindow *window, QAction *toggle)
    : QObject(window), m_window(window), m_toggle(toggle)
{
    connect(toggle, &QAction::toggled, this, &PresenterMode::set);
}

void PresenterMode::set(bool on)
{
    if (on == m_on)
        return;
    m_on = on;
    if (m_toggle->isChecked() != on)
        m_toggle->setChecked(on);
    MainWindow &w = *m_window;
    if (on) {
        m_stateBefore = w.saveState();
        m_zoomBefore = w.zoom();
        m_wasMaximized = w.isMaximized();
        m_menuBarWasVisible = !w.menuBar()->isHidden();
        for (QDockWidget *d : w.findChildren<QDockWidget *>())
            if (!keptInPresenter(d))
                d->hide();
        // The shortcuts stay: every action is the window's own, not only the bars'.
        for (QToolBar *bar : w.findChildren<QToolBar *>(Qt::FindDirectChildrenOnly))
            bar->hide();
        w.menuBar()->hide();
        w.setHighContrast(true);
        w.setZoom(std::max(w.zoom(), kZoom));
        w.showFullScreen();
        // Without a window manager (a bare X server, some projector setups) full screen is
        // only a hint: take the screen's geometry ourselves.
        if (QScreen *s = w.screen()) {
            w.setGeometry(s->geometry());
            // The lesson beside the tick: wide enough for its question at a large zoom, the
            // tick keeps the larger part.
            if (auto *narration = w.findChild<QDockWidget *>(QStringLiteral("narrationDock")))
                w.resizeDocks({narration}, {int(s->geometry().width() * kLessonShare)},
                              Qt::Horizontal);
            if (auto *scaling = w.findChild<ScalingDock *>())
                scaling->giveRoom(true);
        }
        emit notice(tr("Presenter mode: F10 steps, Space runs, F5 leaves."));
    } else {
        w.setHighContrast(false);
        w.setZoom(m_zoomBefore);
        w.restoreState(m_stateBefore);
        w.menuBar()->setVisible(m_menuBarWasVisible);
        w.showNormal();
        if (m_wasMaximized)
            w.showMaximized();
    }
}

} // namespace gui
