// The playground window, driven as a learner would: through its actions and panes, offscreen.
// Every model the window uses runs under QAbstractItemModelTester for the whole suite, so
// each reset, insert and dataChanged the steps below cause is checked as it happens.

#include "gui/ClientsModel.h"
#include "gui/LessonsModel.h"
#include "gui/MainWindow.h"
#include "gui/MessageBar.h"
#include "gui/PythonModel.h"
#include "gui/QueuesModel.h"
#include "gui/ScalingChart.h"
#include "gui/Session.h"
#include "gui/SocketsModel.h"
#include "gui/SyscallLogModel.h"
#include "gui/TickView.h"
#include "gui/TickViewModel.h"
#include "gui/TimelineModel.h"
#include "gui/TimelineView.h"
#include "gui/TraceFiles.h"
#include "net/Socket.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDockWidget>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QListView>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTreeView>
#include <QtTest>

#include <sys/select.h>

#include <memory>

using gui::LaneKind;
using gui::MainWindow;
using gui::TickViewModel;

class TestGui : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void opensTheLessonAtTickZero();
    void stepUntilAcceptShowsListenerReady();
    void stepBackShowsTheEarlierTick();
    void predictionIsJudgedAgainstTheKernel();
    void logAndPythonFollowTheCursor();
    void switchingToChineseChangesTheUi();
    void zoomScalesEveryPane();
    void presenterModeScalesEveryPane();
    void clientsActAtAnyTick();
    void replayToRebuildsTheRun();
    void pollAndEpollLanes();
    void exportsAndSavedTraces();
    void badTraceFileIsOneSentence();
    void portInUseIsOneSentence();
    void keysStepGoBackAndRun();
    void stepAnimatesForwardOnly();
    void scalingChartFillsInAsTheLessonRuns();
    void scalingChartShowsTheTickShown_data();
    void scalingChartShowsTheTickShown();
    void scalingChartOnlyForTheScalingLesson();
    void preferencesAreRemembered();
    void everyModelPassesTheModelTester_data();
    void everyModelPassesTheModelTester();

private:
    void step(int n = 1);
    // The window's parts, found by objectName as a script or screen reader would find them.
    template <typename T> T *find(const char *name) const
    {
        T *found = m_w->findChild<T *>(QLatin1String(name));
        if (!found)
            qFatal("the window has no %s called %s", T::staticMetaObject.className(), name);
        return found;
    }
    template <typename M> M *modelOf(const char *view) const
    {
        return qobject_cast<M *>(find<QAbstractItemView>(view)->model());
    }
    gui::Session *session() const { return find<gui::Session>("session"); }
    QAction *act(const char *name) const { return find<QAction>(name); }
    TickViewModel *tickModel() const { return find<gui::TickView>("tickView")->model(); }
    gui::TimelineModel *timelineModel() const
    {
        return find<gui::TimelineView>("timeline")->model();
    }
    gui::SyscallLogModel *logModel() const { return modelOf<gui::SyscallLogModel>("syscallLog"); }
    gui::SocketsModel *socketsModel() const { return modelOf<gui::SocketsModel>("sockets"); }
    gui::ClientsModel *clientsModel() const { return modelOf<gui::ClientsModel>("clientsTable"); }
    gui::QueuesModel *queuesModel() const { return modelOf<gui::QueuesModel>("queues"); }
    gui::PythonModel *pythonModel() const { return modelOf<gui::PythonModel>("python"); }
    gui::LessonsModel *lessonsModel() const { return modelOf<gui::LessonsModel>("lessons"); }
    gui::MessageBar *messageBar() const { return find<gui::MessageBar>("messageBar"); }
    gui::ScalingChart *scalingChart() const { return find<gui::ScalingChart>("scalingChart"); }
    QDockWidget *scalingDock() const { return find<QDockWidget>("scalingDock"); }
    gui::TraceFiles *files() const { return find<gui::TraceFiles>("traceFiles"); }
    /// Every pane the window shows, for "zoom scales every pane".
    QList<QWidget *> panes() const
    {
        QList<QWidget *> out;
        for (const char *name : {"tickView", "timeline", "narration", "python", "syscallLog",
                                 "sockets", "clients", "queues", "lessons", "scalingChart"})
            out.append(find<QWidget>(name));
        return out;
    }
    const mux::Trace &trace() const { return *session()->trace(); }
    bool questionShown() const
    {
        return !m_w->findChild<QWidget *>(QStringLiteral("quizQuestion"))->isHidden();
    }
    QString verdict() const
    {
        return m_w->findChild<QWidget *>(QStringLiteral("quiz"))
            ->property("verdictKind")
            .toString();
    }
    void predict(const QString &box)
    {
        auto *b = m_w->findChild<QCheckBox *>(box);
        QVERIFY2(b, qPrintable(box));
        b->setChecked(true);
    }

    QTemporaryDir m_dir;
    std::unique_ptr<MainWindow> m_w;
    std::vector<std::unique_ptr<QAbstractItemModelTester>> m_testers;
};

void TestGui::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    MainWindow::Config c;
    c.lesson = QStringLiteral("select-echo");
    c.backend = QStringLiteral("select");
    c.lang = QStringLiteral("en");
    c.useLessonPorts = false; // tests run side by side: let the kernel pick ports
    c.useSettings = false;
    m_w = std::make_unique<MainWindow>(c);
    m_w->resize(1366, 768);
    m_w->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_w.get()));
    find<gui::TickView>("tickView")->setAnimated(false);
    const QList<QAbstractItemModel *> models = {tickModel(),    timelineModel(), logModel(),
                                                socketsModel(), clientsModel(),  queuesModel(),
                                                pythonModel(),  lessonsModel()};
    for (QAbstractItemModel *m : models)
        m_testers.push_back(std::make_unique<QAbstractItemModelTester>(
            m, QAbstractItemModelTester::FailureReportingMode::QtTest));
}

void TestGui::cleanupTestCase()
{
    m_testers.clear();
    m_w.reset();
}

void TestGui::step(int n)
{
    for (int i = 0; i < n; ++i)
        act("step")->trigger();
}

void TestGui::opensTheLessonAtTickZero()
{
    QCOMPARE(session()->title(), QStringLiteral("select-echo"));
    QVERIFY(session()->isLive());
    QCOMPARE(tickModel()->tickNumber(), 0u);
    QVERIFY(tickModel()->isSetup());
    // Setup: the listener is appended to the rlist for the first call.
    const int lane = tickModel()->laneRow(LaneKind::Read);
    QVERIFY(lane >= 0);
    const QModelIndex l0 = tickModel()->index(0, 0, tickModel()->index(lane, 0));
    QCOMPARE(l0.data(TickViewModel::NameRole).toString(), QStringLiteral("L0"));
    QCOMPARE(TickViewModel::Change(l0.data(TickViewModel::ChangeRole).toInt()),
             TickViewModel::Change::Appended);
    QVERIFY(lessonsModel()->indexOf(QStringLiteral("select-echo")).isValid());
}

void TestGui::stepUntilAcceptShowsListenerReady()
{
    auto accepted = [this] {
        for (const mux::Action &a : trace().at(session()->cursor()).actions)
            if (a.actor == mux::Action::Actor::Server && a.call == mux::Action::Call::Accept &&
                a.ret >= 0)
                return true;
        return false;
    };
    for (int i = 0; i < 5 && !accepted(); ++i)
        step();
    QVERIFY(accepted());
    TickViewModel *m = tickModel();
    QVERIFY(m->isPassedIn(LaneKind::Read, QStringLiteral("L0")));
    QVERIFY(m->isReadyIn(LaneKind::Read, QStringLiteral("L0")));
    // The new conn is appended for the next call, not (yet) passed in.
    QVERIFY(!m->isPassedIn(LaneKind::Read, QStringLiteral("conn:A")));
    // Why it was ready: the kernel's backlog at the call.
    const int lane = m->laneRow(LaneKind::Read);
    const QModelIndex l0 = m->index(0, 0, m->index(lane, 0));
    QVERIFY2(l0.data(TickViewModel::ReasonRole).toString().contains(QStringLiteral("backlog")),
             qPrintable(l0.data(TickViewModel::ReasonRole).toString()));
    QVERIFY(m->callText().startsWith(QStringLiteral("select(")));
}

void TestGui::stepBackShowsTheEarlierTick()
{
    const quint32 now = tickModel()->tickNumber();
    QVERIFY(now >= 1);
    act("back")->trigger();
    QCOMPARE(tickModel()->tickNumber(), now - 1);
    QVERIFY(!session()->isLive());
    QVERIFY(!tickModel()->isReadyIn(LaneKind::Read, QStringLiteral("L0")));
    // Forward moves along the history without a new tick.
    const qsizetype recorded = trace().size();
    act("forward")->trigger();
    QCOMPARE(tickModel()->tickNumber(), now);
    QCOMPARE(trace().size(), recorded);
    QVERIFY(session()->isLive());
}

void TestGui::predictionIsJudgedAgainstTheKernel()
{
    // At tick 1 the lesson asks about tick 2 (A sent hello): conn A comes back.
    QCOMPARE(tickModel()->tickNumber(), 1u);
    QVERIFY(questionShown());
    predict(QStringLiteral("predict:r:conn:A"));
    step();
    QCOMPARE(tickModel()->tickNumber(), 2u);
    QCOMPARE(verdict(), QStringLiteral("right"));
    QVERIFY(tickModel()->isReadyIn(LaneKind::Read, QStringLiteral("conn:A")));

    // Tick 3 (B connects) asks nothing; tick 4 asks, and a wrong guess is called wrong.
    step();
    QVERIFY(questionShown());
    predict(QStringLiteral("predict:r:L0"));
    step();
    QCOMPARE(verdict(), QStringLiteral("wrong"));
}

void TestGui::logAndPythonFollowTheCursor()
{
    gui::SyscallLogModel *log = logModel();
    // The tick's clients act first; its call row follows them.
    int row = log->firstRowOf(session()->cursor());
    QVERIFY(row >= 0);
    while (row < log->rowCount() &&
           !log->index(row, 0).data(gui::SyscallLogModel::IsCallRole).toBool())
        ++row;
    const QString call = log->index(row, gui::SyscallLogModel::CallColumn).data().toString();
    QVERIFY2(call.startsWith(QStringLiteral("select([")) &&
                 call.contains(QStringLiteral(") = 2 (")),
             qPrintable(call));
    bool sawRecv = false;
    for (int r = row + 1; r < log->rowCount(); ++r)
        sawRecv = sawRecv || log->index(r, gui::SyscallLogModel::CallColumn)
                                 .data()
                                 .toString()
                                 .contains(QStringLiteral("recv("));
    QVERIFY(sawRecv);
    QVERIFY(pythonModel()->litTags().contains(QStringLiteral("select")));
    QVERIFY(pythonModel()->litTags().contains(QStringLiteral("recv")));
    // One timeline row per recorded tick.
    QCOMPARE(timelineModel()->rowCount(), int(trace().size()));
    const int marks = timelineModel()->index(1).data(gui::TimelineModel::MarksRole).toInt();
    QVERIFY(marks & gui::TimelineModel::Accept);
}

void TestGui::switchingToChineseChangesTheUi()
{
    const QString stepEn = act("step")->text();
    const QString laneEn = tickModel()->index(0, TickViewModel::ReasonColumn).data().toString();
    m_w->setLanguage(QStringLiteral("zh"));
    QCoreApplication::processEvents();
    QCOMPARE(m_w->language(), QStringLiteral("zh"));
    QVERIFY(act("step")->text() != stepEn);
    QVERIFY2(act("step")->text().contains(QStringLiteral("单步")), qPrintable(act("step")->text()));
    QVERIFY(tickModel()->index(0, TickViewModel::ReasonColumn).data().toString() != laneEn);
    QVERIFY(socketsModel()->headerData(gui::SocketsModel::StateColumn, Qt::Horizontal).toString() ==
            QStringLiteral("状态"));
    // Lesson text comes from the lesson file, in the same language.
    const QModelIndex lesson = lessonsModel()->indexOf(QStringLiteral("select-echo"));
    QVERIFY(lesson.data().toString().contains(QStringLiteral("监听")));
    m_w->setLanguage(QStringLiteral("en"));
    QCoreApplication::processEvents();
    QCOMPARE(act("step")->text(), stepEn);
}

void TestGui::zoomScalesEveryPane()
{
    QHash<QWidget *, qreal> before;
    for (QWidget *p : panes())
        before.insert(p, p->font().pointSizeF());
    act("zoomIn")->trigger();
    QCoreApplication::processEvents();
    for (QWidget *p : panes())
        QVERIFY2(p->font().pointSizeF() > before.value(p), qPrintable(p->objectName()));
    act("zoomReset")->trigger();
    QCoreApplication::processEvents();
    for (QWidget *p : panes())
        QCOMPARE(p->font().pointSizeF(), before.value(p));
}

void TestGui::presenterModeScalesEveryPane()
{
    QHash<QWidget *, qreal> before;
    for (QWidget *p : panes())
        before.insert(p, p->font().pointSizeF());
    const int tickHeight = find<gui::TickView>("tickView")->contentHeight(1200);
    act("presenter")->trigger();
    QCoreApplication::processEvents();
    QVERIFY(act("presenter")->isChecked());
    for (QWidget *p : panes())
        QVERIFY2(p->font().pointSizeF() >= before.value(p) * 1.5, qPrintable(p->objectName()));
    QVERIFY(find<gui::TickView>("tickView")->contentHeight(1200) > tickHeight);
    for (const char *name : {"lessonsDock", "logDock", "socketsDock", "clientsDock", "queuesDock"})
        if (QDockWidget *d = find<QDockWidget>(name))
            QVERIFY2(d->isHidden(), qPrintable(d->objectName()));
    QVERIFY(find<QWidget>("narration")->isVisible());
    // High contrast: the window turns dark.
    QVERIFY(QApplication::palette().color(QPalette::Window).lightness() < 40);
    act("presenter")->trigger();
    QCoreApplication::processEvents();
    QVERIFY(!act("presenter")->isChecked());
    for (QWidget *p : panes())
        QCOMPARE(p->font().pointSizeF(), before.value(p));
    QVERIFY(QApplication::palette().color(QPalette::Window).lightness() > 200);
}

void TestGui::clientsActAtAnyTick()
{
    auto click = [this](const char *button) { find<QPushButton>(button)->click(); };
    const int before = clientsModel()->rowCount();
    const QString name = session()->addClient();
    QCOMPARE(name, QStringLiteral("C"));
    QCOMPARE(clientsModel()->rowCount(), before + 1);
    find<QComboBox>("clientChoice")->setCurrentIndex(before);
    QVERIFY(find<QCheckBox>("clientStepAtOnce")->isChecked());
    click("clientConnect");
    QVERIFY(tickModel()->isReadyIn(LaneKind::Read, QStringLiteral("L0")));
    find<QLineEdit>("clientText")->setText(QStringLiteral("hi"));
    click("clientSend");
    QVERIFY(tickModel()->isReadyIn(LaneKind::Read, QStringLiteral("conn:C")));
    const QModelIndex got = clientsModel()->index(before, gui::ClientsModel::ReceivedColumn);
    QCOMPARE(got.data(gui::ClientsModel::ReceivedBytesRole).toByteArray(), QByteArray("你好hi好"));
    // A half-close shows up as the peer's FIN on the server side: readable, recv returns 0.
    click("clientShutdown");
    QVERIFY(tickModel()->isReadyIn(LaneKind::Read, QStringLiteral("conn:C")));
    bool emptyRecv = false;
    for (const mux::Action &a : trace().last().actions)
        emptyRecv = emptyRecv || (a.call == mux::Action::Call::Recv &&
                                  a.actor == mux::Action::Actor::Server && a.ret == 0);
    QVERIFY(emptyRecv);
    // The sockets table lists what is open, with the kernel's TCP state.
    bool listener = false;
    for (int r = 0; r < socketsModel()->rowCount(); ++r)
        if (socketsModel()->index(r, 0).data(gui::SocketsModel::NameRole).toString() ==
            QStringLiteral("L0"))
            listener = socketsModel()->index(r, gui::SocketsModel::StateColumn).data().toString() ==
                       QStringLiteral("LISTEN");
    QVERIFY(listener);
}

void TestGui::replayToRebuildsTheRun()
{
    const qsizetype recorded = trace().size();
    QVERIFY(recorded > 4);
    session()->setCursor(2);
    act("replayHere")->trigger();
    QCOMPARE(trace().size(), qsizetype(3));
    QVERIFY(session()->isLive());
    QCOMPARE(tickModel()->tickNumber(), 2u);
    QVERIFY(tickModel()->isReadyIn(LaneKind::Read, QStringLiteral("conn:A")));
    QCOMPARE(timelineModel()->rowCount(), 3);
    act("restart")->trigger();
    QCOMPARE(trace().size(), qsizetype(1));
}

void TestGui::pollAndEpollLanes()
{
    QVERIFY(m_w->setBackend(QStringLiteral("poll")));
    step(1);
    QVERIFY(tickModel()->laneRow(LaneKind::PollFds) >= 0);
    // The question names what poll returns (event bits), not select's lists.
    QVERIFY(questionShown());
    auto labelled = [this](const QString &text) {
        for (const QLabel *l : find<QWidget>("narration")->findChildren<QLabel *>())
            if (l->text() == text)
                return true;
        return false;
    };
    QVERIFY(labelled(QStringLiteral("POLLIN")));
    QVERIFY(!labelled(QStringLiteral("rlist")));
    QVERIFY(tickModel()->isReadyIn(LaneKind::PollFds, QStringLiteral("L0")));
    QVERIFY(tickModel()->callText().startsWith(QStringLiteral("poll(")));
    QVERIFY(m_w->setBackend(QStringLiteral("epoll")));
    step(2);
    QVERIFY(tickModel()->laneRow(LaneKind::EpollInterest) >= 0);
    QVERIFY(tickModel()->isReadyIn(LaneKind::EpollReady, QStringLiteral("conn:A")));
    QVERIFY(tickModel()->isPassedIn(LaneKind::EpollInterest, QStringLiteral("L0")));
    QVERIFY(!tickModel()->isReadyIn(LaneKind::EpollInterest, QStringLiteral("L0")));
    QVERIFY(m_w->setBackend(QStringLiteral("select")));
}

void TestGui::exportsAndSavedTraces()
{
    step(3);
    const QString png = m_dir.filePath(QStringLiteral("tick.png"));
    const QString svg = m_dir.filePath(QStringLiteral("tick.svg"));
    const QString json = m_dir.filePath(QStringLiteral("trace.json"));
    QVERIFY(files()->exportPng(png));
    QImage image(png);
    QVERIFY(!image.isNull());
    QVERIFY(image.width() >= 640);
    QVERIFY(files()->exportSvg(svg));
    QFile f(svg);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QVERIFY(f.readAll().contains("<svg"));
    QVERIFY(files()->saveTrace(json));
    const qsizetype ticks = trace().size();
    QVERIFY(files()->openTrace(json));
    QVERIFY(!session()->hasEngine());
    QCOMPARE(trace().size(), ticks);
    QCOMPARE(session()->cursor(), qsizetype(0));
    act("forward")->trigger();
    act("forward")->trigger();
    QCOMPARE(tickModel()->tickNumber(), 2u);
    QVERIFY(tickModel()->isReadyIn(LaneKind::Read, QStringLiteral("conn:A")));
    QVERIFY(!queuesModel()->emptyReason().isEmpty());
    // Writing where no folder is: one sentence, no crash.
    QVERIFY(!files()->exportPng(QStringLiteral("/nonexistent-dir/x.png")));
    QCOMPARE(messageBar()->kind(), gui::MessageBar::Kind::Error);
    QVERIFY(messageBar()->isVisible());
    QVERIFY(m_w->openLesson(QStringLiteral("select-echo")));
}

void TestGui::badTraceFileIsOneSentence()
{
    const QString bad = m_dir.filePath(QStringLiteral("bad.json"));
    QFile f(bad);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("{\"format\": \"not a trace\"");
    f.close();
    const QString before = session()->title();
    QVERIFY(!files()->openTrace(bad));
    QVERIFY(messageBar()->isVisible());
    QCOMPARE(messageBar()->kind(), gui::MessageBar::Kind::Error);
    QVERIFY(messageBar()->text().contains(QStringLiteral("bad.json")));
    QCOMPARE(session()->title(), before); // the lesson is still there
    QVERIFY(session()->hasEngine());
}

void TestGui::portInUseIsOneSentence()
{
    // Hold the lesson's own port (or find it held already): the session says so and falls back.
    auto held = mux::net::tcpListen({QStringLiteral("127.0.0.1"), 9991});
    gui::Session s;
    s.setUseLessonPorts(true);
    QSignalSpy notices(&s, &gui::Session::noticeRaised);
    QSignalSpy errors(&s, &gui::Session::errorRaised);
    QVERIFY(s.openLesson(QStringLiteral("select-echo"), mux::Backend::Select));
    QCOMPARE(errors.count(), 0);
    QCOMPARE(notices.count(), 1);
    QVERIFY(notices.first().first().toString().contains(QStringLiteral("9991")));
    s.stepForward();
    QCOMPARE(s.trace()->size(), qsizetype(2));

    // In the window the sentence stays up: the lesson's fresh start must not wipe it.
    session()->setUseLessonPorts(true);
    QVERIFY(m_w->openLesson(QStringLiteral("select-echo")));
    session()->setUseLessonPorts(false);
    QVERIFY(messageBar()->isVisible());
    QVERIFY2(messageBar()->text().contains(QStringLiteral("9991")),
             qPrintable(messageBar()->text()));
    QVERIFY(m_w->openLesson(QStringLiteral("select-echo")));
}

void TestGui::keysStepGoBackAndRun()
{
    // The keys a teacher presses, typed at the window (through its shortcut map, as a real
    // key press is), not the actions triggered directly.
    m_w->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_w.get()));
    act("restart")->trigger();
    QCOMPARE(tickModel()->tickNumber(), 0u);
    QTest::keyClick(m_w.get(), Qt::Key_F10);
    QTest::keyClick(m_w.get(), Qt::Key_F10);
    QCOMPARE(tickModel()->tickNumber(), 2u);
    QTest::keyClick(m_w.get(), Qt::Key_F10, Qt::ShiftModifier);
    QCOMPARE(tickModel()->tickNumber(), 1u);
    QVERIFY(!session()->isLive());
    QTest::keyClick(m_w.get(), Qt::Key_End, Qt::ControlModifier);
    QVERIFY(session()->isLive());
    const qreal zoom = m_w->zoom();
    QTest::keyClick(m_w.get(), Qt::Key_Equal, Qt::ControlModifier);
    QVERIFY(m_w->zoom() > zoom);
    QTest::keyClick(m_w.get(), Qt::Key_Minus, Qt::ControlModifier);
    QCOMPARE(m_w->zoom(), zoom);
    // Space runs; the run timer steps on its own until Space again pauses it.
    QTest::keyClick(m_w.get(), Qt::Key_Space);
    QVERIFY(act("run")->isChecked());
    QTRY_VERIFY_WITH_TIMEOUT(tickModel()->tickNumber() >= 2u, 5000);
    QTest::keyClick(m_w.get(), Qt::Key_Space);
    QVERIFY(!act("run")->isChecked());
}

void TestGui::stepAnimatesForwardOnly()
{
    // A step forward plays in the order it happened and ends on the recorded picture; going
    // back, or jumping, shows the recorded tick at once, never a change played backwards.
    gui::TickView *view = find<gui::TickView>("tickView");
    view->setAnimated(true);
    step();
    QVERIFY(view->phase() < 1.0);
    QTRY_COMPARE_WITH_TIMEOUT(view->phase(), 1.0, 3000);
    act("back")->trigger();
    QCOMPARE(view->phase(), 1.0);
    act("back")->trigger();
    QCOMPARE(view->phase(), 1.0);
    // A jump of two ticks has no single change to play: it shows the recorded tick.
    act("live")->trigger();
    QCOMPARE(view->phase(), 1.0);
    view->setAnimated(false);
}

namespace {

QList<double> countsOf(const QLineSeries *s)
{
    QList<double> out;
    for (const QPointF &p : s->points())
        out.append(p.x());
    return out;
}

double figureAt(const QLineSeries *s, double sockets)
{
    for (const QPointF &p : s->points())
        if (p.x() == sockets)
            return p.y();
    return -1;
}

} // namespace

void TestGui::scalingChartFillsInAsTheLessonRuns()
{
    QVERIFY(m_w->openLesson(QStringLiteral("scaling")));
    QVERIFY(scalingDock()->isVisible());
    // In front of the other bottom tabs: the chart itself is showing, not just its tab.
    QTRY_VERIFY(scalingChart()->isVisible());
    gui::ScalingChart *chart = scalingChart();
    QCOMPARE(chart->chart()->series().size(), 3);
    QSignalSpy replaced(chart->series(mux::Backend::Poll), &QXYSeries::pointsReplaced);
    QElapsedTimer timer;
    timer.start();
    step(); // A connects: nothing measured
    QCOMPARE(chart->series(mux::Backend::Poll)->count(), 0);
    // Ticks 2 to 5 send 10, 100, 1000 and 10000: each one adds its points as it is shown.
    for (int n = 1; n <= 4; ++n) {
        step();
        QCOMPARE(replaced.count(), n);
        // A point, or a refusal where this machine's descriptor limit is too low for the count.
        qsizetype pollRefused = 0;
        for (const mux::WaitCostSample &r : chart->refusals())
            pollRefused += r.backend == mux::Backend::Poll;
        QCOMPARE(chart->series(mux::Backend::Poll)->count() + pollRefused, n);
    }
    qInfo("the scaling lesson's five ticks took %lld ms", qint64(timer.elapsed()));
    QCOMPARE(trace().at(session()->cursor()).tick, 5u);

    for (mux::Backend b : gui::ScalingChart::backends())
        for (const QPointF &p : chart->series(b)->points())
            QVERIFY2(p.y() > 0, qPrintable(mux::backendName(b)));
    // poll scans every pollfd on each call: 1000 idle sockets cost more than 10. The gap is
    // tens of times (the lesson's point), so a loaded machine does not close it.
    const QLineSeries *poll = chart->series(mux::Backend::Poll);
    QVERIFY2(figureAt(poll, 1000) > figureAt(poll, 10),
             qPrintable(QStringLiteral("poll: %1 µs at 1000, %2 µs at 10")
                            .arg(figureAt(poll, 1000))
                            .arg(figureAt(poll, 10))));
    // select cannot watch descriptor 1024 or above: refused, and said so, never a point.
    QVERIFY(!countsOf(chart->series(mux::Backend::Select)).contains(10000));
    bool selectRefused = false;
    for (const mux::WaitCostSample &r : chart->refusals())
        selectRefused |= r.backend == mux::Backend::Select && r.sockets == 10000;
    QVERIFY(selectRefused);
    QVERIFY2(chart->series(mux::Backend::Select)->name().contains(QLocale().toString(10000)),
             qPrintable(chart->series(mux::Backend::Select)->name()));
    QVERIFY2(chart->toolTip().contains(QStringLiteral("select over 10000 sockets: not measured, ")),
             qPrintable(chart->toolTip()));
}

void TestGui::scalingChartShowsTheTickShown_data()
{
    QTest::addColumn<quint32>("tick");
    QTest::addColumn<QList<double>>("counts");
    // Backwards through the history the previous test recorded.
    QTest::newRow("tick 5: 10 to 10000") << 5u << QList<double>{10, 100, 1000, 10000};
    QTest::newRow("tick 4: up to 1000") << 4u << QList<double>{10, 100, 1000};
    QTest::newRow("tick 3: up to 100") << 3u << QList<double>{10, 100};
    QTest::newRow("tick 2: 10") << 2u << QList<double>{10};
    QTest::newRow("tick 1: nothing measured yet") << 1u << QList<double>{};
    QTest::newRow("tick 0: setup") << 0u << QList<double>{};
}

void TestGui::scalingChartShowsTheTickShown()
{
    QFETCH(quint32, tick);
    QFETCH(QList<double>, counts);
    QCOMPARE(session()->title(), QStringLiteral("scaling"));
    session()->setCursor(qsizetype(tick));
    QCOMPARE(trace().at(session()->cursor()).tick, tick);
    const gui::ScalingChart *chart = scalingChart();
    for (mux::Backend b : gui::ScalingChart::backends()) {
        QList<double> expected;
        for (double n : counts)
            if (b != mux::Backend::Select || n < FD_SETSIZE)
                expected.append(n);
        // Where this machine's descriptor limit is too low for a count, the count is refused
        // for every backend: a refusal, never a point.
        QList<double> got = countsOf(chart->series(b));
        for (const mux::WaitCostSample &r : chart->refusals())
            if (r.backend == b && b != mux::Backend::Select)
                got.append(r.sockets);
        std::sort(got.begin(), got.end());
        QCOMPARE(got, expected);
    }
    QCOMPARE(chart->series(mux::Backend::Select)->name() == QStringLiteral("select"), tick < 5);
}

void TestGui::scalingChartOnlyForTheScalingLesson()
{
    QVERIFY(scalingDock()->isVisible());
    QVERIFY(m_w->openLesson(QStringLiteral("select-echo"), QStringLiteral("select")));
    QVERIFY(scalingDock()->isHidden());
    QVERIFY(!scalingDock()->toggleViewAction()->isVisible());
    QCOMPARE(scalingChart()->series(mux::Backend::Poll)->count(), 0);
}

void TestGui::preferencesAreRemembered()
{
    // Settings go to a file in the test's own folder, never the user's.
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope,
                       m_dir.filePath(QStringLiteral("settings")));
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope,
                       m_dir.filePath(QStringLiteral("settings")));
    MainWindow::Config c;
    c.useLessonPorts = false;
    {
        MainWindow first(c);
        QVERIFY(first.openLesson(QStringLiteral("rw-separation")));
        first.setLanguage(QStringLiteral("zh"));
        first.setZoom(1.3);
        first.close();
    }
    {
        MainWindow second(c);
        QCOMPARE(second.findChild<gui::Session *>(QStringLiteral("session"))->title(),
                 QStringLiteral("rw-separation"));
        QCOMPARE(second.language(), QStringLiteral("zh"));
        QCOMPARE(second.zoom(), 1.3);
        second.setZoom(1.0);
        second.setLanguage(QStringLiteral("en"));
    }
    // The application font and language are global: put the suite's window back as it was.
    m_w->setZoom(1.0);
    m_w->setLanguage(QStringLiteral("en"));
    QCOMPARE(act("step")->text(), QStringLiteral("&Step"));
}

void TestGui::everyModelPassesTheModelTester_data()
{
    // One row per model the window owns, found rather than listed, so a model added to the
    // window later is tested without anyone remembering to add it here (the combo boxes'
    // own item models included).
    QTest::addColumn<QAbstractItemModel *>("model");
    for (QAbstractItemModel *m : m_w->findChildren<QAbstractItemModel *>()) {
        const QObject *owner = m->parent();
        const QString name =
            QStringLiteral("%1 in %2")
                .arg(QLatin1String(m->metaObject()->className()),
                     owner->objectName().isEmpty() ? QLatin1String(owner->metaObject()->className())
                                                   : owner->objectName());
        QTest::newRow(qPrintable(name)) << m;
    }
}

void TestGui::everyModelPassesTheModelTester()
{
    QFETCH(QAbstractItemModel *, model);
    // The eight models the window's panes show must be among the rows.
    const QList<QAbstractItemModel *> found = m_w->findChildren<QAbstractItemModel *>();
    for (QAbstractItemModel *m : std::initializer_list<QAbstractItemModel *>{
             tickModel(), timelineModel(), logModel(), socketsModel(), clientsModel(),
             queuesModel(), pythonModel(), lessonsModel()})
        QVERIFY2(found.contains(m), m->metaObject()->className());
    // A fresh tester checks the model as it stands, then every signal while the window steps,
    // goes back through history, changes language, switches backend and restarts.
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    step(2);
    act("back")->trigger();
    act("forward")->trigger();
    m_w->setLanguage(QStringLiteral("zh"));
    m_w->setLanguage(QStringLiteral("en"));
    QVERIFY(m_w->setBackend(QStringLiteral("epoll")));
    step(1);
    QVERIFY(m_w->setBackend(QStringLiteral("select")));
    act("restart")->trigger();
    QVERIFY(model->rowCount() >= 0);
}

QTEST_MAIN(TestGui)
#include "tst_gui.moc"
