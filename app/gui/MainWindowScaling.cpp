// MainWindow's part for the `scaling` lesson: its chart as a bottom tab, there only while a
// lesson run by the scaling program is open (any other lesson measures nothing to plot).
#include "MainWindow.h"

#include "DockPane.h"
#include "ScalingChart.h"
#include "Session.h"

#include <QMenu>
#include <QTimer>

namespace gui {

void MainWindow::buildScalingPane()
{
    m_scalingChart = new ScalingChart;
    m_scalingChart->setObjectName(QStringLiteral("scalingChart"));
    m_scalingDock = DockPane::make(this, QStringLiteral("scalingDock"), m_scalingChart);
    addDockWidget(Qt::BottomDockWidgetArea, m_scalingDock);
    tabifyDockWidget(m_classDock, m_scalingDock);
    m_scalingDock->hide();
    m_scalingDock->toggleViewAction()->setVisible(false);
    m_viewMenu->addAction(m_scalingDock->toggleViewAction());
    m_logDock->raise();
    connect(m_session, &Session::sessionReset, this, [this] {
        m_scalingChart->reset();
        updateScalingPane();
    });
}

void MainWindow::updateScalingPane()
{
    const mux::Lesson *l = m_session->lesson();
    const bool scaling = l && l->program == QLatin1String("scaling");
    m_scalingDock->toggleViewAction()->setVisible(scaling);
    if (!scaling) // also when a remembered window layout had it open
        m_scalingDock->hide();
    if (scaling == m_scalingOpen)
        return; // a restart or another backend keeps the layout the user made
    m_scalingOpen = scaling;
    if (scaling) {
        m_scalingDock->show();
        // Raised once the tab bar has its tab: at start-up the window is not laid out yet.
        QTimer::singleShot(0, m_scalingDock, &QWidget::raise);
        giveScalingRoom();
    }
}

void MainWindow::giveScalingRoom()
{
    // The chart is what this lesson is about, and its decades must be readable from the back
    // of a room: about half the height, the tick view keeps the rest.
    if (m_scalingOpen)
        resizeDocks({m_scalingDock}, {int(height() * (m_presenter ? 0.5 : 0.45))}, Qt::Vertical);
}

void MainWindow::showScalingTick(const mux::Trace *trace, qsizetype index)
{
    if (m_scalingOpen)
        m_scalingChart->showTick(trace, index);
}

} // namespace gui
