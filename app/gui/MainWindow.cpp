#include "MainWindow.h"

#include "CallDelegate.h"
#include "ClientsModel.h"
#include "ClientsPane.h"
#include "DockPane.h"
#include "Exporter.h"
#include "LessonsModel.h"
#include "LessonsView.h"
#include "MessageBar.h"
#include "NarrationPane.h"
#include "PortBanner.h"
#include "PythonModel.h"
#include "QueuesModel.h"
#include "QuizBox.h"
#include "ScalingChart.h"
#include "Session.h"
#include "SocketsModel.h"
#include "SyscallLogModel.h"
#include "TickView.h"
#include "TickViewModel.h"
#include "TimelineModel.h"
#include "TimelineView.h"

#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDockWidget>
#include <QFileDialog>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QListView>
#include <QMenuBar>
#include <QMessageBox>
#include <QScreen>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QSlider>
#include <QStandardItemModel>
#include <QStatusBar>
#include <QStyleFactory>
#include <QTableView>
#include <QToolBar>
#include <QTreeView>
#include <QVBoxLayout>

namespace gui {

namespace {

// Ticks per second at each notch of the speed slider.
constexpr double kSpeeds[] = {0.5, 1, 2, 3, 5, 10, 20, 50};
constexpr int kSpeedCount = int(std::size(kSpeeds));
constexpr qreal kPresenterZoom = 1.6;

QTableView *makeTable(QWidget *parent)
{
    auto *t = new QTableView(parent);
    t->verticalHeader()->hide();
    t->horizontalHeader()->setStretchLastSection(true);
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    t->setWordWrap(false);
    t->setAlternatingRowColors(true);
    return t;
}

} // namespace

MainWindow::MainWindow(const Config &config, QWidget *parent)
    : QMainWindow(parent), m_config(config), m_session(new Session(this)),
      m_actions(new Actions(this))
{
    setObjectName(QStringLiteral("muxlabMainWindow"));
    m_session->setObjectName(QStringLiteral("session"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/muxlab.svg")));
    m_basePointSize =
        QApplication::font().pointSizeF() > 0 ? QApplication::font().pointSizeF() : 10;
    m_session->setUseLessonPorts(config.useLessonPorts);

    m_tickModel = new TickViewModel(this);
    m_timelineModel = new TimelineModel(m_session, this);
    m_logModel = new SyscallLogModel(m_session, this);
    m_socketsModel = new SocketsModel(this);
    m_clientsModel = new ClientsModel(m_session, this);
    m_queuesModel = new QueuesModel(m_session, this);
    m_pythonModel = new PythonModel(m_session, this);
    m_lessonsModel = new LessonsModel(this);

    buildPanes();
    buildMenus();
    buildToolBar();
    connectSession();
    buildClassPane();
    buildScalingPane();
    m_runTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_runTimer, &QTimer::timeout, this, &MainWindow::onRunTick);

    loadSettings(config);
    retranslate();
    applyTheme();
    for (const QString &problem : m_lessonsModel->loadErrors())
        error(tr("A lesson file could not be read and was left out: %1").arg(problem));
}

MainWindow::~MainWindow()
{
    m_runTimer.stop();
}

void MainWindow::buildPanes()
{
    // Centre: message bar, the tick view, the timeline.
    auto *centre = new QWidget(this);
    auto *v = new QVBoxLayout(centre);
    v->setContentsMargins(0, 0, 0, 0);
    v->setSpacing(0);
    m_message = new MessageBar(centre);
    auto *portBanner = new PortBanner(m_session, centre);
    m_tickView = new TickView;
    m_tickView->setObjectName(QStringLiteral("tickView"));
    m_tickView->setModel(m_tickModel);
    m_tickScroll = new QScrollArea(centre);
    m_tickScroll->setWidget(m_tickView);
    m_tickScroll->setWidgetResizable(true);
    m_tickScroll->setFrameShape(QFrame::NoFrame);
    m_tickScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_timelineView = new TimelineView(centre);
    m_timelineView->setObjectName(QStringLiteral("timeline"));
    m_timelineView->setModel(m_timelineModel);
    v->addWidget(m_message);
    v->addWidget(portBanner);
    v->addWidget(m_tickScroll, 1);
    v->addWidget(m_timelineView);
    setCentralWidget(centre);
    connect(m_timelineView, &TimelineView::tickClicked, m_session, &Session::setCursor);
    connect(m_timelineView, &TimelineView::replayRequested, this, [this](qsizetype i) {
        m_runTimer.stop();
        m_session->replayTo(i);
    });

    // Left: the lesson navigator.
    m_lessonsView = new LessonsView(this);
    m_lessonsView->setObjectName(QStringLiteral("lessons"));
    m_lessonsView->setModel(m_lessonsModel);
    m_lessonsView->expandAll();
    connect(m_lessonsView, &QTreeView::clicked, this, [this](const QModelIndex &i) {
        const QString id = i.data(LessonsModel::LessonIdRole).toString();
        if (!id.isEmpty() && id != m_session->title())
            openLesson(id);
    });
    connect(m_lessonsView, &QTreeView::activated, this, [this](const QModelIndex &i) {
        const QString id = i.data(LessonsModel::LessonIdRole).toString();
        if (!id.isEmpty() && id != m_session->title())
            openLesson(id);
    });
    m_lessonsDock = DockPane::make(this, QStringLiteral("lessonsDock"), m_lessonsView);
    addDockWidget(Qt::LeftDockWidgetArea, m_lessonsDock);

    // Right: narration with its question, the Python program.
    m_narration = new NarrationPane(m_session, m_lessonsModel);
    m_narration->setObjectName(QStringLiteral("narration"));
    m_narration->quiz()->setRemembered(m_config.useSettings);
    connect(m_narration, &NarrationPane::nextLessonRequested, this,
            [this](const QString &id) { openLesson(id); });
    auto *narrationScroll = new QScrollArea(this);
    narrationScroll->setWidget(m_narration);
    narrationScroll->setWidgetResizable(true);
    narrationScroll->setFrameShape(QFrame::NoFrame);
    m_narrationDock = DockPane::make(this, QStringLiteral("narrationDock"), narrationScroll);
    addDockWidget(Qt::RightDockWidgetArea, m_narrationDock);

    m_pythonView = new QListView(this);
    m_pythonView->setObjectName(QStringLiteral("python"));
    m_pythonView->setModel(m_pythonModel);
    m_pythonView->setSelectionMode(QAbstractItemView::NoSelection);
    m_pythonView->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    m_pythonDock = DockPane::make(this, QStringLiteral("pythonDock"), m_pythonView);
    addDockWidget(Qt::RightDockWidgetArea, m_pythonDock);

    // Bottom: the syscall log, sockets, clients, queues — tabbed.
    m_logView = makeTable(this);
    m_logView->setObjectName(QStringLiteral("syscallLog"));
    m_logView->setModel(m_logModel);
    m_logView->setAlternatingRowColors(false);
    m_logView->setItemDelegateForColumn(SyscallLogModel::CallColumn, new CallDelegate(m_logView));
    m_logDock = DockPane::make(this, QStringLiteral("logDock"), m_logView);
    addDockWidget(Qt::BottomDockWidgetArea, m_logDock);

    m_socketsView = makeTable(this);
    m_socketsView->setObjectName(QStringLiteral("sockets"));
    m_socketsView->setModel(m_socketsModel);
    m_socketsDock = DockPane::make(this, QStringLiteral("socketsDock"), m_socketsView);
    addDockWidget(Qt::BottomDockWidgetArea, m_socketsDock);

    m_clientsPane = new ClientsPane(m_session, m_clientsModel);
    m_clientsPane->setObjectName(QStringLiteral("clients"));
    connect(m_clientsPane, &ClientsPane::stepRequested, this, [this] {
        m_session->goLive();
        m_session->stepForward();
    });
    m_clientsDock = DockPane::make(this, QStringLiteral("clientsDock"), m_clientsPane);
    addDockWidget(Qt::BottomDockWidgetArea, m_clientsDock);

    auto *queues = new QWidget(this);
    auto *ql = new QVBoxLayout(queues);
    ql->setContentsMargins(0, 0, 0, 0);
    m_queuesView = makeTable(queues);
    m_queuesView->setObjectName(QStringLiteral("queues"));
    m_queuesView->setModel(m_queuesModel);
    m_queuesEmpty = new QLabel(queues);
    m_queuesEmpty->setWordWrap(true);
    m_queuesEmpty->setContentsMargins(8, 4, 8, 4);
    ql->addWidget(m_queuesEmpty);
    ql->addWidget(m_queuesView, 1);
    m_queuesDock = DockPane::make(this, QStringLiteral("queuesDock"), queues);
    addDockWidget(Qt::BottomDockWidgetArea, m_queuesDock);

    tabifyDockWidget(m_logDock, m_clientsDock);
    tabifyDockWidget(m_clientsDock, m_socketsDock);
    tabifyDockWidget(m_socketsDock, m_queuesDock);
    m_logDock->raise();
    // The side panes run the full height; the bottom tabs sit under the tick view only.
    setCorner(Qt::BottomLeftCorner, Qt::LeftDockWidgetArea);
    setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea);

    m_status = new QLabel(this);
    statusBar()->addWidget(m_status, 1);
}

QList<QWidget *> MainWindow::panes() const
{
    return {m_tickView,    m_timelineView, m_narration,  m_pythonView,  m_logView,
            m_socketsView, m_clientsPane,  m_queuesView, m_lessonsView, m_scalingChart};
}

QList<QDockWidget *> MainWindow::secondaryDocks() const
{
    return {m_lessonsDock, m_logDock, m_socketsDock, m_clientsDock, m_queuesDock};
}

void MainWindow::buildMenus()
{
    Actions &a = *m_actions;
    m_fileMenu = menuBar()->addMenu(QString());
    m_fileMenu->addActions({a.openTrace, a.saveTrace});
    m_fileMenu->addSeparator();
    m_fileMenu->addActions({a.exportPng, a.exportSvg});
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(a.quit);

    m_tickMenu = menuBar()->addMenu(QString());
    m_tickMenu->addActions({a.step, a.run, a.back, a.forward, a.live, a.jumpTo});
    m_tickMenu->addSeparator();
    m_tickMenu->addActions({a.restart, a.replayHere});

    m_lessonMenu = menuBar()->addMenu(QString());
    m_lessonMenu->addAction(a.firstLesson);
    m_backendMenu = m_lessonMenu->addMenu(QString());
    m_backendMenu->addActions(a.backends->actions());
    m_lessonMenu->addSeparator();
    m_lessonMenu->addAction(a.lessonPorts);

    m_viewMenu = menuBar()->addMenu(QString());
    m_viewMenu->addActions({a.presenter, a.zoomIn, a.zoomOut, a.zoomReset, a.animate});
    m_viewMenu->addSeparator();
    m_langMenu = m_viewMenu->addMenu(QString());
    m_langMenu->addActions(a.langs->actions());
    m_viewMenu->addSeparator();
    for (QDockWidget *d : {m_lessonsDock, m_narrationDock, m_pythonDock, m_logDock, m_socketsDock,
                           m_clientsDock, m_queuesDock})
        m_viewMenu->addAction(d->toggleViewAction());

    m_helpMenu = menuBar()->addMenu(QString());
    m_helpMenu->addAction(a.about);

    connect(a.step, &QAction::triggered, this, [this] { m_session->stepForward(); });
    connect(a.forward, &QAction::triggered, this, [this] { m_session->stepForward(); });
    connect(a.back, &QAction::triggered, this, [this] {
        m_actions->run->setChecked(false);
        m_session->stepBack();
    });
    connect(a.live, &QAction::triggered, m_session, &Session::goLive);
    connect(a.run, &QAction::toggled, this, [this](bool on) {
        if (on)
            m_runTimer.start(int(1000 / kSpeeds[m_speedLevel]));
        else
            m_runTimer.stop();
    });
    connect(a.restart, &QAction::triggered, this, [this] {
        m_actions->run->setChecked(false);
        m_session->restart();
    });
    connect(a.replayHere, &QAction::triggered, this, [this] {
        m_actions->run->setChecked(false);
        m_session->replayTo(m_session->cursor());
    });
    connect(a.jumpTo, &QAction::triggered, this, &MainWindow::jumpToTick);
    connect(a.openTrace, &QAction::triggered, this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Open a saved trace"), QString(), tr("muxlab traces (*.json);;All files (*)"));
        if (!path.isEmpty())
            openTrace(path);
    });
    connect(a.saveTrace, &QAction::triggered, this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Save the trace"), m_session->title() + QStringLiteral(".json"),
            tr("muxlab traces (*.json)"));
        if (!path.isEmpty())
            saveTrace(path);
    });
    connect(a.exportPng, &QAction::triggered, this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Export the tick as PNG"),
            QStringLiteral("%1-tick%2.png").arg(m_session->title()).arg(m_tickModel->tickNumber()),
            tr("PNG pictures (*.png)"));
        if (!path.isEmpty())
            exportPng(path);
    });
    connect(a.exportSvg, &QAction::triggered, this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Export the tick as SVG"),
            QStringLiteral("%1-tick%2.svg").arg(m_session->title()).arg(m_tickModel->tickNumber()),
            tr("SVG drawings (*.svg)"));
        if (!path.isEmpty())
            exportSvg(path);
    });
    connect(a.quit, &QAction::triggered, this, &QWidget::close);
    connect(a.zoomIn, &QAction::triggered, this, [this] { setZoom(m_zoom * 1.15); });
    connect(a.zoomOut, &QAction::triggered, this, [this] { setZoom(m_zoom / 1.15); });
    connect(a.zoomReset, &QAction::triggered, this, [this] { setZoom(1.0); });
    connect(a.presenter, &QAction::toggled, this, &MainWindow::setPresenter);
    connect(a.animate, &QAction::toggled, m_tickView, &TickView::setAnimated);
    connect(a.lessonPorts, &QAction::toggled, this, [this](bool on) {
        m_session->setUseLessonPorts(on);
        notice(on ? tr("At the next restart the lesson listens on its own ports, so the documents' "
                       "clients can connect.")
                  : tr("At the next restart the lesson listens on ports the system chooses."));
    });
    connect(a.langEn, &QAction::triggered, this, [this] { setLanguage(QStringLiteral("en")); });
    connect(a.langZh, &QAction::triggered, this, [this] { setLanguage(QStringLiteral("zh")); });
    connect(a.backends, &QActionGroup::triggered, this,
            [this](QAction *act) { setBackend(act->data().toString()); });
    connect(a.firstLesson, &QAction::triggered, this,
            [this] { openLesson(m_lessonsModel->firstLessonId()); });
    connect(a.about, &QAction::triggered, this, &MainWindow::showAbout);
    // Window-wide shortcuts work whichever pane has focus.
    for (QAction *act : findChildren<QAction *>(Qt::FindDirectChildrenOnly))
        addAction(act);
}

void MainWindow::buildToolBar()
{
    Actions &a = *m_actions;
    m_toolBar = addToolBar(QString());
    m_toolBar->setObjectName(QStringLiteral("transport"));
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_toolBar->setMovable(false);
    const QStyle *s = style();
    a.back->setIcon(s->standardIcon(QStyle::SP_MediaSeekBackward));
    a.step->setIcon(s->standardIcon(QStyle::SP_MediaSkipForward));
    a.run->setIcon(s->standardIcon(QStyle::SP_MediaPlay));
    a.live->setIcon(s->standardIcon(QStyle::SP_MediaSeekForward));
    a.restart->setIcon(s->standardIcon(QStyle::SP_BrowserReload));
    a.openTrace->setIcon(s->standardIcon(QStyle::SP_DialogOpenButton));
    a.saveTrace->setIcon(s->standardIcon(QStyle::SP_DialogSaveButton));
    m_toolBar->addActions({a.back, a.step, a.run});
    // Step is the one button a new learner needs: make it the one that stands out.
    if (QWidget *w = m_toolBar->widgetForAction(a.step)) {
        QFont f; // only the weight is set, so the size still follows the zoom
        f.setBold(true);
        w->setFont(f);
        w->setObjectName(QStringLiteral("stepButton"));
    }
    m_speed = new QSlider(Qt::Horizontal, m_toolBar);
    m_speed->setRange(0, kSpeedCount - 1);
    m_speed->setPageStep(1);
    m_speed->setFixedWidth(110);
    m_speedLabel = new QLabel(m_toolBar);
    m_speedLabel->setMinimumWidth(fontMetrics().horizontalAdvance(QStringLiteral("00 ticks/s  ")));
    m_toolBar->addWidget(m_speed);
    m_toolBar->addWidget(m_speedLabel);
    connect(m_speed, &QSlider::valueChanged, this, &MainWindow::setSpeed);
    m_toolBar->addActions({a.live, a.restart});
    m_toolBar->addSeparator();
    auto *backend = m_backendCombo = new QComboBox(m_toolBar);
    backend->setObjectName(QStringLiteral("backendCombo"));
    for (QAction *act : a.backends->actions())
        backend->addItem(act->text(), act->data());
    m_toolBar->addWidget(backend);
    connect(backend, &QComboBox::activated, this,
            [this, backend](int i) { setBackend(backend->itemData(i).toString()); });
    connect(a.backends, &QActionGroup::triggered, backend,
            [backend](QAction *act) { backend->setCurrentIndex(backend->findData(act->data())); });
    m_toolBar->addSeparator();
    m_toolBar->addAction(a.presenter);
    auto *lang = new QComboBox(m_toolBar);
    lang->setObjectName(QStringLiteral("langCombo"));
    lang->addItem(QStringLiteral("English"), QStringLiteral("en"));
    lang->addItem(QStringLiteral("中文"), QStringLiteral("zh"));
    m_toolBar->addWidget(lang);
    connect(lang, &QComboBox::activated, this,
            [this, lang](int i) { setLanguage(lang->itemData(i).toString()); });
    connect(m_session, &Session::langChanged, lang,
            [lang](const QString &l) { lang->setCurrentIndex(lang->findData(l)); });
}

void MainWindow::connectSession()
{
    connect(m_session, &Session::cursorChanged, this, &MainWindow::onCursorChanged);
    connect(m_session, &Session::sessionReset, this, [this] {
        syncBackendChoice();
        const QModelIndex li = m_lessonsModel->indexOf(m_session->title());
        if (li.isValid())
            m_lessonsView->setCurrentIndex(li);
        m_message->hide();
        updateTitle();
    });
    connect(m_session, &Session::errorRaised, this, &MainWindow::error);
    connect(m_session, &Session::noticeRaised, this, &MainWindow::notice);
    connect(m_session, &Session::pendingChanged, this,
            [this] { m_clientsModel->refresh(m_snapshot); });
}

void MainWindow::error(const QString &sentence)
{
    m_message->show(MessageBar::Kind::Error, sentence);
}

void MainWindow::notice(const QString &sentence)
{
    m_message->show(MessageBar::Kind::Notice, sentence);
}

bool MainWindow::openLesson(const QString &id, const QString &backendName)
{
    m_actions->run->setChecked(false);
    // A lesson lists the backend it is about first (poll-server: poll); open it there.
    const mux::Lesson *l = m_lessonsModel->lesson(id);
    mux::Backend backend = l && !l->backends.isEmpty() ? l->backends.first() : mux::Backend::Select;
    if (const auto asked = mux::backendFromName(backendName))
        backend = *asked;
    return m_session->openLesson(id, backend);
}

bool MainWindow::setBackend(const QString &name)
{
    const auto backend = mux::backendFromName(name);
    if (!backend) {
        error(tr("There is no backend called \"%1\": use select, poll, epoll or epoll-et.")
                  .arg(name));
        return false;
    }
    if (m_session->hasEngine() && m_session->backend() == *backend)
        return true;
    m_actions->run->setChecked(false);
    if (!m_session->lesson()) {
        for (QAction *a : m_actions->backends->actions())
            a->setChecked(a->data().toString() == name);
        return true;
    }
    const bool ok = m_session->setBackend(*backend);
    syncBackendChoice(); // refused: the box goes back to the backend that runs
    return ok;
}

void MainWindow::syncBackendChoice()
{
    const mux::Lesson *l = m_session->lesson();
    const QString running = mux::backendName(m_session->backend());
    auto *list = qobject_cast<QListView *>(m_backendCombo->view());
    for (QAction *a : m_actions->backends->actions()) {
        const auto b = mux::backendFromName(a->data().toString());
        // Only what the lesson runs on is offered; a saved trace keeps its own backend.
        const bool offered = l && b && l->backends.contains(*b);
        a->setVisible(offered || !l);
        a->setChecked(a->data().toString() == running);
        const int row = m_backendCombo->findData(a->data());
        if (list && row >= 0)
            list->setRowHidden(row, l && !offered);
        // Disabled too, so the mouse wheel and arrow keys on the closed box skip it.
        if (auto *items = qobject_cast<QStandardItemModel *>(m_backendCombo->model()))
            if (QStandardItem *item = items->item(row))
                item->setEnabled(offered || !l);
    }
    m_backendCombo->setCurrentIndex(m_backendCombo->findData(running));
}

void MainWindow::setLanguage(const QString &lang)
{
    if (!m_language.set(lang)) {
        error(tr("The Chinese translation could not be loaded, so the window stays in English."));
        return;
    }
    (lang == QLatin1String("zh") ? m_actions->langZh : m_actions->langEn)->setChecked(true);
    m_session->setLang(lang);
    m_lessonsModel->setLang(lang);
    // The posted LanguageChange events reach the widgets later; the models change now.
    retranslate();
}

void MainWindow::changeEvent(QEvent *e)
{
    if (e->type() == QEvent::LanguageChange)
        retranslate();
    QMainWindow::changeEvent(e);
}

void MainWindow::retranslate()
{
    m_actions->retranslate();
    m_fileMenu->setTitle(tr("&File"));
    m_tickMenu->setTitle(tr("&Tick"));
    m_lessonMenu->setTitle(tr("&Lesson"));
    m_backendMenu->setTitle(tr("&Backend"));
    m_viewMenu->setTitle(tr("&View"));
    m_langMenu->setTitle(tr("&Language"));
    m_helpMenu->setTitle(tr("&Help"));
    m_toolBar->setWindowTitle(tr("Transport"));
    m_lessonsDock->setWindowTitle(tr("Lessons"));
    m_narrationDock->setWindowTitle(tr("Lesson"));
    m_pythonDock->setWindowTitle(tr("Python program"));
    m_logDock->setWindowTitle(tr("Syscall log"));
    m_socketsDock->setWindowTitle(tr("Sockets"));
    m_clientsDock->setWindowTitle(tr("Clients"));
    m_queuesDock->setWindowTitle(tr("Message queues"));
    m_scalingDock->setWindowTitle(tr("Cost per call"));
    m_scalingChart->retranslate();
    m_speed->setToolTip(tr("Run speed"));
    m_backendCombo->setToolTip(
        tr("The multiplexing call the server makes; switching restarts the lesson"));
    setSpeed(m_speedLevel);
    m_socketsModel->retranslate();
    retranslateClassPane();
    sizeColumns();
    refreshSnapshot();
    updateTitle();
}

void MainWindow::updateTitle()
{
    const mux::Lesson *l = m_session->lesson();
    QString title = QStringLiteral("muxlab");
    if (l && m_session->hasEngine())
        title =
            QStringLiteral("%1 — %2 (%3) — muxlab")
                .arg(l->title.in(m_session->lang()), l->id, mux::backendName(m_session->backend()));
    else if (!m_session->title().isEmpty())
        title = tr("%1 (saved trace) — muxlab").arg(m_session->title());
    setWindowTitle(title);
}

void MainWindow::onCursorChanged(qsizetype index)
{
    Q_UNUSED(index);
    refreshSnapshot();
}

void MainWindow::refreshSnapshot()
{
    const mux::Trace *trace = m_session->trace();
    const qsizetype i = m_session->cursor();
    m_snapshot =
        trace && i >= 0 && i < trace->size() ? TickSnapshot::build(*trace, i) : TickSnapshot();
    m_tickModel->setSnapshot(m_snapshot);
    m_socketsModel->setSnapshot(m_snapshot);
    feedLiveProbes();
    m_clientsModel->refresh(m_snapshot);
    m_queuesModel->refresh(m_snapshot);
    showScalingTick(trace, i);
    m_queuesEmpty->setText(m_queuesModel->emptyReason());
    m_queuesEmpty->setVisible(!m_queuesModel->emptyReason().isEmpty());
    m_timelineView->setCursor(i);
    // Centred, so the lines around the action show too and a pane that is still settling
    // its size (presenter mode, a dock being dragged) does not leave the lit line cut off.
    if (const int row = m_pythonModel->firstActionRow(); row >= 0)
        m_pythonView->scrollTo(m_pythonModel->index(row), QAbstractItemView::PositionAtCenter);
    if (const int row = m_logModel->firstRowOf(i); row >= 0) {
        // Show the whole tick: its last row first, then its call line at the top if it fits.
        const int last = m_logModel->firstRowOf(i + 1) > 0 ? m_logModel->firstRowOf(i + 1) - 1
                                                           : m_logModel->rowCount() - 1;
        m_logView->scrollTo(m_logModel->index(last, 0));
        m_logView->scrollTo(m_logModel->index(row, 0), QAbstractItemView::PositionAtTop);
    }
    updateActions();
}

void MainWindow::updateActions()
{
    const bool has = !m_session->isEmpty();
    const bool engine = m_session->hasEngine();
    const qsizetype cursor = m_session->cursor();
    m_actions->step->setEnabled(has && (engine || !m_session->atEnd()));
    m_actions->forward->setEnabled(has && (engine || !m_session->atEnd()));
    m_actions->back->setEnabled(has && cursor > 0);
    m_actions->live->setEnabled(has && !m_session->atEnd());
    m_actions->run->setEnabled(has);
    m_actions->restart->setEnabled(engine);
    m_actions->replayHere->setEnabled(engine);
    m_actions->saveTrace->setEnabled(has);
    m_actions->exportPng->setEnabled(has);
    m_actions->exportSvg->setEnabled(has);
    m_actions->jumpTo->setEnabled(has);
    m_actions->backends->setEnabled(m_session->lesson() != nullptr);

    if (!has) {
        m_status->setText(tr("Pick a lesson on the left to begin."));
        return;
    }
    const mux::Trace *t = m_session->trace();
    const quint32 tick = t->at(cursor).tick;
    const quint32 newest = t->last().tick;
    QString where;
    if (m_session->isLive())
        where = tr("tick %1 — live: F10 runs the next tick").arg(tick);
    else if (engine)
        where = tr("tick %1 of %2 recorded — history: F10 moves forward, Ctrl+End returns to live")
                    .arg(tick)
                    .arg(newest);
    else
        where = tr("tick %1 of %2 — saved trace").arg(tick).arg(newest);
    m_status->setText(where);
}

void MainWindow::onRunTick()
{
    if (m_session->isEmpty() || (!m_session->hasEngine() && m_session->atEnd())) {
        m_actions->run->setChecked(false);
        return;
    }
    m_session->stepForward();
    // Pause where a class should stop and think: before a question, and at the script's end.
    const mux::Lesson *l = m_session->lesson();
    if (!l || !m_session->isLive())
        return;
    const quint32 tick = m_session->trace()->last().tick;
    const mux::LessonStep *next = l->stepAt(tick + 1);
    if (next && next->question) {
        m_actions->run->setChecked(false);
        notice(tr("Paused before tick %1: predict which sockets come back ready, then press Step "
                  "(F10).")
                   .arg(tick + 1));
    } else if (tick == l->ticks) {
        m_actions->run->setChecked(false);
        notice(tr("The lesson's script has ended; the server keeps running if you go on."));
    }
}

void MainWindow::setSpeed(int level)
{
    m_speedLevel = std::clamp(level, 0, kSpeedCount - 1);
    if (m_speed->value() != m_speedLevel)
        m_speed->setValue(m_speedLevel);
    m_speedLabel->setText(tr("%1 ticks/s").arg(kSpeeds[m_speedLevel]));
    if (m_runTimer.isActive())
        m_runTimer.setInterval(int(1000 / kSpeeds[m_speedLevel]));
}

void MainWindow::jumpToTick()
{
    const mux::Trace *t = m_session->trace();
    if (!t || t->isEmpty())
        return;
    bool ok = false;
    const int tick = QInputDialog::getInt(
        this, tr("Jump to tick"), tr("Tick number (0 to %1):").arg(t->last().tick),
        int(t->at(m_session->cursor()).tick), 0, int(t->last().tick), 1, &ok);
    if (!ok)
        return;
    for (qsizetype i = 0; i < t->size(); ++i)
        if (t->at(i).tick == quint32(tick)) {
            m_session->setCursor(i);
            return;
        }
}

void MainWindow::setZoom(qreal factor)
{
    m_zoom = std::clamp(factor, 0.6, 3.0);
    // One application font: every pane, menu and table follows it, the paint views included.
    QFont f = QApplication::font();
    f.setPointSizeF(m_basePointSize * m_zoom);
    QApplication::setFont(f);
    const int icon = int(std::round(22 * m_zoom));
    m_toolBar->setIconSize(QSize(icon, icon));
    m_speed->setFixedWidth(int(110 * m_zoom));
    m_speedLabel->setMinimumWidth(
        QFontMetrics(f).horizontalAdvance(QStringLiteral("00 ticks/s  ")));
    // Table rows are as tall as the style's default, not the font's; keep them snug.
    for (QTableView *t : {m_logView, m_socketsView, m_queuesView, m_clientsPane->table()})
        t->verticalHeader()->setDefaultSectionSize(QFontMetrics(f).height() + 6);
    sizeColumns();
}

void MainWindow::sizeColumns()
{
    // Fixed widths from the font, not ResizeToContents: that measures every row of a log that
    // grows by hundreds of rows a tick.
    const QFontMetrics fm(QApplication::font());
    const int who = std::max(
        {fm.horizontalAdvance(
             m_logModel->headerData(SyscallLogModel::WhoColumn, Qt::Horizontal).toString()),
         fm.horizontalAdvance(SyscallLogModel::tr("server")),
         fm.horizontalAdvance(SyscallLogModel::tr("client %1").arg(QStringLiteral("WW")))});
    m_logView->setColumnWidth(SyscallLogModel::TickColumn,
                              fm.horizontalAdvance(QStringLiteral("00000")) + 12);
    m_logView->setColumnWidth(SyscallLogModel::WhoColumn, who + 16);
    // A whole loopback address with its port: the port is what tells two conns apart.
    const int address = fm.horizontalAdvance(QStringLiteral("127.0.0.1:65535")) + 16;
    m_socketsView->setColumnWidth(SocketsModel::LocalColumn, address);
    m_socketsView->setColumnWidth(SocketsModel::PeerColumn, address);
    m_socketsView->setColumnWidth(SocketsModel::StateColumn,
                                  fm.horizontalAdvance(QStringLiteral("ESTABLISHED")) + 16);
}

void MainWindow::applyTheme()
{
    QApplication::setPalette(m_theme.palette());
    m_tickView->setTheme(m_theme);
    m_timelineView->setTheme(m_theme);
    m_logModel->setTheme(m_theme);
    m_pythonModel->setTheme(m_theme);
    m_socketsModel->setTheme(m_theme);
    m_narration->setTheme(m_theme);
    m_message->setTheme(m_theme);
    m_scalingChart->setTheme(m_theme);
}

void MainWindow::setPresenter(bool on)
{
    if (on == m_presenter)
        return;
    m_presenter = on;
    if (m_actions->presenter->isChecked() != on)
        m_actions->presenter->setChecked(on);
    if (on) {
        m_stateBeforePresenter = saveState();
        m_zoomBeforePresenter = m_zoom;
        m_wasMaximized = isMaximized();
        for (QDockWidget *d : secondaryDocks())
            d->hide();
        m_theme.highContrast = true;
        applyTheme();
        setZoom(std::max(m_zoom, kPresenterZoom));
        showFullScreen();
        // Without a window manager (a bare X server, some projector setups) full screen is
        // only a hint: take the screen's geometry ourselves.
        if (QScreen *s = screen()) {
            setGeometry(s->geometry());
            // The class reads the narration and its question; the program is a glance.
            const int h = s->geometry().height();
            resizeDocks({m_narrationDock, m_pythonDock}, {int(h * 0.7), int(h * 0.3)},
                        Qt::Vertical);
            giveScalingRoom();
        }
        notice(tr("Presenter mode: F10 steps, Space runs, F5 leaves."));
    } else {
        m_theme.highContrast = false;
        applyTheme();
        setZoom(m_zoomBeforePresenter);
        restoreState(m_stateBeforePresenter);
        showNormal();
        if (m_wasMaximized)
            showMaximized();
        m_message->hide();
    }
}

bool MainWindow::exportPng(const QString &path)
{
    if (auto r = Exporter::png(*m_tickView, path); !r) {
        error(r.error().text);
        return false;
    }
    statusBar()->showMessage(tr("Saved %1").arg(path), 5000);
    return true;
}

bool MainWindow::exportSvg(const QString &path)
{
    if (auto r = Exporter::svg(*m_tickView, path, windowTitle()); !r) {
        error(r.error().text);
        return false;
    }
    statusBar()->showMessage(tr("Saved %1").arg(path), 5000);
    return true;
}

bool MainWindow::saveTrace(const QString &path)
{
    const mux::Trace *t = m_session->trace();
    if (!t) {
        error(tr("There is no trace to save yet: open a lesson and step first."));
        return false;
    }
    if (auto r = t->save(path); !r) {
        error(tr("The trace could not be saved to %1: %2").arg(path, r.error().text));
        return false;
    }
    statusBar()->showMessage(tr("Saved %1").arg(path), 5000);
    return true;
}

bool MainWindow::openTrace(const QString &path)
{
    m_actions->run->setChecked(false);
    return m_session->openTrace(path);
}

void MainWindow::showAbout()
{
    QMessageBox::about(
        this, tr("About muxlab"),
        tr("<p><b>muxlab</b> %1</p><p>A playground for I/O multiplexing: a real TCP server and "
           "simulated clients on this machine, with every select, poll and epoll call shown "
           "as one tick.</p><p>Everything you see was measured from the running kernel.</p>")
            .arg(QCoreApplication::applicationVersion()));
}

void MainWindow::loadSettings(const Config &config)
{
    QSettings s;
    const bool use = config.useSettings;
    auto value = [&](const char *key, const QVariant &fallback) {
        return use ? s.value(QLatin1String(key), fallback) : fallback;
    };
    if (use) {
        restoreGeometry(s.value(QStringLiteral("window/geometry")).toByteArray());
        restoreState(s.value(QStringLiteral("window/state")).toByteArray());
    }
    if (!use || !s.contains(QStringLiteral("window/geometry"))) {
        // First start: fill the screen, with the side panes at a readable width.
        if (QScreen *sc = screen()) {
            const QRect avail = sc->availableGeometry();
            setGeometry(avail);
            resizeDocks({m_lessonsDock, m_narrationDock},
                        {int(avail.width() * 0.16), int(avail.width() * 0.3)}, Qt::Horizontal);
            resizeDocks({m_logDock}, {int(avail.height() * 0.25)}, Qt::Vertical);
            // The narration holds the question a learner answers before stepping; it gets
            // room for all of it at 768 px, the program keeps ten lines around the lit one.
            resizeDocks({m_narrationDock, m_pythonDock},
                        {int(avail.height() * 0.68), int(avail.height() * 0.32)}, Qt::Vertical);
        }
    }
    setSpeed(value("run/speed", 2).toInt());
    m_actions->animate->setChecked(value("view/animate", true).toBool());
    const bool ports = config.useLessonPorts && value("run/lessonPorts", true).toBool();
    m_actions->lessonPorts->setChecked(ports);
    m_session->setUseLessonPorts(ports);
    setZoom(value("view/zoom", 1.0).toReal());

    const QString lang =
        !config.lang.isEmpty() ? config.lang : value("view/lang", QStringLiteral("en")).toString();
    setLanguage(lang);

    QString lesson = config.lesson;
    if (lesson.isEmpty())
        lesson = value("run/lesson", QString()).toString();
    if (lesson.isEmpty() || !m_lessonsModel->indexOf(lesson).isValid()) {
        if (!config.lesson.isEmpty()) // asked for by name and not found: say so, open the first
            error(tr("There is no lesson called \"%1\"; the first lesson is open instead.")
                      .arg(config.lesson));
        lesson = m_lessonsModel->firstLessonId();
    }
    if (!lesson.isEmpty())
        openLesson(lesson, config.backend);
}

void MainWindow::saveSettings()
{
    if (!m_config.useSettings)
        return;
    QSettings s;
    if (m_presenter) // remember the teacher's own layout, not the projector's
        setPresenter(false);
    s.setValue(QStringLiteral("window/geometry"), saveGeometry());
    s.setValue(QStringLiteral("window/state"), saveState());
    s.setValue(QStringLiteral("run/speed"), m_speedLevel);
    s.setValue(QStringLiteral("view/animate"), m_actions->animate->isChecked());
    s.setValue(QStringLiteral("run/lessonPorts"), m_actions->lessonPorts->isChecked());
    s.setValue(QStringLiteral("view/zoom"), m_zoom);
    s.setValue(QStringLiteral("view/lang"), m_language.current());
    if (m_session->hasEngine())
        s.setValue(QStringLiteral("run/lesson"), m_session->title());
}

void MainWindow::closeEvent(QCloseEvent *e)
{
    m_runTimer.stop();
    saveSettings();
    e->accept();
}

int runGui(const cli::Options &options)
{
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/muxlab.svg")));
    // Only what was typed counts, so a remembered language is not overridden by a default.
    MainWindow::Config config;
    config.lesson = options.lesson;
    config.backend = options.backend; // empty: the lesson's first
    config.lang = options.langGiven ? options.lang : QString();
    // MUXLAB_EPHEMERAL_PORTS=1: let the kernel pick ports (screenshots, several windows at once).
    config.useLessonPorts = qEnvironmentVariableIntValue("MUXLAB_EPHEMERAL_PORTS") == 0;
    MainWindow w(config);
    w.show();
    // Without a window manager (a bare X server driving a projector) nobody activates the
    // window, and then F10 and Space, window shortcuts, do nothing. Ask for it ourselves.
    w.activateWindow();
    // MUXLAB_STEP_AT_START=N steps N ticks once the window is up (screenshots, demos);
    // MUXLAB_PRESENTER=1 starts in presenter mode.
    const int steps = qEnvironmentVariableIntValue("MUXLAB_STEP_AT_START");
    const bool presenter = qEnvironmentVariableIntValue("MUXLAB_PRESENTER") != 0;
    // MUXLAB_RAISE=clients|sockets|queues|log brings that tab to the front (screenshots).
    const QString raise = qEnvironmentVariable("MUXLAB_RAISE");
    QTimer::singleShot(0, &w, [&w, steps, presenter, raise] {
        if (presenter)
            w.setPresenter(true);
        for (QDockWidget *d : w.findChildren<QDockWidget *>())
            if (!raise.isEmpty() && d->objectName() == raise + QStringLiteral("Dock"))
                d->raise();
        for (int i = 0; i < steps; ++i)
            w.session()->stepForward();
    });
    return QApplication::exec();
}

} // namespace gui
