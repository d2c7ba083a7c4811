// The window as a class uses it: restarts that keep the documented port, a backend box that
// offers only what the lesson runs on, calls that waited forever never read as timeouts,
// client actions that cannot apply, the quiz's verdicts and score, the syscall log's order.
// Widgets are reached by objectName, as a screen reader or a script would find them.

#include "common/Widgets.h"
#include "gui/CallDelegate.h"
#include "gui/ChipLabel.h"
#include "gui/LessonsModel.h"
#include "gui/MainWindow.h"
#include "gui/Session.h"
#include "gui/SocketLabel.h"
#include "gui/SyscallLogModel.h"
#include "gui/TickView.h"
#include "gui/TickViewModel.h"
#include "gui/TimelineModel.h"
#include "gui/TimelineView.h"
#include "net/Socket.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTextDocument>
#include <QtTest>

#include <memory>

using gui::MainWindow;

namespace {

constexpr quint16 kSelectEchoPort = 9991; // select-echo's and rw-separation's documented port

/// A window on `lesson` with the lesson's own ports, settings untouched.
std::unique_ptr<MainWindow> openWindow(const QString &lesson, const QString &backend = {},
                                       bool lessonPorts = true, bool settings = false)
{
    MainWindow::Config c;
    c.lesson = lesson;
    c.backend = backend;
    c.lang = QStringLiteral("en");
    c.useLessonPorts = lessonPorts;
    c.useSettings = settings;
    auto w = std::make_unique<MainWindow>(c);
    w->resize(1366, 768);
    w->show();
    return w;
}

QAction *action(const QObject *w, const char *name)
{
    return child<QAction>(w, name);
}

bool portFree(quint16 port)
{
    return bool(mux::net::tcpListen({QStringLiteral("127.0.0.1"), port}));
}

} // namespace

class TestGuiClassroom : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void restartKeepsTheDocumentedPort_data();
    void restartKeepsTheDocumentedPort();
    void aTakenPortShowsThePortBound();
    void backendBoxOffersOnlyTheLessonsBackends();
    void titlesFitTheBackend();
    void headlessRunsOnTheLessonsFirstBackend();
    void aCallWithNoTimeoutNeverReadsAsATimeout();
    void clientActionsThatCannotApplyAreOffAndSayWhy();
    void theVerdictStaysAboveTheNextQuestion();
    void theScoreIsRemembered();
    void aQuestionAboutBothModesTakesEitherAnswer_data();
    void aQuestionAboutBothModesTakesEitherAnswer();
    void theLogListsCallsInTheOrderTheyHappened();
    void aLongCallKeepsItsReturnValue_data();
    void aLongCallKeepsItsReturnValue();
    void anOutsideClientsChipKeepsItsProgram();
    void socketNamesFollowTheLanguage();
    void theNarrationNamesSocketsAsTheChipsDo_data();
    void theNarrationNamesSocketsAsTheChipsDo();
    void protocolBytesInTheNarrationAreShown_data();
    void protocolBytesInTheNarrationAreShown();
    void aFailedCheckpointIsASentence_data();
    void aFailedCheckpointIsASentence();
    void theWindowSaysWhichCheckpointFailed_data();
    void theWindowSaysWhichCheckpointFailed();

private:
    QTemporaryDir m_dir;
};

void TestGuiClassroom::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
}

void TestGuiClassroom::restartKeepsTheDocumentedPort_data()
{
    QTest::addColumn<QString>("how");
    QTest::newRow("Ctrl+R") << QStringLiteral("restart");
    QTest::newRow("backend switch") << QStringLiteral("backend");
    QTest::newRow("replay to here") << QStringLiteral("replay");
    QTest::newRow("lesson switch") << QStringLiteral("lesson");
}

void TestGuiClassroom::restartKeepsTheDocumentedPort()
{
    QFETCH(QString, how);
    if (!portFree(kSelectEchoPort))
        QSKIP("port 9991 is in use on this machine, so the lesson cannot have it");
    auto w = openWindow(QStringLiteral("select-echo"), QStringLiteral("select"));
    gui::Session *s = sessionOf(w.get());
    for (int round = 1; round <= 3; ++round) {
        if (how == QLatin1String("restart")) {
            action(w.get(), "restart")->trigger();
        } else if (how == QLatin1String("backend")) {
            QVERIFY(w->setBackend(round % 2 ? QStringLiteral("poll") : QStringLiteral("select")));
        } else if (how == QLatin1String("replay")) {
            action(w.get(), "step")->trigger();
            action(w.get(), "step")->trigger();
            s->setCursor(1);
            action(w.get(), "replayHere")->trigger();
        } else {
            QVERIFY(w->openLesson(round % 2 ? QStringLiteral("rw-separation")
                                            : QStringLiteral("select-echo")));
        }
        QVERIFY(s->hasEngine());
        QVERIFY2(!s->portsMoved(), qPrintable(QStringLiteral("round %1").arg(round)));
        // A real client, as a student's nc would: it must reach the lesson's own port.
        auto client = mux::net::tcpConnectBlocking({QStringLiteral("127.0.0.1"), kSelectEchoPort});
        QVERIFY2(client, qPrintable(QStringLiteral("round %1: %2")
                                        .arg(round)
                                        .arg(client ? QString() : client.error().text)));
        QCOMPARE(s->listeners().value(0).port, kSelectEchoPort);
    }
}

void TestGuiClassroom::aTakenPortShowsThePortBound()
{
    // Hold the lesson's port (or find it held already): the window listens elsewhere and says
    // where, large, and the program pane shows the port really bound.
    auto held = mux::net::tcpListen({QStringLiteral("127.0.0.1"), kSelectEchoPort});
    auto w = openWindow(QStringLiteral("select-echo"), QStringLiteral("select"));
    gui::Session *s = sessionOf(w.get());
    QVERIFY(s->portsMoved());
    const quint16 bound = s->listeners().value(0).port;
    QVERIFY(bound != 0 && bound != kSelectEchoPort);
    auto *banner = child<QLabel>(w.get(), "portBanner");
    QVERIFY(banner->isVisible());
    QVERIFY2(banner->text().contains(QString::number(bound)), qPrintable(banner->text()));
    auto *python = child<QListView>(w.get(), "python");
    QString program;
    for (int r = 0; r < python->model()->rowCount(); ++r)
        program += python->model()->index(r, 0).data().toString() + QLatin1Char('\n');
    // The lesson's program takes its port from --port with the document's port as default:
    // that default shows the port really bound.
    QVERIFY2(program.contains(QStringLiteral("default=%1").arg(bound)), qPrintable(program));
    QVERIFY(!program.contains(QString::number(kSelectEchoPort)));
    // A real client reaches the port the banner names.
    QVERIFY(mux::net::tcpConnectBlocking({QStringLiteral("127.0.0.1"), bound}));
    // Once the port is free again, a restart takes it back and the banner goes.
    if (held)
        held->reset();
    if (!portFree(kSelectEchoPort))
        return; // someone else holds it: nothing more to check here
    action(w.get(), "restart")->trigger();
    QVERIFY(!s->portsMoved());
    QVERIFY(!banner->isVisible());
}

// On poll, the lesson pane and the lesson list name poll's set where select's list was; a
// lesson that does not run on poll keeps its own backend's title.
void TestGuiClassroom::titlesFitTheBackend()
{
    auto w = openWindow(QStringLiteral("rw-separation"), QStringLiteral("poll"));
    QCOMPARE(sessionOf(w.get())->backend(), mux::Backend::Poll);
    QCOMPARE(child<QLabel>(w.get(), "narrationTitle")->text(),
             QStringLiteral("Read/write separation: replies go through the POLLOUT set"));
    QAbstractItemModel *lessons = child<QAbstractItemView>(w.get(), "lessons")->model();
    const auto titleOf = [&](const QString &id) {
        const QModelIndexList at =
            lessons->match(lessons->index(0, 0), gui::LessonsModel::LessonIdRole, id, 1,
                           Qt::MatchExactly | Qt::MatchRecursive);
        return at.isEmpty() ? QString() : at.first().data().toString();
    };
    QCOMPARE(titleOf(QStringLiteral("select-echo")),
             QStringLiteral("One POLLIN set holds the listener and every connection"));
    QCOMPARE(titleOf(QStringLiteral("lt-vs-et")),
             mux::findLesson(QStringLiteral("lt-vs-et"))->title.en);
    QVERIFY(w->setBackend(QStringLiteral("select")));
    QCOMPARE(titleOf(QStringLiteral("select-echo")),
             QStringLiteral("One rlist holds the listener and every connection"));
    QCOMPARE(child<QLabel>(w.get(), "narrationTitle")->text(),
             QStringLiteral("Read/write separation: replies go through the wlist"));
}

void TestGuiClassroom::backendBoxOffersOnlyTheLessonsBackends()
{
    // lt-vs-et runs on epoll and epoll-et only: it opens on the first, the box hides the rest.
    auto w = openWindow(QStringLiteral("lt-vs-et"));
    gui::Session *s = sessionOf(w.get());
    QCOMPARE(s->backend(), mux::Backend::Epoll);
    auto *box = child<QComboBox>(w.get(), "backendCombo");
    QCOMPARE(box->currentData().toString(), QStringLiteral("epoll"));
    auto *list = qobject_cast<QListView *>(box->view());
    QVERIFY(list);
    QVERIFY(list->isRowHidden(box->findData(QStringLiteral("select"))));
    QVERIFY(list->isRowHidden(box->findData(QStringLiteral("poll"))));
    QVERIFY(!list->isRowHidden(box->findData(QStringLiteral("epoll-et"))));
    QVERIFY(!action(w.get(), "backend-select")->isVisible());
    // Asked anyway (a script, a remembered choice): it says so and the box shows what runs.
    QVERIFY(!w->setBackend(QStringLiteral("select")));
    QCOMPARE(s->backend(), mux::Backend::Epoll);
    QCOMPARE(box->currentData().toString(), QStringLiteral("epoll"));
    QVERIFY(action(w.get(), "backend-epoll")->isChecked());
    auto *bar = w->findChild<QLabel *>(QStringLiteral("messageText"));
    QVERIFY(bar);
    QVERIFY2(bar->text().contains(QStringLiteral("does not run on select")),
             qPrintable(bar->text()));
    // Opened asking for a backend it lacks: it runs on its first and the box says epoll.
    auto asked = openWindow(QStringLiteral("lt-vs-et"), QStringLiteral("poll"));
    QCOMPARE(sessionOf(asked.get())->backend(), mux::Backend::Epoll);
    QCOMPARE(child<QComboBox>(asked.get(), "backendCombo")->currentData().toString(),
             QStringLiteral("epoll"));
    // Another lesson offers all four again.
    QVERIFY(w->openLesson(QStringLiteral("select-echo")));
    QVERIFY(!list->isRowHidden(box->findData(QStringLiteral("select"))));
    QVERIFY(action(w.get(), "backend-select")->isVisible());
}

void TestGuiClassroom::headlessRunsOnTheLessonsFirstBackend()
{
    QProcess p;
    p.start(QStringLiteral(MUXLAB_BINARY),
            {QStringLiteral("--headless"), QStringLiteral("--lesson"), QStringLiteral("lt-vs-et")});
    QVERIFY(p.waitForFinished(120000));
    const QString output = QString::fromUtf8(p.readAllStandardOutput());
    QVERIFY2(p.exitCode() == 0, qPrintable(output + QString::fromUtf8(p.readAllStandardError())));
    QVERIFY2(output.startsWith(QStringLiteral("# lt-vs-et")) &&
                 output.section(QLatin1Char('\n'), 0, 0).endsWith(QStringLiteral("(epoll)")),
             qPrintable(output.section(QLatin1Char('\n'), 0, 0)));
}

void TestGuiClassroom::aCallWithNoTimeoutNeverReadsAsATimeout()
{
    // poll-server calls poll(..., -1); step mode returns a call early when no client can act.
    auto w = openWindow(QStringLiteral("poll-server"), QString(), false);
    gui::Session *s = sessionOf(w.get());
    qsizetype early = -1;
    for (int i = 0; i < 12 && early < 0; ++i) {
        action(w.get(), "step")->trigger();
        const mux::TickRecord &t = s->trace()->last();
        if (t.ret == 0 && !t.err && t.timeoutMs < 0)
            early = s->trace()->size() - 1;
    }
    QVERIFY2(early >= 0, "poll-server never returned 0 from a call with no timeout");
    s->setCursor(early);
    auto *tickModel = child<gui::TickView>(w.get(), "tickView")->model();
    QVERIFY(!tickModel->outcomeText().isEmpty());
    QVERIFY2(!tickModel->outcomeText().contains(QStringLiteral("timeout:")),
             qPrintable(tickModel->outcomeText()));
    QAbstractItemModel *log = child<QTableView>(w.get(), "syscallLog")->model();
    for (int r = 0; r < log->rowCount(); ++r)
        if (log->index(r, 0).data(gui::SyscallLogModel::TickIndexRole).toLongLong() == early) {
            const QString line = log->index(r, gui::SyscallLogModel::CallColumn).data().toString();
            QVERIFY2(!line.contains(QStringLiteral("timeout")), qPrintable(line));
        }
    QAbstractItemModel *timeline = child<gui::TimelineView>(w.get(), "timeline")->model();
    const int marks = timeline->index(int(early), 0).data(gui::TimelineModel::MarksRole).toInt();
    QVERIFY(!(marks & gui::TimelineModel::Timeout));
    // The headless line says the same.
    QProcess p;
    p.start(
        QStringLiteral(MUXLAB_BINARY),
        {QStringLiteral("--headless"), QStringLiteral("--lesson"), QStringLiteral("poll-server")});
    QVERIFY(p.waitForFinished(120000));
    const QString tick = QStringLiteral("tick %1 ").arg(s->trace()->at(early).tick);
    for (const QString &line :
         QString::fromUtf8(p.readAllStandardOutput()).split(QLatin1Char('\n')))
        if (line.startsWith(tick)) {
            QVERIFY2(!line.contains(QStringLiteral("timeout")), qPrintable(line));
            QVERIFY2(line.contains(QStringLiteral("nothing ready")), qPrintable(line));
        }
}

void TestGuiClassroom::clientActionsThatCannotApplyAreOffAndSayWhy()
{
    auto w = openWindow(QStringLiteral("select-echo"), QStringLiteral("select"), false);
    gui::Session *s = sessionOf(w.get());
    child<QPushButton>(w.get(), "clientAdd")->click(); // a new client, not yet connected
    auto *choice = child<QComboBox>(w.get(), "clientChoice");
    QCOMPARE(choice->currentText(), QStringLiteral("client C"));
    auto *send = child<QPushButton>(w.get(), "clientSend");
    auto *reset = child<QPushButton>(w.get(), "clientReset");
    auto *connectTo = child<QPushButton>(w.get(), "clientConnect");
    QVERIFY(!send->isEnabled());
    QVERIFY2(send->toolTip().contains(QStringLiteral("not connected")),
             qPrintable(send->toolTip()));
    QVERIFY(!reset->isEnabled());
    QVERIFY(connectTo->isEnabled());

    connectTo->click(); // "step at once": the tick runs now
    QVERIFY(send->isEnabled());
    QVERIFY(reset->isEnabled());
    QVERIFY(!connectTo->isEnabled());
    QVERIFY2(connectTo->toolTip().contains(QStringLiteral("already connected")),
             qPrintable(connectTo->toolTip()));

    child<QPushButton>(w.get(), "clientClose")->click();
    QVERIFY(!send->isEnabled());
    QVERIFY(!reset->isEnabled());
    QVERIFY2(reset->toolTip().contains(QStringLiteral("closed")), qPrintable(reset->toolTip()));
    QVERIFY(connectTo->isEnabled());
    // Nothing reaches the kernel: no click, no Return in the text field.
    const qsizetype ticks = s->trace()->size();
    QTest::mouseClick(reset, Qt::LeftButton);
    auto *text = child<QLineEdit>(w.get(), "clientText");
    QVERIFY(!text->isEnabled());
    QTest::keyClicks(text, QStringLiteral("lost?"));
    QTest::keyClick(text, Qt::Key_Return);
    QCOMPARE(s->trace()->size(), ticks);
    QVERIFY(s->pendingOps().isEmpty());
    const int c = choice->currentIndex(); // client C: the script's own clients may act
    for (const mux::Action &a : s->trace()->last().actions)
        if (a.actor == mux::Action::Actor::Client && a.client == c)
            QCOMPARE(a.call, mux::Action::Call::Close);
}

namespace {

void tickBox(const QObject *w, const QString &name)
{
    auto *box = w->findChild<QCheckBox *>(name);
    QVERIFY2(box, qPrintable(name));
    QVERIFY(box->isVisible());
    box->setChecked(true);
}

} // namespace

void TestGuiClassroom::theVerdictStaysAboveTheNextQuestion()
{
    auto w = openWindow(QStringLiteral("multiport-welcome"), QStringLiteral("select"), false);
    QAction *step = action(w.get(), "step");
    auto *quiz = child<QWidget>(w.get(), "quiz");
    auto *verdictBox = child<QWidget>(w.get(), "quizVerdictBox");
    auto *question = child<QWidget>(w.get(), "quizQuestion");
    auto *verdict = child<QLabel>(w.get(), "quizVerdict");
    auto *score = child<QLabel>(w.get(), "quizScore");
    auto *tick = child<QLabel>(w.get(), "narrationTick");
    step->trigger(); // tick 1; the lesson asks about tick 2 (B connects to L2)
    QVERIFY(question->isVisible());
    QVERIFY(!verdictBox->isVisible());
    tickBox(w.get(), QStringLiteral("predict:r:L0")); // wrong
    step->trigger();
    // Tick 2 asks about tick 3 too: the verdict of tick 2 is still there, above it.
    QVERIFY(verdictBox->isVisible());
    QVERIFY(question->isVisible());
    QVERIFY(verdictBox->y() < question->y());
    QCOMPARE(quiz->property("verdictKind").toString(), QStringLiteral("wrong"));
    QVERIFY2(verdict->text().contains(QStringLiteral("select returned 1")),
             qPrintable(verdict->text()));
    QVERIFY2(score->text().contains(QStringLiteral("0 right of 1 answered (3 questions)")),
             qPrintable(score->text()));
    tickBox(w.get(), QStringLiteral("predict:r:L1"));
    tickBox(w.get(), QStringLiteral("predict:r:L2"));
    step->trigger();
    QCOMPARE(quiz->property("verdictKind").toString(), QStringLiteral("right"));
    tickBox(w.get(), QStringLiteral("predict:none")); // tick 4: the conns are not watched
    step->trigger();
    QCOMPARE(quiz->property("verdictKind").toString(), QStringLiteral("right"));
    QVERIFY2(score->text().contains(QStringLiteral("2 right of 3 answered")),
             qPrintable(score->text()));
    // The script's last tick: a summary and the way on.
    QCOMPARE(tick->text(), QStringLiteral("Tick 4 of 4"));
    auto *summary = child<QWidget>(w.get(), "quizSummary");
    QVERIFY(summary->isVisible());
    QVERIFY(child<QLabel>(w.get(), "quizSummaryText")->text().contains(QStringLiteral("2 right")));
    step->trigger();
    // Past the script's end the server still runs, and the header says the script is over.
    QCOMPARE(tick->text(), QStringLiteral("Tick 5 (the lesson's script ended at tick 4)"));
    w->setLanguage(QStringLiteral("zh"));
    QCOMPARE(tick->text(), QStringLiteral("第 5 拍（本课脚本在第 4 拍结束）"));
    w->setLanguage(QStringLiteral("en"));
    QVERIFY(summary->isVisible());
    auto *next = child<QPushButton>(w.get(), "nextLesson");
    QVERIFY(next->isVisible());
    gui::Session *s = sessionOf(w.get());
    next->click();
    QVERIFY(s->title() != QStringLiteral("multiport-welcome"));
    QVERIFY(s->hasEngine());
    QCOMPARE(s->cursor(), qsizetype(0));
}

void TestGuiClassroom::theScoreIsRemembered()
{
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope,
                       m_dir.filePath(QStringLiteral("settings")));
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope,
                       m_dir.filePath(QStringLiteral("settings")));
    QSettings().remove(QStringLiteral("quiz"));
    {
        auto w =
            openWindow(QStringLiteral("multiport-welcome"), QStringLiteral("select"), false, true);
        action(w.get(), "step")->trigger();
        tickBox(w.get(), QStringLiteral("predict:r:L2")); // right
        action(w.get(), "step")->trigger();
        w->close();
    }
    QVERIFY(!QSettings().value(QStringLiteral("quiz/multiport-welcome")).toString().isEmpty());
    auto w = openWindow(QStringLiteral("multiport-welcome"), QStringLiteral("select"), false, true);
    for (int i = 0; i < 4; ++i)
        action(w.get(), "step")->trigger();
    const QString summary = child<QLabel>(w.get(), "quizSummaryText")->text();
    QVERIFY2(summary.contains(QStringLiteral("1 right of 1 answered")), qPrintable(summary));
    w->close();
    QSettings().remove(QStringLiteral("quiz"));
}

void TestGuiClassroom::aQuestionAboutBothModesTakesEitherAnswer_data()
{
    QTest::addColumn<QString>("pick");
    QTest::addColumn<QString>("says");
    QTest::newRow("level-triggered")
        << QStringLiteral("predict:r:conn:A") << QStringLiteral("Right!");
    QTest::newRow("edge-triggered")
        << QStringLiteral("predict:none") << QStringLiteral("Right for epoll-et");
}

void TestGuiClassroom::aQuestionAboutBothModesTakesEitherAnswer()
{
    QFETCH(QString, pick);
    QFETCH(QString, says);
    auto w = openWindow(QStringLiteral("lt-vs-et"), QString(), false); // runs on epoll (LT)
    action(w.get(), "step")->trigger();
    action(w.get(), "step")->trigger(); // tick 2; "think LT first, then ET" asks about tick 3
    tickBox(w.get(), pick);
    action(w.get(), "step")->trigger();
    QCOMPARE(child<QWidget>(w.get(), "quiz")->property("verdictKind").toString(),
             QStringLiteral("right"));
    const QString verdict = child<QLabel>(w.get(), "quizVerdict")->text();
    QVERIFY2(verdict.startsWith(says), qPrintable(verdict));
}

void TestGuiClassroom::theLogListsCallsInTheOrderTheyHappened()
{
    auto w = openWindow(QStringLiteral("select-echo"), QStringLiteral("select"), false);
    action(w.get(), "step")->trigger(); // tick 1: A connects, then select reports L0
    action(w.get(), "step")->trigger(); // tick 2: A sends, then select reports conn A
    QAbstractItemModel *log = child<QTableView>(w.get(), "syscallLog")->model();
    for (qsizetype tick : {1, 2}) {
        QStringList order; // "client" / "call" / "server", row by row
        for (int r = 0; r < log->rowCount(); ++r) {
            const QModelIndex i = log->index(r, 0);
            if (i.data(gui::SyscallLogModel::TickIndexRole).toLongLong() != tick)
                continue;
            if (order.isEmpty()) // the tick's number is on its first row
                QCOMPARE(i.data().toUInt(), uint(tick));
            const QString who = log->index(r, gui::SyscallLogModel::WhoColumn).data().toString();
            order << (i.data(gui::SyscallLogModel::IsCallRole).toBool() ? QStringLiteral("call")
                      : who.startsWith(QStringLiteral("client"))        ? QStringLiteral("client")
                                                                        : QStringLiteral("server"));
        }
        QVERIFY2(order.size() >= 3, qPrintable(order.join(QLatin1Char(' '))));
        QCOMPARE(order.first(), QStringLiteral("client"));
        const qsizetype call = order.indexOf(QStringLiteral("call"));
        QVERIFY(call > 0);
        // After the call: the server handles what came back, then the clients read its replies.
        const QStringList after = order.mid(call + 1);
        QVERIFY2(!after.isEmpty() && after.first() == QLatin1String("server") &&
                     (!after.contains(QStringLiteral("client")) ||
                      after.lastIndexOf(QStringLiteral("server")) <
                          after.indexOf(QStringLiteral("client"))),
                 qPrintable(order.join(QLatin1Char(' '))));
        QVERIFY2(!order.mid(0, call).contains(QStringLiteral("server")),
                 qPrintable(order.join(QLatin1Char(' '))));
    }
    // Rows already shown follow a change of language.
    w->setLanguage(QStringLiteral("zh"));
    const QString who = log->index(0, gui::SyscallLogModel::WhoColumn).data().toString();
    QVERIFY2(!who.contains(QStringLiteral("server")) && !who.contains(QStringLiteral("client")),
             qPrintable(who));
    w->setLanguage(QStringLiteral("en"));
}

void TestGuiClassroom::aLongCallKeepsItsReturnValue_data()
{
    QTest::addColumn<QString>("call");
    QTest::addColumn<QString>("result");
    const QString a64 = QString(64, QLatin1Char('a'));
    QTest::newRow("send") << QStringLiteral("send(7, \"%1\") = 65536").arg(a64)
                          << QStringLiteral(" = 65536");
    QTest::newRow("recv") << QStringLiteral("recv(7, 1024) = 1024 \"%1\"").arg(a64)
                          << QStringLiteral(" = 1024");
    QTest::newRow("error") << QStringLiteral("send(7, \"%1\") = -1 EAGAIN").arg(a64)
                           << QStringLiteral(" = -1 EAGAIN");
    QTest::newRow("no quotes")
        << QStringLiteral("select([4,5,6,7,8,9,10,11,12,13,14,15,16],[],[], 1.0) = 2 ([4,9],[],[])")
        << QStringLiteral(" = 2 ([4,9],[],[])");
}

void TestGuiClassroom::aLongCallKeepsItsReturnValue()
{
    QFETCH(QString, call);
    QFETCH(QString, result);
    const QFontMetrics fm(QApplication::font());
    for (int width :
         {fm.horizontalAdvance(call) - 10, fm.horizontalAdvance(call) / 2,
          fm.horizontalAdvance(result) + fm.horizontalAdvance(QStringLiteral("send(")) + 20}) {
        const QString shown = gui::CallDelegate::fit(call, fm, width);
        QVERIFY2(fm.horizontalAdvance(shown) <= width, qPrintable(shown));
        QVERIFY2(shown.contains(result), qPrintable(shown));
    }
    QCOMPARE(gui::CallDelegate::fit(call, fm, fm.horizontalAdvance(call)), call);
    // The window's log draws its calls this way.
    auto w = openWindow(QStringLiteral("select-echo"), QStringLiteral("select"), false);
    auto *log = child<QTableView>(w.get(), "syscallLog");
    QVERIFY(qobject_cast<gui::CallDelegate *>(
        log->itemDelegateForColumn(gui::SyscallLogModel::CallColumn)));
}

void TestGuiClassroom::anOutsideClientsChipKeepsItsProgram()
{
    const QFontMetricsF fm(QApplication::font());
    const QString label = QStringLiteral("conn 127.0.0.1:43016 (python3 echo_client.py)");
    const qreal width = fm.horizontalAdvance(label) * 0.8;
    const QString shown = gui::elideChipLabel(label, fm, width);
    QVERIFY2(fm.horizontalAdvance(shown) <= width, qPrintable(shown));
    QVERIFY2(shown.startsWith(QStringLiteral("conn")), qPrintable(shown));
    QVERIFY2(shown.endsWith(QStringLiteral(" (python3 echo_client.py)")), qPrintable(shown));
    QCOMPARE(gui::elideChipLabel(label, fm, fm.horizontalAdvance(label)), label);
}

namespace {

/// Every socket name the window shows at once: the tick view's chips, the quiz's options and
/// the Sockets tab's labels.
QStringList shownSocketNames(const MainWindow *w)
{
    QStringList out;
    const QAbstractItemModel *tick = child<gui::TickView>(w, "tickView")->model();
    for (int lane = 0; lane < tick->rowCount(); ++lane) {
        const QModelIndex li = tick->index(lane, 0);
        for (int row = 0; row < tick->rowCount(li); ++row)
            out << QStringLiteral("chip: ") + tick->index(row, 0, li).data().toString();
    }
    for (const QCheckBox *box : w->findChildren<QCheckBox *>())
        if (box->isVisible() && box->objectName().startsWith(QLatin1String("predict:")) &&
            box->objectName() != QLatin1String("predict:none"))
            out << QStringLiteral("quiz: ") + box->text();
    const QAbstractItemModel *sockets = child<QTableView>(w, "sockets")->model();
    for (int row = 0; row < sockets->rowCount(); ++row)
        for (int col = 0; col < sockets->columnCount(); ++col)
            out << QStringLiteral("sockets: ") + sockets->index(row, col).data().toString();
    return out;
}

bool anyEnglishSocketName(const QStringList &shown)
{
    for (const QString &s : shown)
        for (const char *word : {"listener", "conn ", "client "})
            if (s.contains(QLatin1String(word)))
                return true;
    return false;
}

} // namespace

void TestGuiClassroom::theNarrationNamesSocketsAsTheChipsDo_data()
{
    QTest::addColumn<QString>("lang");
    QTest::addColumn<QString>("listener");
    QTest::addColumn<QString>("conn");
    QTest::newRow("en") << "en"
                        << "listener :"
                        << "conn A";
    QTest::newRow("zh") << "zh"
                        << "监听套接字 :"
                        << "连接 A";
}

void TestGuiClassroom::theNarrationNamesSocketsAsTheChipsDo()
{
    // poll-server tick 1 says "poll returns (L0's fd, POLLIN)": the window writes L0 as the
    // chips name it, with the port it is really bound to.
    QFETCH(QString, lang);
    QFETCH(QString, listener);
    QFETCH(QString, conn);
    auto w = openWindow(QStringLiteral("poll-server"), QStringLiteral("poll"), false);
    w->setLanguage(lang);
    action(w.get(), "step")->trigger();
    // A name is kept on one line: its words are joined by no-break spaces.
    const auto oneLine = [](QString s) { return s.replace(QLatin1Char(' '), QChar::Nbsp); };
    listener = oneLine(listener);
    conn = oneLine(conn);
    const QString say = child<QLabel>(w.get(), "narrationSay")->text();
    const quint16 port = sessionOf(w.get())->listeners().value(0).port;
    QVERIFY(port != 0);
    QVERIFY2(say.contains(listener + QString::number(port)), qPrintable(say));
    QVERIFY2(!say.contains(QRegularExpression(QStringLiteral("\\bL0\\b"))), qPrintable(say));
    // Tick 3: "…the events of conn A…" / "这次 conn A 的事件…" reads as the chip does.
    action(w.get(), "step")->trigger();
    action(w.get(), "step")->trigger();
    const QString say3 = child<QLabel>(w.get(), "narrationSay")->text();
    QVERIFY2(say3.contains(conn), qPrintable(say3));
}

void TestGuiClassroom::protocolBytesInTheNarrationAreShown_data()
{
    QTest::addColumn<QString>("lang");
    QTest::newRow("en") << "en";
    QTest::newRow("zh") << "zh";
}

void TestGuiClassroom::protocolBytesInTheNarrationAreShown()
{
    // chat-room tick 3 says the server forwards with "<A> " in front: a QLabel that guesses
    // the format takes <A> for an HTML anchor and shows nothing there.
    QFETCH(QString, lang);
    auto w = openWindow(QStringLiteral("chat-room"), QStringLiteral("select"), false);
    w->setLanguage(lang);
    for (int i = 0; i < 3; ++i)
        action(w.get(), "step")->trigger();
    const auto *say = child<QLabel>(w.get(), "narrationSay");
    QVERIFY2(say->text().contains(QStringLiteral("<A> ")), qPrintable(say->text()));
    QVERIFY(Qt::mightBeRichText(say->text()));
    QCOMPARE(say->textFormat(), Qt::PlainText);
}

void TestGuiClassroom::socketNamesFollowTheLanguage()
{
    // rw-separation at tick 2: the listener and conn A in the lists, a question about tick 3.
    auto w = openWindow(QStringLiteral("rw-separation"), QStringLiteral("select"), false);
    for (int i = 0; i < 2; ++i)
        action(w.get(), "step")->trigger();
    const QStringList en = shownSocketNames(w.get());
    auto has = [](const QStringList &shown, const QString &prefix, const QString &word) {
        for (const QString &s : shown)
            if (s.startsWith(prefix) && s.contains(word))
                return true;
        return false;
    };
    QVERIFY2(has(en, QStringLiteral("chip: "), QStringLiteral("listener :")),
             qPrintable(en.join(QLatin1Char('|'))));
    QVERIFY2(has(en, QStringLiteral("chip: "), QStringLiteral("conn A")),
             qPrintable(en.join(QLatin1Char('|'))));
    QVERIFY2(has(en, QStringLiteral("quiz: "), QStringLiteral("conn A")),
             qPrintable(en.join(QLatin1Char('|'))));
    QVERIFY2(has(en, QStringLiteral("sockets: "), QStringLiteral("client A")),
             qPrintable(en.join(QLatin1Char('|'))));

    // The chips, options and rows already shown are renamed by the switch itself.
    w->setLanguage(QStringLiteral("zh"));
    const QStringList zh = shownSocketNames(w.get());
    QVERIFY2(!anyEnglishSocketName(zh), qPrintable(zh.join(QLatin1Char('|'))));
    QVERIFY2(has(zh, QStringLiteral("chip: "), QStringLiteral("监听套接字 :")),
             qPrintable(zh.join(QLatin1Char('|'))));
    QVERIFY2(has(zh, QStringLiteral("quiz: "), QStringLiteral("连接 A")),
             qPrintable(zh.join(QLatin1Char('|'))));
    QVERIFY2(has(zh, QStringLiteral("sockets: "), QStringLiteral("客户端 A")),
             qPrintable(zh.join(QLatin1Char('|'))));
    // A step in zh keeps them so.
    action(w.get(), "step")->trigger();
    const QStringList next = shownSocketNames(w.get());
    QVERIFY2(!anyEnglishSocketName(next), qPrintable(next.join(QLatin1Char('|'))));

    w->setLanguage(QStringLiteral("en"));
    const QStringList back = shownSocketNames(w.get());
    QVERIFY2(anyEnglishSocketName(back), qPrintable(back.join(QLatin1Char('|'))));
    QVERIFY2(has(back, QStringLiteral("chip: "), QStringLiteral("conn A")),
             qPrintable(back.join(QLatin1Char('|'))));
}

void TestGuiClassroom::aFailedCheckpointIsASentence_data()
{
    QTest::addColumn<QString>("lang");
    QTest::addColumn<QString>("sentence");
    QTest::newRow("en") << QStringLiteral("en")
                        << QStringLiteral("expected conn A to come back ready to read; the kernel "
                                          "returned: listener :9991");
    QTest::newRow("zh") << QStringLiteral("zh")
                        << QStringLiteral("预期连接 A 返回时可读；内核返回的是：监听套接字 :9991");
}

void TestGuiClassroom::aFailedCheckpointIsASentence()
{
    QFETCH(QString, lang);
    QFETCH(QString, sentence);
    // The sentence is built from the window's own names for the sockets it mentions.
    QHash<int, mux::SocketInfo> sockets;
    sockets.insert(
        3,
        {3, mux::Role::Listener, QStringLiteral("L0"), QStringLiteral("listener :9991"), {}, {}});
    sockets.insert(
        5, {5, mux::Role::Conn, QStringLiteral("conn:A"), QStringLiteral("conn A"), {}, {}});
    mux::ReadyNames expected, got;
    expected.r = {QStringLiteral("conn:A")};
    got.r = {QStringLiteral("L0")};
    auto w = openWindow(QStringLiteral("rw-separation"), QStringLiteral("select"), false);
    w->setLanguage(lang);
    QCOMPARE(gui::readySentence(expected, got, sockets), sentence);
    // The lists that held are not named.
    got.w = expected.w = {QStringLiteral("conn:A")};
    QCOMPARE(gui::readySentence(expected, got, sockets), sentence);
    // Never the trace's names.
    QVERIFY(!gui::readySentence(expected, got, sockets).contains(QStringLiteral("conn:A")));
    w->setLanguage(QStringLiteral("en"));
}

void TestGuiClassroom::theWindowSaysWhichCheckpointFailed_data()
{
    QTest::addColumn<QString>("lang");
    QTest::addColumn<QString>("sentence");
    QTest::newRow("en") << QStringLiteral("en")
                        << QStringLiteral("expected conn A to come back ready to read; the kernel "
                                          "returned: listener :%1.");
    QTest::newRow("zh") << QStringLiteral("zh")
                        << QStringLiteral("预期连接 A 返回时可读；内核返回的是：监听套接字 :%1。");
}

void TestGuiClassroom::theWindowSaysWhichCheckpointFailed()
{
    QFETCH(QString, lang);
    QFETCH(QString, sentence);
    // A real outside client connects before the first tick: at tick 2 the listener comes back
    // with it instead of conn A with A's bytes, and the narration says so in words.
    auto w = openWindow(QStringLiteral("rw-separation"), QStringLiteral("select"), false);
    w->setLanguage(lang);
    gui::Session *s = sessionOf(w.get());
    quint16 port = 0;
    for (const mux::SocketInfo &info : s->trace()->socketsAt(0))
        if (info.name == QLatin1String("L0"))
            port = quint16(info.local.section(QLatin1Char(':'), -1).toUInt());
    QVERIFY(port);
    auto outside = mux::net::tcpConnectBlocking({QStringLiteral("127.0.0.1"), port});
    QVERIFY(outside);
    action(w.get(), "step")->trigger();
    action(w.get(), "step")->trigger();
    auto *checks = child<QLabel>(w.get(), "narrationChecks");
    QVERIFY(checks->isVisible());
    QVERIFY2(checks->text().contains(sentence.arg(port)), qPrintable(checks->text()));
    for (const char *trace : {"r=[", "conn:", "L0 "})
        QVERIFY2(!checks->text().contains(QLatin1String(trace)), qPrintable(checks->text()));
    w->setLanguage(QStringLiteral("en"));
}

QTEST_MAIN(TestGuiClassroom)
#include "tst_gui_classroom.moc"
