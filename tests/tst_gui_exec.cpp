// The window on a real program under the tracer: held before its first call, stepped tick by
// tick with the line that made each call lit in its own file, a crash shown with its status
// and traceback, a silent program named as such, and nothing left running once it closes.
// Real python3 processes (tests/exec), widgets reached by objectName.

#include "common/Widgets.h"
#include "exec/TracedProcess.h"
#include "gui/MainWindow.h"
#include "gui/ProgramRun.h"
#include "gui/Session.h"
#include "gui/SyscallLogModel.h"
#include "gui/TraceFiles.h"

#include <QAction>
#include <QDialog>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QSlider>
#include <QStandardPaths>
#include <QTableView>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTextBlock>
#include <QtTest>

#include <memory>

using gui::MainWindow;

namespace {

const QString kPython = QStringLiteral("/usr/bin/python3");

QString execFile(const char *name)
{
    return QStringLiteral(MUXLAB_SOURCE_DIR "/tests/exec/") + QLatin1String(name);
}

/// The 1-based number of the first line of `file` containing `text`.
int lineOf(const QString &file, const QString &text)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    int n = 0;
    while (!f.atEnd()) {
        ++n;
        if (QString::fromUtf8(f.readLine()).contains(text))
            return n;
    }
    return -1;
}

std::unique_ptr<MainWindow> openProgram(const QStringList &command)
{
    MainWindow::Config c;
    c.program = command;
    return showWindow(c);
}

bool alive(qint64 pid)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return false;
    return !status.readAll().contains("State:\tZ");
}

/// The port select_echo.py printed ("listening PORT"), once it has.
quint16 listeningPort(const gui::Session *s)
{
    const QString out = QString::fromUtf8(s->program()->process().outputTail());
    const qsizetype at = out.indexOf(QStringLiteral("listening "));
    return at < 0 ? 0 : quint16(out.mid(at + 10).section(u'\n', 0, 0).trimmed().toUInt());
}

} // namespace

class TestGuiExec : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void steppingLightsTheSelectLine();
    void aCrashShowsItsStatusAndTraceback();
    void aSilentProgramIsNamedSo();
    void closingTheWindowLeavesNoProcess();
    void theFileMenuOpensPrograms();
    void ctrlSSavesAndCtrlEnterRunsTheEditedScript();
    void fullSpeedRunsFreelyAndPauseHoldsIt();
};

void TestGuiExec::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    qputenv("MUXLAB_PRELOAD", MUXTRACE_LIBRARY);
}

void TestGuiExec::steppingLightsTheSelectLine()
{
    const QString script = execFile("select_echo.py");
    auto w = openProgram({kPython, script, QStringLiteral("0")});
    gui::Session *s = sessionOf(w.get());
    QVERIFY(s->hasProgram());
    QVERIFY(w->windowTitle().contains(QStringLiteral("select_echo.py")));
    // Held before the first call: tick 0 (the setup) is there, the program waits at select.
    QTRY_COMPARE_WITH_TIMEOUT(s->cursor(), qsizetype(0), 20000);
    QTRY_VERIFY_WITH_TIMEOUT(s->program()->isHeld(), 20000);
    const int selectLine = lineOf(script, QStringLiteral("select.select("));
    QVERIFY(selectLine > 0);
    QCOMPARE(litLine(w.get()), selectLine);
    QVERIFY(!child<QPlainTextEdit>(w.get(), "programEditor")->isReadOnly());
    QTRY_VERIFY_WITH_TIMEOUT(listeningPort(s) != 0, 10000);
    // "Connect a client…" offers the commands for the program's own listener.
    child<QAction>(w.get(), "connectClient")->trigger();
    auto *connect = child<QDialog>(w.get(), "connectDialog");
    bool offered = false;
    for (const QLineEdit *line : connect->findChildren<QLineEdit *>())
        offered |= line->text().contains(QString::number(listeningPort(s)));
    QVERIFY(offered);
    connect->close();

    // The echo server's three ticks: accept, echo, the peer's close. Each client act is in the
    // kernel before the step, so the select it lets run returns at once.
    QTcpSocket c;
    c.connectToHost(QStringLiteral("127.0.0.1"), listeningPort(s));
    QVERIFY(c.waitForConnected(10000));
    QAction *step = child<QAction>(w.get(), "step");
    step->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(s->cursor(), qsizetype(1), 20000);
    QCOMPARE(s->trace()->at(1).actions.value(0).call, mux::Action::Call::Accept);
    c.write("hello");
    QVERIFY(c.waitForBytesWritten(5000));
    QTRY_VERIFY_WITH_TIMEOUT(s->program()->isHeld(), 20000);
    step->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(s->cursor(), qsizetype(2), 20000);
    QTRY_VERIFY_WITH_TIMEOUT(c.bytesAvailable() >= 5 || c.waitForReadyRead(100), 10000);
    QCOMPARE(c.readAll(), QByteArray("hello"));
    c.close();
    QTRY_VERIFY_WITH_TIMEOUT(s->program()->isHeld(), 20000);
    step->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(s->cursor(), qsizetype(3), 20000);
    QCOMPARE(s->program()->lineAt(3), selectLine);
    QCOMPARE(litLine(w.get()), selectLine);
    QVERIFY(child<QLabel>(w.get(), "programState")->text().contains(QStringLiteral("Held")));

    // Back in history the lit line follows the cursor; the program stays where it was.
    child<QAction>(w.get(), "back")->trigger();
    QCOMPARE(s->cursor(), qsizetype(2));
    QCOMPARE(litLine(w.get()), selectLine);
    QCOMPARE(s->trace()->size(), qsizetype(4));

    // File ▸ Save trace keeps the line each call came from.
    QTemporaryDir dir;
    const QString saved = dir.filePath(QStringLiteral("run.json"));
    QVERIFY(child<gui::TraceFiles>(w.get(), "traceFiles")->saveTrace(saved));
    QFile f(saved);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll().count(
                 QStringLiteral("\"source\":\"%1:%2\"").arg(script).arg(selectLine).toUtf8()),
             3);
}

void TestGuiExec::aCrashShowsItsStatusAndTraceback()
{
    const QString script = execFile("crash.py");
    auto w = openProgram({kPython, script});
    gui::Session *s = sessionOf(w.get());
    QTRY_VERIFY_WITH_TIMEOUT(s->program() && s->program()->isHeld(), 20000);
    auto *ended = child<QLabel>(w.get(), "programEnded");
    QVERIFY(ended->isHidden());
    child<QAction>(w.get(), "step")->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(s->program()->isFinished(), 20000);
    QVERIFY(s->atEnd());
    QVERIFY(!ended->isHidden());
    QCOMPARE(ended->text(), QStringLiteral("crash.py exited with status 1."));
    QTRY_VERIFY_WITH_TIMEOUT(child<QPlainTextEdit>(w.get(), "programOutput")
                                 ->toPlainText()
                                 .contains(QStringLiteral("RuntimeError: the server fell over")),
                             10000);
    QCOMPARE(litLine(w.get()), lineOf(script, QStringLiteral("raise RuntimeError")));
    // The tick where it ended is the one of its select call; history stays browsable.
    QCOMPARE(s->program()->lineAt(s->cursor()), lineOf(script, QStringLiteral("select.select(")));
    child<QAction>(w.get(), "back")->trigger();
    QVERIFY(ended->isHidden());
    child<QAction>(w.get(), "forward")->trigger();
    QVERIFY(!ended->isHidden());
    QCOMPARE(litLine(w.get()), lineOf(script, QStringLiteral("raise RuntimeError")));
    // Run it again: a new run, held before its first call.
    child<QAction>(w.get(), "restart")->trigger();
    QVERIFY(!s->program()->isFinished());
    QTRY_VERIFY_WITH_TIMEOUT(s->program()->isHeld(), 20000);
    QVERIFY(ended->isHidden());
}

void TestGuiExec::aSilentProgramIsNamedSo()
{
    auto w = openProgram({kPython, execFile("silent.py"), QStringLiteral("60")});
    gui::Session *s = sessionOf(w.get());
    auto *state = child<QLabel>(w.get(), "programState");
    QTRY_COMPARE_WITH_TIMEOUT(state->text(),
                              QStringLiteral("running, no select/poll/epoll call yet"), 30000);
    QVERIFY(s->isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(child<QPlainTextEdit>(w.get(), "programOutput")
                                 ->toPlainText()
                                 .contains(QStringLiteral("just sleeping")),
                             10000);
    // Stepping a program that has made no call does nothing and hangs nothing.
    child<QAction>(w.get(), "step")->trigger();
    QVERIFY(s->isEmpty());
}

void TestGuiExec::closingTheWindowLeavesNoProcess()
{
    // forks.py forks a child that runs on its own for 60 s before the parent's first select.
    auto w = openProgram({kPython, execFile("forks.py"), QStringLiteral("60")});
    gui::Session *s = sessionOf(w.get());
    QTRY_VERIFY_WITH_TIMEOUT(s->program()->process().outputTail().contains("child "), 20000);
    const qint64 parent = s->program()->process().pid();
    const qint64 forked = QString::fromUtf8(s->program()->process().outputTail())
                              .section(QStringLiteral("child "), 1)
                              .section(u'\n', 0, 0)
                              .toLongLong();
    QVERIFY(parent > 0 && forked > 0);
    QVERIFY(alive(parent));
    QVERIFY(alive(forked));
    w->close();
    w.reset();
    QTRY_VERIFY_WITH_TIMEOUT(!alive(parent), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(!alive(forked), 10000);
}

void TestGuiExec::theFileMenuOpensPrograms()
{
    auto w = openProgram({kPython, execFile("select_echo.py"), QStringLiteral("0")});
    QAction *open = child<QAction>(w.get(), "openProgram");
    QCOMPARE(open->text(), QStringLiteral("Open &program…"));
    const QList<QAction *> file = w->menuBar()->actions().value(0)->menu()->actions();
    QCOMPARE(file.value(0), open);
    QVERIFY(child<QMenu>(w.get(), "recentPrograms") != nullptr);
    // Opening a lesson puts the lesson's panes back and ends the program.
    gui::Session *s = sessionOf(w.get());
    QTRY_VERIFY_WITH_TIMEOUT(s->program()->isHeld(), 20000);
    const qint64 pid = s->program()->process().pid();
    QVERIFY(w->openLesson(QStringLiteral("select-echo")));
    QVERIFY(!s->hasProgram());
    QTRY_VERIFY_WITH_TIMEOUT(!alive(pid), 10000);
    QVERIFY(child<QWidget>(w.get(), "programStatus")->isHidden());
}

void TestGuiExec::ctrlSSavesAndCtrlEnterRunsTheEditedScript()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString script = dir.filePath(QStringLiteral("mine.py"));
    QVERIFY(QFile::copy(execFile("select_echo.py"), script));
    // The module it imports, beside it as in tests/exec.
    QVERIFY(QFile::copy(execFile("echo_loop.py"), dir.filePath(QStringLiteral("echo_loop.py"))));
    QFile::setPermissions(script, QFile::ReadOwner | QFile::WriteOwner);
    const int selectLine = lineOf(script, QStringLiteral("select.select("));
    auto w = openProgram({kPython, script, QStringLiteral("0")});
    gui::Session *s = sessionOf(w.get());
    QTRY_VERIFY_WITH_TIMEOUT(s->program()->isHeld(), 20000);
    QTRY_COMPARE_WITH_TIMEOUT(litLine(w.get()), selectLine, 10000);
    const qint64 firstPid = s->program()->process().pid();

    auto *editor = child<QPlainTextEdit>(w.get(), "programEditor");
    editor->setFocus();
    editor->moveCursor(QTextCursor::Start);
    QTest::keyClicks(editor, QStringLiteral("# my own line"));
    QTest::keyClick(editor, Qt::Key_Return);
    QVERIFY(editor->document()->isModified());
    QTest::keyClick(editor, Qt::Key_S, Qt::ControlModifier);
    QVERIFY(!editor->document()->isModified());
    QCOMPARE(lineOf(script, QStringLiteral("# my own line")), 1);
    QCOMPARE(s->program()->process().pid(), firstPid); // saving alone does not restart

    // Ctrl+Enter: a new run of the saved file, its select one line further down.
    QTest::keyClicks(editor, QStringLiteral("# and another"));
    QTest::keyClick(editor, Qt::Key_Return);
    QTest::keyClick(editor, Qt::Key_Return, Qt::ControlModifier);
    QCOMPARE(lineOf(script, QStringLiteral("# and another")), 2);
    QVERIFY(s->program()->process().pid() != firstPid);
    QTRY_VERIFY_WITH_TIMEOUT(s->program()->isHeld(), 20000);
    QTRY_COMPARE_WITH_TIMEOUT(litLine(w.get()), selectLine + 2, 10000);
    QCOMPARE(s->program()->lineAt(s->cursor()) + 0,
             0); // tick 0 carries no line: the held one is lit
}

void TestGuiExec::fullSpeedRunsFreelyAndPauseHoldsIt()
{
    // A tight select(timeout 0) loop at full speed: thousands of ticks, the panes told about
    // them a frame at a time, only the newest kept; Pause holds it, Step makes one tick.
    auto w = openProgram({kPython, execFile("busy_select.py")});
    gui::Session *s = sessionOf(w.get());
    QTRY_VERIFY_WITH_TIMEOUT(s->program()->isHeld(), 20000);
    auto *speed = child<QSlider>(w.get(), "speed");
    QCOMPARE(speed->maximum(), 8); // the eight timed speeds, then full speed
    speed->setValue(speed->maximum());
    QSignalSpy appended(s, &gui::Session::tickAppended);
    auto *run = child<QAction>(w.get(), "run");
    run->setChecked(true);
    QVERIFY(s->programFree());
    QVERIFY(!s->program()->isHeld());

    // Run until the trace has dropped its oldest ticks (bounded: the loop makes thousands of
    // calls a second even on a loaded machine).
    const mux::Trace &trace = *s->trace();
    QTRY_VERIFY_WITH_TIMEOUT(trace.firstKept() > 0, 240000);
    QVERIFY(trace.size() - trace.firstKept() <= gui::ProgramRun::kKeepTicks + 4096);
    // Painting is coalesced: the panes heard of the ticks far fewer times than there were.
    QVERIFY2(appended.size() < trace.size() / 4,
             qPrintable(
                 QStringLiteral("%1 appends for %2 ticks").arg(appended.size()).arg(trace.size())));
    // The timeline says older ticks were dropped; the log starts at the first kept tick.
    QTRY_VERIFY_WITH_TIMEOUT(child<QLabel>(w.get(), "timelineDropped")->isVisibleTo(w.get()),
                             10000);
    QAbstractItemModel *log = child<QTableView>(w.get(), "syscallLog")->model();
    QTRY_VERIFY_WITH_TIMEOUT(log->rowCount() > 0, 10000);
    QVERIFY(log->index(0, 0).data(gui::SyscallLogModel::TickIndexRole).toLongLong() >=
            trace.firstKept());

    // Pause: held at its next call; the tick count stands still; the view is on the newest.
    run->setChecked(false);
    QVERIFY(!s->programFree());
    QTRY_VERIFY_WITH_TIMEOUT(s->program()->isHeld(), 20000);
    const qsizetype heldAt = trace.size();
    QCOMPARE(s->cursor(), heldAt - 1);
    QTest::qWait(300);
    QCOMPARE(trace.size(), heldAt);
    QVERIFY(trace.size() - trace.firstKept() <= gui::ProgramRun::kKeepTicks + 4096);

    // Step: exactly one more tick, held again before the next call.
    child<QAction>(w.get(), "step")->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(trace.size(), heldAt + 1, 20000);
    QTRY_VERIFY_WITH_TIMEOUT(s->program()->isHeld(), 20000);
    QTest::qWait(300);
    QCOMPARE(trace.size(), heldAt + 1);
    QCOMPARE(s->cursor(), heldAt);
}

QTEST_MAIN(TestGuiExec)
#include "tst_gui_exec.moc"
