// Where each of the window's panes sits and what it shows: the tick view and the timeline in
// the centre, the lessons on the left, narration and program on the right, the tabs below.
#include "MainWindow.h"

#include "ClassPane.h"
#include "ClientsModel.h"
#include "ClientsPane.h"
#include "CursorViews.h"
#include "DockPane.h"
#include "ExternalWatch.h"
#include "LessonsModel.h"
#include "LessonsView.h"
#include "MessageBar.h"
#include "NarrationPane.h"
#include "PortBanner.h"
#include "ProgramEditor.h"
#include "ProgramFiles.h"
#include "ProgramPane.h"
#include "PythonModel.h"
#include "QueuesModel.h"
#include "QueuesPane.h"
#include "QuizBox.h"
#include "ScalingChart.h"
#include "ScalingDock.h"
#include "Session.h"
#include "SocketsModel.h"
#include "StatusLine.h"
#include "SyscallLogModel.h"
#include "TickView.h"
#include "TickViewModel.h"
#include "TimelineModel.h"
#include "TimelineView.h"
#include "TraceFiles.h"

#include <QScrollArea>
#include <QStackedWidget>
#include <QStatusBar>
#include <QVBoxLayout>

namespace gui {

QDockWidget *MainWindow::addPane(Qt::DockWidgetArea area, const char *name, QWidget *content)
{
    QDockWidget *d = DockPane::make(this, QLatin1String(name), content);
    addDockWidget(area, d);
    return d;
}

void MainWindow::buildPanes()
{
    // Centre: message bar, the port the lesson really listens on when its own was taken,
    // the tick view, the timeline.
    auto *centre = new QWidget(this);
    auto *v = new QVBoxLayout(centre);
    v->setContentsMargins(0, 0, 0, 0);
    v->setSpacing(0);
    m_message = new MessageBar(centre);
    m_tickView = new TickView;
    m_tickView->setObjectName(QStringLiteral("tickView"));
    auto *watch = new ExternalWatch(m_session, this);
    auto *tickModel = new TickViewModel(m_session, this);
    tickModel->followWaiting(watch);
    m_tickView->setModel(tickModel);
    auto *tickScroll = new QScrollArea(centre);
    tickScroll->setWidget(m_tickView);
    tickScroll->setWidgetResizable(true);
    tickScroll->setFrameShape(QFrame::NoFrame);
    tickScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    auto *timeline = new TimelineView(centre);
    timeline->setObjectName(QStringLiteral("timeline"));
    timeline->setModel(new TimelineModel(m_session, this));
    v->addWidget(m_message);
    v->addWidget(new PortBanner(m_session, centre));
    v->addWidget(tickScroll, 1);
    v->addWidget(timeline);
    setCentralWidget(centre);
    connect(timeline, &TimelineView::tickClicked, m_session, &Session::setCursor);
    connect(m_session, &Session::cursorChanged, timeline, &TimelineView::setCursor);
    connect(timeline, &TimelineView::replayRequested, m_session, &Session::replayTo);

    // Left: the lesson navigator.
    auto *lessons = new LessonsView(this);
    lessons->setObjectName(QStringLiteral("lessons"));
    lessons->setModel(m_lessonsModel);
    lessons->expandAll();
    for (auto signal : {&QTreeView::clicked, &QTreeView::activated})
        connect(lessons, signal, this, [this](const QModelIndex &i) {
            const QString id = i.data(LessonsModel::LessonIdRole).toString();
            if (!id.isEmpty() && id != m_session->title())
                openLesson(id);
        });
    addPane(Qt::LeftDockWidgetArea, "lessonsDock", lessons);

    // Right: narration with its quiz, the lesson's program.
    auto *narration = new NarrationPane(m_session, m_lessonsModel);
    narration->setObjectName(QStringLiteral("narration"));
    narration->quiz()->setRemembered(m_config.useSettings);
    connect(narration, &NarrationPane::nextLessonRequested, this,
            [this](const QString &id) { openLesson(id); });
    auto *narrationScroll = new QScrollArea(this);
    narrationScroll->setWidget(narration);
    narrationScroll->setWidgetResizable(true);
    narrationScroll->setFrameShape(QFrame::NoFrame);
    // A real program (File ▸ Open program…) has its own pane and its source in their place.
    auto *programPane = new ProgramPane(m_session);
    programPane->setObjectName(QStringLiteral("programStatus"));
    auto *lessonStack = new QStackedWidget(this);
    lessonStack->setObjectName(QStringLiteral("lessonStack"));
    lessonStack->addWidget(narrationScroll);
    lessonStack->addWidget(programPane);
    addPane(Qt::RightDockWidgetArea, "narrationDock", lessonStack);
    auto *python = new PythonModel(m_session, this);
    auto *editor = new ProgramEditor(m_session);
    editor->setObjectName(QStringLiteral("programSource"));
    connect(editor, &ProgramEditor::failed, this, &MainWindow::error);
    connect(editor, &ProgramEditor::saved, this, [this](const QString &path) {
        statusBar()->showMessage(tr("Saved %1").arg(path), 5000);
    });
    auto *sourceStack = new QStackedWidget(this);
    sourceStack->setObjectName(QStringLiteral("sourceStack"));
    sourceStack->addWidget(new ProgramView(m_session, python, this));
    sourceStack->addWidget(editor);
    addPane(Qt::RightDockWidgetArea, "pythonDock", sourceStack);

    // Bottom, tabbed: the syscall log, clients, sockets, queues, the class, the scaling chart.
    auto *log = new SyscallLogModel(m_session, this);
    QDockWidget *logDock =
        addPane(Qt::BottomDockWidgetArea, "logDock", new LogView(m_session, log, this));
    auto *clients = new ClientsPane(m_session, new ClientsModel(m_session, this));
    clients->setObjectName(QStringLiteral("clients"));
    connect(clients, &ClientsPane::stepRequested, this, [this] {
        m_session->goLive();
        m_session->stepForward();
    });
    QDockWidget *clientsDock = addPane(Qt::BottomDockWidgetArea, "clientsDock", clients);
    m_socketsView = new QTableView(this);
    m_socketsView->setObjectName(QStringLiteral("sockets"));
    auto *sockets = new SocketsModel(m_session, watch, this);
    m_socketsView->setModel(sockets);
    setUpTable(m_socketsView);
    QDockWidget *socketsDock = addPane(Qt::BottomDockWidgetArea, "socketsDock", m_socketsView);
    auto *queues = new QueuesPane(new QueuesModel(m_session, this), this);
    QDockWidget *queuesDock = addPane(Qt::BottomDockWidgetArea, "queuesDock", queues);
    auto *classPane = new ClassPane(m_session, watch);
    classPane->setObjectName(QStringLiteral("class"));
    QDockWidget *classDock = addPane(Qt::BottomDockWidgetArea, "classDock", classPane);
    connect(m_actions->connectClient, &QAction::triggered, this, [this, classDock, classPane] {
        if (m_session->hasProgram()) {
            m_programs->openConnectDialog();
            return;
        }
        classDock->show();
        classDock->raise();
        classPane->openConnectDialog();
    });
    auto *scaling = new ScalingDock(m_session, this);
    addDockWidget(Qt::BottomDockWidgetArea, scaling);
    QDockWidget *order[] = {logDock, clientsDock, socketsDock, queuesDock, classDock, scaling};
    for (size_t i = 1; i < std::size(order); ++i)
        tabifyDockWidget(order[i - 1], order[i]);
    logDock->raise();
    // The side panes run the full height; the bottom tabs sit under the tick view only.
    setCorner(Qt::BottomLeftCorner, Qt::LeftDockWidgetArea);
    setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea);

    m_themed = {[this](const Theme &t) { m_tickView->setTheme(t); },
                [timeline](const Theme &t) { timeline->setTheme(t); },
                [log](const Theme &t) { log->setTheme(t); },
                [python](const Theme &t) { python->setTheme(t); },
                [sockets](const Theme &t) { sockets->setTheme(t); },
                [narration](const Theme &t) { narration->setTheme(t); },
                [this](const Theme &t) { m_message->setTheme(t); },
                [scaling](const Theme &t) { scaling->chart()->setTheme(t); },
                [editor](const Theme &t) { editor->setTheme(t); },
                [programPane](const Theme &t) { programPane->setTheme(t); }};
    statusBar()->addWidget(new StatusLine(m_session, this), 1);
    auto *files = new TraceFiles(m_session, m_tickView, *m_actions, this);
    connect(files, &TraceFiles::failed, this, &MainWindow::error);
    m_programs = new ProgramFiles(m_session, m_config.useSettings, this);
    connect(m_programs, &ProgramFiles::failed, this, &MainWindow::error);
    connect(files, &TraceFiles::saved, this, [this](const QString &path) {
        statusBar()->showMessage(tr("Saved %1").arg(path), 5000);
    });
}

} // namespace gui
