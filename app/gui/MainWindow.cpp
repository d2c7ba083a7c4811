#include "MainWindow.h"

#include "AccessibleNames.h"
#include "ClassPane.h"
#include "LessonsModel.h"
#include "LessonsView.h"
#include "Menus.h"
#include "MessageBar.h"
#include "PresenterMode.h"
#include "ProgramFiles.h"
#include "Session.h"
#include "SocketsModel.h"
#include "TickView.h"
#include "TransportBar.h"
#include "WindowSettings.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QHeaderView>
#include <QInputDialog>
#include <QMenuBar>
#include <QMessageBox>
#include <QStackedWidget>
#include <QTableView>

namespace gui {

MainWindow::MainWindow(const Config &config, QWidget *parent)
    : QMainWindow(parent), m_config(config), m_session(new Session(this)),
      m_actions(new Actions(this)), m_lessonsModel(new LessonsModel(this))
{
    setObjectName(QStringLiteral("muxlabMainWindow"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/muxlab.svg")));
    m_session->setObjectName(QStringLiteral("session"));
    m_session->setUseLessonPorts(config.useLessonPorts);
    m_session->setBindAddress(config.bind);
    m_basePointSize =
        QApplication::font().pointSizeF() > 0 ? QApplication::font().pointSizeF() : 10;

    m_transport = new TransportBar(m_session, *m_actions, this);
    addToolBar(m_transport);
    connect(m_transport, &TransportBar::backendChosen, this, &MainWindow::setBackend);
    connect(m_transport, &TransportBar::languageChosen, this, &MainWindow::setLanguage);
    connect(m_transport, &TransportBar::notice, this, &MainWindow::notice);
    m_presenter = new PresenterMode(this, m_actions->presenter);
    connect(m_presenter, &PresenterMode::notice, this, &MainWindow::notice);
    buildPanes();
    connectActions();
    new AccessibleNames(this);

    connect(m_session, &Session::sessionReset, this, [this] {
        const QModelIndex li = m_lessonsModel->indexOf(m_session->title());
        if (li.isValid())
            findChild<LessonsView *>()->setCurrentIndex(li);
        m_message->hide();
        showProgramPanes();
        m_lessonsModel->setBackend(m_session->backend());
        updateTitle();
    });
    connect(m_session, &Session::errorRaised, this, &MainWindow::error);
    connect(m_session, &Session::noticeRaised, this, &MainWindow::notice);

    WindowSettings::load(*this, config);
    if (!config.program.isEmpty())
        m_programs->open(config.program, config.programDir);
    retranslate();
    applyTheme();
    for (const QString &problem : m_lessonsModel->loadErrors())
        error(tr("A lesson file could not be read and was left out: %1").arg(problem));
}

MainWindow::~MainWindow() = default;

void MainWindow::connectActions()
{
    Actions &a = *m_actions;
    m_menus = new WindowMenus(menuBar(), a, findChildren<QDockWidget *>(), m_session);
    m_menus->addProgramItems(m_programs->openAction(), m_programs->recentMenu());
    addAction(m_programs->openAction());
    connect(a.step, &QAction::triggered, m_session, &Session::stepForward);
    connect(a.forward, &QAction::triggered, m_session, &Session::stepForward);
    connect(a.back, &QAction::triggered, this, [this] {
        m_actions->run->setChecked(false);
        m_session->stepBack();
    });
    connect(a.live, &QAction::triggered, m_session, &Session::goLive);
    connect(a.restart, &QAction::triggered, m_session, &Session::restart);
    connect(a.replayHere, &QAction::triggered, this,
            [this] { m_session->replayTo(m_session->cursor()); });
    connect(a.jumpTo, &QAction::triggered, this, &MainWindow::jumpToTick);
    connect(a.quit, &QAction::triggered, this, &QWidget::close);
    connect(a.zoomIn, &QAction::triggered, this, [this] { setZoom(m_zoom * 1.15); });
    connect(a.zoomOut, &QAction::triggered, this, [this] { setZoom(m_zoom / 1.15); });
    connect(a.zoomReset, &QAction::triggered, this, [this] { setZoom(1.0); });
    connect(a.presenter, &QAction::toggled, this, [this](bool on) {
        if (!on)
            m_message->hide();
    });
    connect(a.animate, &QAction::toggled, m_tickView, &TickView::setAnimated);
    connect(a.lessonPorts, &QAction::toggled, this, [this](bool on) {
        m_session->setUseLessonPorts(on);
        notice(on ? tr("At the next restart the lesson listens on its own ports, so the documents' "
                       "clients can connect.")
                  : tr("At the next restart the lesson listens on ports the system chooses."));
    });
    connect(a.langEn, &QAction::triggered, this, [this] { setLanguage(QStringLiteral("en")); });
    connect(a.langZh, &QAction::triggered, this, [this] { setLanguage(QStringLiteral("zh")); });
    connect(a.firstLesson, &QAction::triggered, this,
            [this] { openLesson(m_lessonsModel->firstLessonId()); });
    connect(a.about, &QAction::triggered, this, [this] {
        QMessageBox::about(
            this, tr("About muxlab"),
            tr("<p><b>muxlab</b> %1</p><p>A playground for I/O multiplexing: a real TCP server "
               "and simulated clients on this machine, with every select, poll and epoll call "
               "shown as one tick.</p><p>Everything you see was measured from the running "
               "kernel.</p>")
                .arg(QCoreApplication::applicationVersion()));
    });
    // Window-wide shortcuts work whichever pane has focus.
    for (QAction *act : findChildren<QAction *>(Qt::FindDirectChildrenOnly))
        addAction(act);
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
    if (m_session->hasProgram() && !m_session->runsLessonProgram()) {
        error(tr("Your program makes its own calls: change select, poll or epoll in its source, "
                 "then run it again (Ctrl+Enter)."));
        return false;
    }
    if (!m_session->lesson()) {
        error(tr("Open a lesson first: a saved trace keeps the backend it was recorded on."));
        return false;
    }
    return m_session->setBackend(*backend);
}

void MainWindow::setLanguage(const QString &lang)
{
    if (!m_language.set(lang)) {
        error(tr("The Chinese translation could not be loaded, so the window stays in English."));
        return;
    }
    (lang == QLatin1String("zh") ? m_actions->langZh : m_actions->langEn)->setChecked(true);
    m_lessonsModel->setLang(lang);
    // The posted LanguageChange events reach the widgets later; the models change now.
    m_session->setLang(lang);
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
    m_transport->retranslate();
    m_menus->retranslate();
    m_programs->retranslate();
    findChild<ClassPane *>()->retranslate();
    const std::pair<const char *, const char *> docks[] = {
        {"lessonsDock", QT_TR_NOOP("Lessons")},       {"narrationDock", QT_TR_NOOP("Lesson")},
        {"pythonDock", QT_TR_NOOP("Python program")}, {"logDock", QT_TR_NOOP("Syscall log")},
        {"socketsDock", QT_TR_NOOP("Sockets")},       {"clientsDock", QT_TR_NOOP("Clients")},
        {"queuesDock", QT_TR_NOOP("Message queues")}, {"classDock", QT_TR_NOOP("Class")},
        {"scalingDock", QT_TR_NOOP("Cost per call")}};
    for (const auto &[name, title] : docks)
        if (auto *d = findChild<QDockWidget *>(QLatin1String(name)))
            d->setWindowTitle(tr(title));
    showProgramPanes();
    updateTitle();
}

void MainWindow::showProgramPanes()
{
    // A lesson on its own Python program keeps its narration beside the program's source.
    const bool program = m_session->hasProgram() && !m_session->runsLessonProgram();
    const bool source = m_session->hasProgram();
    auto *narrationDock = findChild<QDockWidget *>(QStringLiteral("narrationDock"));
    auto *pythonDock = findChild<QDockWidget *>(QStringLiteral("pythonDock"));
    // A program's source is what a learner reads while stepping: it gets most of the height,
    // the status and output the rest. Only on the switch, so a learner's own split stays.
    const bool wasProgram =
        findChild<QStackedWidget *>(QStringLiteral("lessonStack"))->currentIndex() == 1;
    if (program != wasProgram && !narrationDock->isHidden() && !pythonDock->isHidden()) {
        const int h = height();
        resizeDocks({narrationDock, pythonDock},
                    program ? QList<int>{h * 2 / 5, h * 3 / 5} : QList<int>{h * 2 / 3, h / 3},
                    Qt::Vertical);
    }
    findChild<QStackedWidget *>(QStringLiteral("lessonStack"))->setCurrentIndex(program ? 1 : 0);
    findChild<QStackedWidget *>(QStringLiteral("sourceStack"))->setCurrentIndex(source ? 1 : 0);
    if (program) {
        m_actions->restart->setText(tr("Res&tart Program"));
        m_actions->restart->setIconText(tr("Restart Program"));
        m_actions->restart->setToolTip(
            tr("Stop the program and run it again from its start (%1)")
                .arg(m_actions->restart->shortcut().toString(QKeySequence::NativeText)));
    } else if (wasProgram)
        m_actions->retranslate();
    narrationDock->setWindowTitle(program ? tr("Your program") : tr("Lesson"));
    pythonDock->setWindowTitle(program ? tr("Source") : tr("Python program"));
}

void MainWindow::updateTitle()
{
    const mux::Lesson *l = m_session->lesson();
    QString title = QStringLiteral("muxlab");
    if (m_session->runsLessonProgram())
        title =
            tr("%1 — %2 (%3, the Python program) — muxlab")
                .arg(l->title.in(m_session->lang()), l->id, mux::backendName(m_session->backend()));
    else if (m_session->hasProgram())
        title = tr("%1 (your program, traced) — muxlab").arg(m_session->title());
    else if (l && m_session->hasEngine())
        title = QStringLiteral("%1 — %2 (%3) — muxlab")
                    .arg(l->titleFor(m_session->backend(), m_session->lang()), l->id,
                         mux::backendName(m_session->backend()));
    else if (!m_session->title().isEmpty())
        title = tr("%1 (saved trace) — muxlab").arg(m_session->title());
    setWindowTitle(title);
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
    for (qsizetype i = t->firstKept(); ok && i < t->size(); ++i) // older ones dropped
        if (t->at(i).tick == quint32(tick))
            return m_session->setCursor(i);
}

void MainWindow::setZoom(qreal factor)
{
    m_zoom = std::clamp(factor, 0.6, 3.0);
    // One application font: every pane, menu and table follows it, the paint views included.
    QFont f = QApplication::font();
    f.setPointSizeF(m_basePointSize * m_zoom);
    QApplication::setFont(f);
    m_transport->setZoom(m_zoom);
    // A whole loopback address with its port: the port is what tells two conns apart.
    const QFontMetrics fm(f);
    const int address = fm.horizontalAdvance(QStringLiteral("127.0.0.1:65535")) + 16;
    m_socketsView->setColumnWidth(SocketsModel::LocalColumn, address);
    m_socketsView->setColumnWidth(SocketsModel::PeerColumn, address);
    m_socketsView->setColumnWidth(SocketsModel::StateColumn,
                                  fm.horizontalAdvance(QStringLiteral("ESTABLISHED")) + 16);
    for (QTableView *t : findChildren<QTableView *>())
        t->verticalHeader()->setDefaultSectionSize(fm.height() + 6);
}

void MainWindow::setHighContrast(bool on)
{
    m_theme.highContrast = on;
    applyTheme();
}

void MainWindow::applyTheme()
{
    QApplication::setPalette(m_theme.palette());
    for (const auto &apply : std::as_const(m_themed))
        apply(m_theme);
}

void MainWindow::closeEvent(QCloseEvent *e)
{
    m_actions->run->setChecked(false);
    WindowSettings::save(*this);
    e->accept();
}

} // namespace gui
