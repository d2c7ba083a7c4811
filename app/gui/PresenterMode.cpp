#include "PresenterMode.h"

#include "MainWindow.h"
#include "ScalingDock.h"

#include <QAction>
#include <QDockWidget>
#include <QScreen>

namespace gui {

namespace {

// The panes a class does not need to read from the back of the room.
constexpr const char *kSecondaryDocks[] = {"lessonsDock", "logDock",    "socketsDock",
                                           "clientsDock", "queuesDock", "classDock"};

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
        for (const char *name : kSecondaryDocks)
            if (auto *d = w.findChild<QDockWidget *>(QLatin1String(name)))
                d->hide();
        w.setHighContrast(true);
        w.setZoom(std::max(w.zoom(), kZoom));
        w.showFullScreen();
        // Without a window manager (a bare X server, some projector setups) full screen is
        // only a hint: take the screen's geometry ourselves.
        if (QScreen *s = w.screen()) {
            w.setGeometry(s->geometry());
            // The class reads the narration and its question; the program is a glance.
            const int h = s->geometry().height();
            auto *narration = w.findChild<QDockWidget *>(QStringLiteral("narrationDock"));
            auto *program = w.findChild<QDockWidget *>(QStringLiteral("pythonDock"));
            if (narration && program)
                w.resizeDocks({narration, program}, {int(h * 0.7), int(h * 0.3)}, Qt::Vertical);
            if (auto *scaling = w.findChild<ScalingDock *>())
                scaling->giveRoom(true);
        }
        emit notice(tr("Presenter mode: F10 steps, Space runs, F5 leaves."));
    } else {
        w.setHighContrast(false);
        w.setZoom(m_zoomBefore);
        w.restoreState(m_stateBefore);
        w.showNormal();
        if (m_wasMaximized)
            w.showMaximized();
    }
}

} // namespace gui
