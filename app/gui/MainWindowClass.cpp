// MainWindow's part for real external clients and serving a class (issue 5): the class pane
// in the bottom tabs, the "Connect a client" action, and the kernel's between-tick reads fed
// to the sockets table. Kept apart from MainWindow.cpp so that file stays about the panes.
#include "MainWindow.h"

#include "ClassPane.h"
#include "DockPane.h"
#include "ExternalWatch.h"
#include "Session.h"
#include "SocketsModel.h"

#include <QCoreApplication>
#include <QDockWidget>
#include <QMenu>

namespace gui {

void MainWindow::buildClassPane()
{
    m_externalWatch = new ExternalWatch(m_session, this);
    m_classPane = new ClassPane(m_session, m_externalWatch);
    m_classPane->setObjectName(QStringLiteral("class"));
    // Its title follows the zoom, like every other pane.
    m_classDock = DockPane::make(this, QStringLiteral("classDock"), m_classPane);
    addDockWidget(Qt::BottomDockWidgetArea, m_classDock);
    tabifyDockWidget(m_queuesDock, m_classDock);
    m_logDock->raise();

    m_connectClient = new QAction(this);
    m_connectClient->setObjectName(QStringLiteral("connectClient"));
    m_connectClient->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    connect(m_connectClient, &QAction::triggered, this, [this] {
        m_classDock->show();
        m_classDock->raise();
        m_classPane->openConnectDialog();
    });
    m_lessonMenu->addSeparator();
    m_lessonMenu->addAction(m_connectClient);
    m_viewMenu->addAction(m_classDock->toggleViewAction());
    addAction(m_connectClient);

    connect(m_externalWatch, &ExternalWatch::changed, this, &MainWindow::feedLiveProbes);
    // A frozen server runs no tick, so the run timer stops rather than asking every beat.
    connect(m_session, &Session::frozenChanged, this, [this](bool on) {
        if (on)
            m_actions->run->setChecked(false);
    });
}

void MainWindow::retranslateClassPane()
{
    if (!m_classPane)
        return;
    m_classDock->setWindowTitle(tr("Class"));
    m_connectClient->setText(tr("&Connect a client…"));
    m_connectClient->setToolTip(
        tr("Commands to connect nc, telnet, the lesson's Python client or "
           "muxlab's own client to this server, and a button to start one"));
    m_classPane->retranslate();
}

void MainWindow::feedLiveProbes()
{
    if (!m_externalWatch)
        return;
    // Only the newest tick of a live lesson is "now"; history shows what each tick recorded.
    m_socketsModel->setLive(m_session->isLive() ? m_externalWatch->now()
                                                : QHash<int, mux::SocketProbe>());
    // A client that began a frame, a login or an upload holds a slot until it finishes or its
    // deadline passes (issue 6): the table says how long it has. Engine time only moves while
    // the server waits, so a paused lesson never times anyone out.
    QHash<int, QString> deadlines;
    if (m_session->isLive() && m_session->run()) {
        const mux::Server &server = m_session->run()->engine().server();
        for (auto it = server.deadlines().begin(); it != server.deadlines().end(); ++it)
            deadlines.insert(
                it.key(),
                tr("%1 s left to finish: %2")
                    .arg(qMax<qint64>(0, it->atMs - server.nowMs()) / 1000.0, 0, 'f', 1)
                    .arg(QCoreApplication::translate("Deadline", it->why).arg(it->seconds)));
    }
    m_socketsModel->setDeadlines(deadlines);
}

} // namespace gui
