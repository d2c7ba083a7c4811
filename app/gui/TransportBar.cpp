#include "TransportBar.h"

#include "Actions.h"
#include "ProgramRun.h"
#include "Session.h"

#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QListView>
#include <QSignalBlocker>
#include <QSlider>
#include <QStandardItemModel>
#include <QStyle>

#include <cmath>

namespace gui {

namespace {

constexpr double kSpeeds[] = {0.5, 1, 2, 3, 5, 10, 20, 50};
constexpr int kSpeedCount = int(std::size(kSpeeds));
/// The notch past the last speed, offered for a program only: it runs freely.
constexpr int kFullSpeed = kSpeedCount;

} // namespace

TransportBar::TransportBar(Session *session, Actions &a, QWidget *parent)
    : QToolBar(parent), m_session(session), m_actions(a)
{
    setObjectName(QStringLiteral("transport"));
    setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    setMovable(false);
    const QStyle *s = style();
    a.back->setIcon(s->standardIcon(QStyle::SP_MediaSeekBackward));
    a.step->setIcon(s->standardIcon(QStyle::SP_MediaSkipForward));
    a.run->setIcon(s->standardIcon(QStyle::SP_MediaPlay));
    a.live->setIcon(s->standardIcon(QStyle::SP_MediaSeekForward));
    a.restart->setIcon(s->standardIcon(QStyle::SP_BrowserReload));
    a.openTrace->setIcon(s->standardIcon(QStyle::SP_DialogOpenButton));
    a.saveTrace->setIcon(s->standardIcon(QStyle::SP_DialogSaveButton));
    addActions({a.back, a.step, a.run});
    // Step is the one button a new learner needs: make it the one that stands out.
    if (QWidget *w = widgetForAction(a.step)) {
        QFont f; // only the weight is set, so the size still follows the zoom
        f.setBold(true);
        w->setFont(f);
        w->setObjectName(QStringLiteral("stepButton"));
    }
    m_speed = new QSlider(Qt::Horizontal, this);
    m_speed->setObjectName(QStringLiteral("speed"));
    m_speed->setRange(0, kSpeedCount - 1);
    m_speed->setPageStep(1);
    m_speedLabel = new QLabel(this);
    addWidget(m_speed);
    addWidget(m_speedLabel);
    connect(m_speed, &QSlider::valueChanged, this, &TransportBar::setSpeed);
    addActions({a.live, a.restart});
    addSeparator();
    m_backend = new QComboBox(this);
    m_backend->setObjectName(QStringLiteral("backendCombo"));
    for (QAction *act : a.backends->actions())
        m_backend->addItem(act->text(), act->data());
    addWidget(m_backend);
    connect(m_backend, &QComboBox::activated, this,
            [this](int i) { emit backendChosen(m_backend->itemData(i).toString()); });
    connect(a.backends, &QActionGroup::triggered, this,
            [this](QAction *act) { emit backendChosen(act->data().toString()); });
    // Which server runs the lesson: muxlab's own, or the lesson's Python program, traced.
    m_server = new QComboBox(this);
    m_server->setObjectName(QStringLiteral("serverCombo"));
    m_server->addItem(QString(), int(Session::Server::Builtin));
    m_server->addItem(QString(), int(Session::Server::Python));
    m_serverAction = addWidget(m_server);
    connect(m_server, &QComboBox::activated, this, [this](int i) {
        m_session->setServer(Session::Server(m_server->itemData(i).toInt()));
        syncServer();
    });
    connect(session, &Session::serverChanged, this, &TransportBar::syncServer);
    addSeparator();
    addAction(a.presenter);
    m_lang = new QComboBox(this);
    m_lang->setObjectName(QStringLiteral("langCombo"));
    m_lang->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_lang->addItem(QStringLiteral("中文"), QStringLiteral("zh"));
    addWidget(m_lang);
    connect(m_lang, &QComboBox::activated, this,
            [this](int i) { emit languageChosen(m_lang->itemData(i).toString()); });
    connect(session, &Session::langChanged, m_lang,
            [this](const QString &l) { m_lang->setCurrentIndex(m_lang->findData(l)); });

    m_runTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_runTimer, &QTimer::timeout, this, &TransportBar::onRunTick);
    connect(a.run, &QAction::toggled, this, [this](bool on) {
        if (on && fullSpeed()) {
            m_session->setProgramFree(true);
        } else if (on) {
            m_runTimer.start(int(1000 / kSpeeds[m_speedLevel]));
        } else {
            m_runTimer.stop();
            m_session->setProgramFree(false); // Pause holds it at its next call
        }
    });
    // A new run, a refused backend, a frozen server: the run stops and the box shows the truth.
    connect(session, &Session::sessionReset, this, [this] {
        m_actions.run->setChecked(false);
        // Full speed is for a program; a lesson's engine steps at most 50 ticks a second. The
        // notch chosen is kept: a program opened later runs at full speed again.
        const int chosen = m_chosenLevel;
        {
            const QSignalBlocker block(m_speed);
            m_speed->setMaximum(m_session->hasProgram() && m_session->program()->canRunFreely()
                                    ? kFullSpeed
                                    : kSpeedCount - 1);
        }
        setSpeed(chosen);
        syncBackends();
        syncServer();
        updateActions();
    });
    connect(session, &Session::cursorChanged, this, &TransportBar::updateActions);
    // A program that ended stops the run; one that is held again can be stepped.
    connect(session, &Session::programChanged, this, [this] {
        if (m_session->programEnded() && m_session->atEnd())
            m_actions.run->setChecked(false);
        // Step at full speed held the program: the run is paused.
        if (fullSpeed() && m_actions.run->isChecked() && !m_session->programFree())
            m_actions.run->setChecked(false);
        updateActions();
    });
    connect(session, &Session::errorRaised, this, &TransportBar::syncBackends);
    connect(session, &Session::frozenChanged, this, [this](bool on) {
        if (on)
            m_actions.run->setChecked(false);
    });
    setSpeed(m_chosenLevel);
    setZoom(1.0);
}

double TransportBar::ticksPerSecond(int level)
{
    return kSpeeds[std::clamp(level, 0, kSpeedCount - 1)];
}

bool TransportBar::fullSpeed() const
{
    return m_speedLevel == kFullSpeed && m_session->hasProgram() &&
           m_session->program()->canRunFreely();
}

void TransportBar::setSpeed(int level)
{
    const bool wasFull = fullSpeed();
    m_chosenLevel = std::clamp(level, 0, kFullSpeed);
    m_speedLevel = std::clamp(level, 0, int(m_speed->maximum()));
    if (m_speed->value() != m_speedLevel) { // not a choice: the notch chosen stays
        const QSignalBlocker block(m_speed);
        m_speed->setValue(m_speedLevel);
    }
    m_speedLabel->setText(m_speedLevel == kFullSpeed ? tr("full speed")
                                                     : tr("%1 ticks/s").arg(kSpeeds[m_speedLevel]));
    m_speed->setToolTip(m_speedLevel == kFullSpeed
                            ? tr("Full speed: the program runs freely and the view shows its "
                                 "newest tick; Pause or Step holds it at its next call")
                            : tr("Run speed"));
    if (!m_actions.run->isChecked() || wasFull == fullSpeed()) {
        if (m_runTimer.isActive())
            m_runTimer.setInterval(int(1000 / kSpeeds[std::min(m_speedLevel, kSpeedCount - 1)]));
        return;
    }
    // Running, into or out of full speed: free the program, or hold it and step on a timer.
    if (fullSpeed()) {
        m_runTimer.stop();
        m_session->setProgramFree(true);
    } else {
        m_session->setProgramFree(false);
        m_runTimer.start(int(1000 / kSpeeds[m_speedLevel]));
    }
}

void TransportBar::setZoom(qreal zoom)
{
    const int icon = int(std::round(22 * zoom));
    setIconSize(QSize(icon, icon));
    m_speed->setFixedWidth(int(110 * zoom));
    m_speedLabel->setMinimumWidth(
        QFontMetrics(QApplication::font())
            .horizontalAdvance(tr("%1 ticks/s").arg(50) + QStringLiteral("  ")));
}

void TransportBar::retranslate()
{
    setWindowTitle(tr("Transport"));
    m_server->setItemText(0, tr("muxlab's server"));
    m_server->setItemText(1, tr("the Python program"));
    syncServer();
    m_backend->setToolTip(
        tr("The multiplexing call the server makes; switching restarts the lesson"));
    setSpeed(m_chosenLevel);
}

void TransportBar::syncServer()
{
    const mux::Lesson *l = m_session->lesson();
    const bool lessonRuns = l && (m_session->hasEngine() || m_session->runsLessonProgram());
    const QString refusal = l ? Session::pythonRefusal(*l) : QString();
    // The box shows what runs; the choice made is kept for the next lesson that can.
    const bool python = m_session->runsLessonProgram() ||
                        (!lessonRuns && m_session->server() == Session::Server::Python);
    m_server->setCurrentIndex(python ? 1 : 0);
    // A learner's own program is its own server: there is nothing to choose.
    m_serverAction->setVisible(!m_session->hasProgram() || m_session->runsLessonProgram());
    m_server->setEnabled(lessonRuns && refusal.isEmpty());
    m_server->setToolTip(
        !lessonRuns ? tr("Open a lesson to choose which server runs it.")
        : !refusal.isEmpty()
            ? refusal
            : tr("Which server runs the lesson: muxlab's own, or the lesson's Python program "
                 "under the tracer, each call held until you step; switching restarts the "
                 "lesson"));
}

void TransportBar::syncBackends()
{
    const mux::Lesson *l = m_session->lesson();
    const QString running = mux::backendName(m_session->backend());
    auto *list = qobject_cast<QListView *>(m_backend->view());
    auto *items = qobject_cast<QStandardItemModel *>(m_backend->model());
    for (QAction *a : m_actions.backends->actions()) {
        const auto b = mux::backendFromName(a->data().toString());
        // Only what the lesson runs on is offered; a saved trace keeps its own backend.
        const bool offered = !l || (b && l->backends.contains(*b));
        a->setVisible(offered);
        a->setChecked(a->data().toString() == running);
        const int row = m_backend->findData(a->data());
        if (list && row >= 0)
            list->setRowHidden(row, !offered);
        // Disabled too, so the mouse wheel and arrow keys on the closed box skip it.
        if (QStandardItem *item = items ? items->item(row) : nullptr)
            item->setEnabled(offered);
    }
    m_backend->setCurrentIndex(m_backend->findData(running));
}

void TransportBar::updateActions()
{
    Actions &a = m_actions;
    const bool has = !m_session->isEmpty();
    const bool engine = m_session->makesTicks();
    for (QAction *act : {a.step, a.forward})
        act->setEnabled(has && ((engine && !m_session->programEnded()) || !m_session->atEnd()));
    a.back->setEnabled(has && m_session->cursor() > 0);
    a.live->setEnabled(has && !m_session->atEnd());
    a.restart->setEnabled(engine);
    a.replayHere->setEnabled(engine);
    for (QAction *act : {a.run, a.saveTrace, a.exportPng, a.exportSvg, a.exportHtml, a.jumpTo})
        act->setEnabled(has);
    a.backends->setEnabled(m_session->lesson() != nullptr);
}

void TransportBar::onRunTick()
{
    if (m_session->isEmpty() || (!m_session->makesTicks() && m_session->atEnd())) {
        m_actions.run->setChecked(false);
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
        m_actions.run->setChecked(false);
        emit notice(tr("Paused before tick %1: predict which sockets come back ready, then press "
                       "Step (F10).")
                        .arg(tick + 1));
    } else if (tick == l->ticks) {
        m_actions.run->setChecked(false);
        emit notice(tr("The lesson's script has ended; the server keeps running if you go on."));
    }
}

} // namespace gui
