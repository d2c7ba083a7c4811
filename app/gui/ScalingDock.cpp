#include "ScalingDock.h"

#include "ScalingChart.h"
#include "Session.h"

#include <QAction>
#include <QMainWindow>
#include <QTimer>

namespace gui {

ScalingDock::ScalingDock(Session *session, QMainWindow *window)
    : DockPane(window), m_session(session), m_window(window), m_chart(new ScalingChart)
{
    m_chart->setObjectName(QStringLiteral("scalingChart"));
    setObjectName(QStringLiteral("scalingDock"));
    setWidget(m_chart);
    setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetClosable |
                QDockWidget::DockWidgetFloatable);
    hide();
    toggleViewAction()->setVisible(false);
    connect(session, &Session::sessionReset, this, &ScalingDock::onReset);
    connect(session, &Session::cursorChanged, this, [this](qsizetype index) {
        if (m_open)
            m_chart->showTick(m_session->trace(), index);
    });
}

void ScalingDock::onReset()
{
    m_chart->reset();
    const mux::Lesson *l = m_session->lesson();
    const bool scaling = l && l->program == QLatin1String("scaling");
    toggleViewAction()->setVisible(scaling);
    if (!scaling) // also when a remembered window layout had it open
        hide();
    if (scaling != m_open) { // a restart or another backend keeps the layout the user made
        m_open = scaling;
        if (scaling) {
            show();
            // Raised once the tab bar has its tab: at start-up the window is not laid out yet.
            QTimer::singleShot(0, this, &QWidget::raise);
            giveRoom(m_window->isFullScreen());
        }
    }
    if (m_open)
        m_chart->showTick(m_session->trace(), m_session->cursor());
}

void ScalingDock::giveRoom(bool presenter)
{
    // Its decades must be readable from the back of a room; the tick view keeps the rest.
    if (m_open)
        m_window->resizeDocks({this}, {int(m_window->height() * (presenter ? 0.5 : 0.45))},
                              Qt::Vertical);
}

} // namespace gui
