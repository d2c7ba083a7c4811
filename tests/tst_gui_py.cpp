// The window on real Python programs with simulated clients: a lesson switched to "the Python
// program" steps the lesson's own .py under the tracer and gives the ticks `--headless --server
// python` gives, with the call's line lit; and a learner's own select server opened with --exec
// takes a simulated client from the Clients tab (add, connect, send) that gets its echo. Real
// python3 processes, widgets reached by objectName, and no python process left afterwards.

#include "common/Processes.h"
#include "common/Widgets.h"
#include "exec/TracedProcess.h"
#include "gui/ClientsModel.h"
#include "gui/MainWindow.h"
#include "gui/ProgramRun.h"
#include "gui/Session.h"
#include "gui/SyscallLogModel.h"
#include "gui/TraceFiles.h"
#include "lesson/LessonFiles.h"
#include "lesson/LessonRun.h"

#include <QAction>
#include <QComboBox>
#include <QDirIterator>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTextBlock>
#include <QtTest>

#include <memory>

using gui::MainWindow;

namespace {

const QString kPython = QStringLiteral("/usr/bin/python3");

} // namespace

class TestGuiPy : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void aLessonOnItsPythonProgramStepsAsHeadless_data();
    void aLessonOnItsPythonProgramStepsAsHeadless();
    void aSimulatedClientTalksToAnExecProgram();
    void anOpenedExecTraceNamesItsClients();
    void aProgramWithoutAListenerRefusesAConnect();
};

void TestGuiPy::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    qputenv("MUXLAB_PRELOAD", MUXTRACE_LIBRARY);
    qputenv("MUXLAB_LESSONS_DIR", MUXLAB_SOURCE_DIR "/lessons");
}

void TestGuiPy::aLessonOnItsPythonProgramStepsAsHeadless_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<bool>("crashes"); ///< the document's program dies before the script ends
    QTest::newRow("select-echo") << QStringLiteral("select-echo") << false;
    QTest::newRow("rw-separation: BrokenPipeError") << QStringLiteral("rw-separation") << true;
    // The program is a client; muxlab's server is the other process it talks to.
    QTest::newRow("client-side-select: a client") << QStringLiteral("client-side-select") << false;
}

void TestGuiPy::aLessonOnItsPythonProgramStepsAsHeadless()
{
    QFETCH(QString, id);
    QFETCH(bool, crashes);
    const auto lesson = mux::findLesson(id);
    QVERIFY(lesson);
    const QString file = QFileInfo(gui::Session::pythonProgramFile(*lesson)).canonicalFilePath();
    QVERIFY(!file.isEmpty());

    // What the command line gives for the same lesson on the same server.
    QTemporaryDir dir;
    const QString saved = dir.filePath(QStringLiteral("headless.json"));
    QProcess headless;
    headless.start(QStringLiteral(MUXLAB_BINARY),
                   {QStringLiteral("--headless"), QStringLiteral("--lesson"), id,
                    QStringLiteral("--server"), QStringLiteral("python"), QStringLiteral("--trace"),
                    saved});
    QVERIFY(headless.waitForFinished(240000));
    auto expected = mux::Trace::load(saved);
    QVERIFY2(expected, qPrintable(QString::fromUtf8(headless.readAllStandardError())));
    QVERIFY(expected->size() > 3);

    MainWindow::Config c;
    c.lesson = id;
    c.server = QStringLiteral("python");
    auto w = showWindow(c);
    gui::Session *s = sessionOf(w.get());
    QVERIFY(s->runsLessonProgram());
    QCOMPARE(s->lesson()->id, id);
    auto *server = child<QComboBox>(w.get(), "serverCombo");
    QVERIFY(server->isEnabled());
    QCOMPARE(server->currentIndex(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(s->program()->isHeld(), 20000);
    QTRY_COMPARE_WITH_TIMEOUT(s->cursor(), qsizetype(0), 20000);
    // The lesson's own .py, shown and not editable: saving would change the lesson.
    QVERIFY(child<QPlainTextEdit>(w.get(), "programEditor")->isReadOnly());

    QAction *step = child<QAction>(w.get(), "step");
    auto *checks = child<QLabel>(w.get(), "narrationChecks");
    bool sawDiffers = false;
    for (qsizetype i = 1; i < expected->size(); ++i) {
        QTRY_VERIFY_WITH_TIMEOUT(s->program()->isHeld() || s->programEnded(), 20000);
        if (s->programEnded())
            break;
        step->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(s->trace()->size() > i || s->programEnded(), 20000);
        QTRY_COMPARE_WITH_TIMEOUT(s->cursor(), qsizetype(s->trace()->size() - 1), 5000);
        QCOMPARE(s->cursor(), i);
        QCOMPARE(s->trace()->at(i).tick, expected->at(i).tick);
        const mux::ReadyNames got = mux::LessonRun::readyNamesAt(*s->trace(), i);
        const mux::ReadyNames want = mux::LessonRun::readyNamesAt(*expected, i);
        QVERIFY2(got == want, qPrintable(QStringLiteral("tick %1: %2, headless %3")
                                             .arg(i)
                                             .arg(got.toString(), want.toString())));
        // The lit line is the line of this tick's call, in the lesson's own file.
        const int line = s->program()->lineAt(i);
        QVERIFY(line > 0);
        QCOMPARE(QFileInfo(s->program()->fileAt(i)).canonicalFilePath(), file);
        if (!s->programEnded())
            QCOMPARE(litLine(w.get()), line);
        const mux::LessonStep *st = lesson->stepAt(s->trace()->at(i).tick);
        if (st && st->differs.contains(QStringLiteral("python"))) {
            sawDiffers = true;
            QVERIFY(checks->isVisible());
            QVERIFY(checks->text().contains(QStringLiteral("differs from muxlab's server")));
        }
    }
    QCOMPARE(s->trace()->size(), expected->size());
    if (crashes) {
        // Past the script's end the program goes on: a few passes later it dies.
        for (int extra = 0; extra < 6 && !s->programEnded(); ++extra) {
            QTRY_VERIFY_WITH_TIMEOUT(s->program()->isHeld() || s->programEnded(), 20000);
            step->trigger();
        }
        QTRY_VERIFY_WITH_TIMEOUT(s->programEnded(), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(s->atEnd(), 5000);
        QVERIFY(sawDiffers);
        // The exit and the traceback's last line, at the tick where it ended.
        QTRY_VERIFY_WITH_TIMEOUT(checks->text().contains(QStringLiteral("BrokenPipeError")), 10000);
        QVERIFY(checks->text().contains(QStringLiteral("The program ended")));
    }

    w.reset();
    QTRY_VERIFY_WITH_TIMEOUT(processesRunning(file).isEmpty(), 10000);
}

void TestGuiPy::aSimulatedClientTalksToAnExecProgram()
{
    const QString script = QStringLiteral(MUXLAB_SOURCE_DIR "/tests/exec/select_echo.py");
    MainWindow::Config c;
    c.program = QStringList{kPython, script, QStringLiteral("0")};
    auto w = showWindow(c);
    gui::Session *s = sessionOf(w.get());
    QVERIFY(s->hasProgram());
    QTRY_VERIFY_WITH_TIMEOUT(s->program()->isHeld(), 20000);
    QTRY_COMPARE_WITH_TIMEOUT(s->cursor(), qsizetype(0), 20000);

    auto *add = child<QPushButton>(w.get(), "clientAdd");
    QVERIFY(add->isEnabled());
    add->click();
    QCOMPARE(s->clientNames(), QStringList{QStringLiteral("A")});
    QCOMPARE(child<QComboBox>(w.get(), "clientListener")->count(), 1);
    // "Step at once" is on: each op runs in the next tick.
    auto *connect = child<QPushButton>(w.get(), "clientConnect");
    QVERIFY(connect->isEnabled());
    connect->click();
    QTRY_COMPARE_WITH_TIMEOUT(s->cursor(), qsizetype(1), 20000);
    auto called = [s](qsizetype i, mux::Action::Actor actor, mux::Action::Call call) {
        for (const mux::Action &a : s->trace()->at(i).actions)
            if (a.actor == actor && a.call == call)
                return true;
        return false;
    };
    using Actor = mux::Action::Actor;
    using Call = mux::Action::Call;
    QVERIFY(called(1, Actor::Client, Call::Connect));
    QVERIFY(called(1, Actor::Server, Call::Accept));
    // The conn the program accepted is named after the simulated client at its far end.
    bool named = false;
    for (const mux::SocketInfo &info : s->trace()->socketsAt(1))
        named |= info.name == QLatin1String("conn:A");
    QVERIFY(named);

    QTRY_VERIFY_WITH_TIMEOUT(s->program()->isHeld(), 20000);
    child<QLineEdit>(w.get(), "clientText")->setText(QStringLiteral("hello"));
    auto *send = child<QPushButton>(w.get(), "clientSend");
    QVERIFY(send->isEnabled());
    send->click();
    QTRY_COMPARE_WITH_TIMEOUT(s->cursor(), qsizetype(2), 20000);
    QVERIFY(called(2, Actor::Client, Call::Send));
    QVERIFY(called(2, Actor::Server, Call::Recv));
    QVERIFY(called(2, Actor::Server, Call::Send));
    // The echo reached the client within the tick: it read it back.
    QCOMPARE(s->trace()->receivedByClients(2).value(0), QByteArray("hello"));
    QCOMPARE(mux::LessonRun::readyNamesAt(*s->trace(), 2).r, QStringList{QStringLiteral("conn:A")});

    w.reset();
    QTRY_VERIFY_WITH_TIMEOUT(processesRunning(script).isEmpty(), 10000);
}

void TestGuiPy::anOpenedExecTraceNamesItsClients()
{
    // Two clients added, only the second (B) acts: saved, then opened with File ▸ Open trace,
    // the log and the Clients tab name it B, as the run did, not by its index.
    const QString script = QStringLiteral(MUXLAB_SOURCE_DIR "/tests/exec/select_echo.py");
    MainWindow::Config c;
    c.program = QStringList{kPython, script, QStringLiteral("0")};
    auto w = showWindow(c);
    gui::Session *s = sessionOf(w.get());
    QTRY_VERIFY_WITH_TIMEOUT(s->program()->isHeld(), 20000);
    QTRY_COMPARE_WITH_TIMEOUT(s->cursor(), qsizetype(0), 20000);
    auto *add = child<QPushButton>(w.get(), "clientAdd");
    add->click();
    add->click();
    const QStringList names{QStringLiteral("A"), QStringLiteral("B")};
    QCOMPARE(s->clientNames(), names);
    child<QComboBox>(w.get(), "clientChoice")->setCurrentIndex(1);
    child<QPushButton>(w.get(), "clientConnect")->click();
    QTRY_COMPARE_WITH_TIMEOUT(s->cursor(), qsizetype(1), 20000);
    QTRY_VERIFY_WITH_TIMEOUT(s->program()->isHeld(), 20000);
    child<QLineEdit>(w.get(), "clientText")->setText(QStringLiteral("hello"));
    child<QPushButton>(w.get(), "clientSend")->click();
    QTRY_COMPARE_WITH_TIMEOUT(s->cursor(), qsizetype(2), 20000);
    QCOMPARE(s->trace()->receivedByClients(2).value(1), QByteArray("hello"));

    QTemporaryDir dir;
    const QString saved = dir.filePath(QStringLiteral("run.json"));
    auto *files = child<gui::TraceFiles>(w.get(), "traceFiles");
    QVERIFY(files->saveTrace(saved));
    QVERIFY(files->openTrace(saved));
    QVERIFY(!s->hasProgram());
    QCOMPARE(s->clientNames(), names);
    s->setCursor(s->trace()->size() - 1);
    QAbstractItemModel *log = child<QTableView>(w.get(), "syscallLog")->model();
    QStringList who;
    for (int r = 0; r < log->rowCount(); ++r)
        who.append(log->index(r, gui::SyscallLogModel::WhoColumn).data().toString());
    QVERIFY2(who.contains(QStringLiteral("client B")), qPrintable(who.join(u'|')));
    QVERIFY2(!who.contains(QStringLiteral("client 1")), qPrintable(who.join(u'|')));
    QAbstractItemModel *clients = child<QTableView>(w.get(), "clientsTable")->model();
    QCOMPARE(clients->rowCount(), 2);
    QCOMPARE(clients->index(1, gui::ClientsModel::NameColumn).data().toString(),
             QStringLiteral("client B"));
    QVERIFY(clients->index(1, gui::ClientsModel::ReceivedColumn)
                .data()
                .toString()
                .contains(QStringLiteral("hello")));

    w.reset();
    QTRY_VERIFY_WITH_TIMEOUT(processesRunning(script).isEmpty(), 10000);
}

void TestGuiPy::aProgramWithoutAListenerRefusesAConnect()
{
    // A program that selects on a pipe only: a simulated client has nowhere to connect.
    QTemporaryDir dir;
    const QString script = dir.filePath(QStringLiteral("pipe_select.py"));
    QFile f(script);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("import os, select\nr, w = os.pipe()\nwhile True:\n    select.select([r], [], [], "
            "0.5)\n");
    f.close();
    MainWindow::Config c;
    c.program = QStringList{kPython, script};
    auto w = showWindow(c);
    gui::Session *s = sessionOf(w.get());
    QTRY_VERIFY_WITH_TIMEOUT(s->program() && s->program()->isHeld(), 20000);
    child<QPushButton>(w.get(), "clientAdd")->click();
    QCOMPARE(s->clientNames(), QStringList{QStringLiteral("A")});
    QSignalSpy refused(s, &gui::Session::errorRaised);
    child<QPushButton>(w.get(), "clientConnect")->click();
    QCOMPARE(refused.size(), 1);
    QVERIFY(refused.first().first().toString().contains(QStringLiteral("no listening socket")));
    QVERIFY(s->pendingOps().isEmpty());

    w.reset();
    QTRY_VERIFY_WITH_TIMEOUT(processesRunning(script).isEmpty(), 10000);
}

QTEST_MAIN(TestGuiPy)
#include "tst_gui_py.moc"
