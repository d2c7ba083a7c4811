// muxlab --exec: real programs (Python on select, poll, epoll and selectors; C on poll and
// epoll) run under libmuxtrace.so, each multiplexing call checked as a headless line.

#include "exec/ScriptedRun.h"
#include "exec/TracedProcess.h"
#include "lesson/Lesson.h"
#include "net/FreePorts.h"
#include "net/Socket.h"
#include "trace/Trace.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>

#include <fcntl.h>

using namespace mux;

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

/// muxlab --exec --headless running `command`, its stderr read as it comes.
struct Run {
    QProcess p;
    QByteArray err;
    explicit Run(const QStringList &command, const QStringList &extra = {})
    {
        QStringList args{QStringLiteral("--exec"), QStringLiteral("--headless")};
        args << extra << QStringLiteral("--") << command;
        p.start(QStringLiteral(MUXLAB_BINARY), args);
    }
    ~Run()
    {
        if (p.state() != QProcess::NotRunning) {
            p.kill();
            p.waitForFinished(10000);
        }
    }
    /// Waits (bounded) until stderr has a line matching `re`; returns its first capture.
    QString waitFor(const QRegularExpression &re, int ms = 30000)
    {
        QDeadlineTimer deadline(ms);
        for (;;) {
            err += p.readAllStandardError();
            if (const auto m = re.match(QString::fromUtf8(err)); m.hasMatch())
                return m.captured(1);
            if (deadline.hasExpired() || p.state() == QProcess::NotRunning)
                return {};
            p.waitForReadyRead(100);
        }
    }
    int finish(int ms = 30000)
    {
        if (!p.waitForFinished(ms))
            return -100;
        err += p.readAllStandardError();
        return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    }
    QStringList lines() { return QString::fromUtf8(p.readAllStandardOutput()).split(u'\n'); }
};

/// Connects, sends "hello", reads the echo, closes: the three ticks every echo server makes.
bool echoOnce(quint16 port)
{
    QTcpSocket c;
    c.connectToHost(QStringLiteral("127.0.0.1"), port);
    if (!c.waitForConnected(10000))
        return false;
    c.write("hello");
    c.waitForBytesWritten(5000);
    QByteArray got;
    QDeadlineTimer deadline(10000);
    while (got.size() < 5 && !deadline.hasExpired())
        if (c.waitForReadyRead(200))
            got += c.readAll();
    c.close();
    return got == "hello";
}

bool alive(qint64 pid)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return false;
    return !status.readAll().contains("State:\tZ"); // a zombie has ended: only unreaped
}

} // namespace

class TestExec : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void echoServersShowEveryCall_data();
    void echoServersShowEveryCall();
    void traceFileKeepsTheSourceLine();
    void pacedRunGivesTheSameLines();
    void maxTicksStopsTheProgram();
    void crashingProgramSaysWhy();
    void failedSendShowsTheBytesItTried();
    void programWithNoCallExitsOne();
    void silentProgramIsReportedAndStopsOnSigterm();
    void refusals_data();
    void refusals();
    void forkedChildRunsUntraced();
    void channelSurvivesCloseAndDup2();
    void sigkillOfMuxlabLeavesNoSurvivor();
    void callsFromAThreadAreMarked();
    void stepModeHoldsBeforeEachCall();
    void freeRunIsHeldAgain();
    void takenPortIsLeftForAFreeOne();
};

void TestExec::initTestCase()
{
    // The expected lines name descriptors (listener 3, conn 4) as a program run from a shell
    // numbers them. Whatever this test inherited from its runner (ctest passes its own) must
    // not reach the traced programs and shift their numbers.
    for (int fd = 3; fd < 1024; ++fd)
        if (const int flags = ::fcntl(fd, F_GETFD); flags >= 0)
            ::fcntl(fd, F_SETFD, flags | FD_CLOEXEC);
}

void TestExec::echoServersShowEveryCall_data()
{
    QTest::addColumn<QStringList>("command");
    QTest::addColumn<QString>("call");     // how the tick's call starts
    QTest::addColumn<QString>("accepted"); // what the first tick returns
    QTest::addColumn<QString>("source");   // the text of the line the tick is attributed to
    const QString s = QStringLiteral("select([3],[],[], 5.0) = 1 ([3],[],[])");
    QTest::newRow("python select.select")
        << QStringList{kPython, execFile("select_echo.py")} << QStringLiteral("select(") << s
        << QStringLiteral("select.select(rlist");
    QTest::newRow("python behind a shell wrapper")
        << QStringList{execFile("wrapper.sh")} << QStringLiteral("select(") << s
        << QStringLiteral("select.select(rlist");
    QTest::newRow("python select.poll")
        << QStringList{kPython, execFile("poll_echo.py")} << QStringLiteral("poll(")
        << QStringLiteral("poll([{3, POLLIN}], 1, 5000) = 1 [{3, POLLIN}]")
        << QStringLiteral("poller.poll(");
    QTest::newRow("python select.epoll")
        << QStringList{kPython, execFile("epoll_echo.py")} << QStringLiteral("epoll_wait(")
        << QStringLiteral("epoll_wait(watching 1, 5000) = 1 [{3, EPOLLIN}]")
        << QStringLiteral("ep.poll(");
    QTest::newRow("python selectors")
        << QStringList{kPython, execFile("selectors_echo.py")} << QStringLiteral("epoll_wait(")
        << QStringLiteral("epoll_wait(watching 1, 5000) = 1 [{4, EPOLLIN}]") // epoll is fd 3
        << QStringLiteral("sel.select(");
    QTest::newRow("C poll") << QStringList{QStringLiteral(EXEC_POLL_ECHO)}
                            << QStringLiteral("poll(")
                            << QStringLiteral("poll([{3, POLLIN}], 1, 5000) = 1 [{3, POLLIN}]")
                            << QString();
    QTest::newRow("C epoll") << QStringList{QStringLiteral(EXEC_EPOLL_ECHO)}
                             << QStringLiteral("epoll_wait(")
                             << QStringLiteral("epoll_wait(watching 1, 5000) = 1 [{3, EPOLLIN}]")
                             << QString();
}

void TestExec::echoServersShowEveryCall()
{
    QFETCH(QStringList, command);
    QFETCH(QString, call);
    QFETCH(QString, accepted);
    QFETCH(QString, source);
    // Port 0: the kernel picks one; three calls: accept, echo, the peer's close.
    Run run(command << QStringLiteral("0") << QStringLiteral("3"));
    const quint16 port =
        quint16(run.waitFor(QRegularExpression(QStringLiteral("listening (\\d+)"))).toUInt());
    QVERIFY2(port > 0, run.err.constData());
    QVERIFY(echoOnce(port));
    QCOMPARE(run.finish(), 0);
    const QStringList lines = run.lines();
    auto tick = [&](int n) {
        const QString head = QStringLiteral("tick %1  ").arg(n);
        for (const QString &l : lines)
            if (l.startsWith(head))
                return l;
        return QString();
    };
    const QString t1 = tick(1), t2 = tick(2), t3 = tick(3);
    QVERIFY2(!tick(0).isEmpty(), qPrintable(lines.join(u'\n')));
    QVERIFY2(t1.startsWith(QStringLiteral("tick 1  ") + accepted), qPrintable(t1));
    QVERIFY2(t1.contains(QRegularExpression(QStringLiteral("accept\\(\\d\\) = \\d"))),
             qPrintable(t1));
    for (const QString &t : {t2, t3})
        QVERIFY2(t.startsWith(QStringLiteral("tick ") + t.mid(5, 1) + QStringLiteral("  ") + call),
                 qPrintable(t));
    QVERIFY2(t2.contains(QStringLiteral(", 1024) = 5 \"hello\"")), qPrintable(t2));
    QVERIFY2(t2.contains(QStringLiteral(", \"hello\") = 5")), qPrintable(t2));
    QVERIFY2(t3.contains(QStringLiteral(", 1024) = 0")), qPrintable(t3));
    QVERIFY2(t3.contains(QStringLiteral("close(")), qPrintable(t3));
    QVERIFY2(tick(4).isEmpty(), qPrintable(tick(4)));
    if (source.isEmpty()) {
        QVERIFY2(!t1.contains(QStringLiteral(" @ ")), qPrintable(t1));
    } else {
        const QString file = command.at(0).endsWith(QLatin1String(".sh"))
                                 ? execFile("select_echo.py")
                                 : command.at(1);
        const QString at = QStringLiteral(" @ %1:%2").arg(file).arg(lineOf(file, source));
        for (const QString &t : {t1, t2, t3})
            QVERIFY2(t.endsWith(at), qPrintable(t + QStringLiteral("\nwanted") + at));
    }
    QVERIFY2(lines.join(u'\n').contains(QStringLiteral("listener :%1").arg(port)),
             qPrintable(lines.join(u'\n')));
}

void TestExec::traceFileKeepsTheSourceLine()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("run.json"));
    Run run({kPython, execFile("select_echo.py"), QStringLiteral("0"), QStringLiteral("3")},
            {QStringLiteral("--trace"), file});
    const quint16 port =
        quint16(run.waitFor(QRegularExpression(QStringLiteral("listening (\\d+)"))).toUInt());
    QVERIFY(port > 0);
    QVERIFY(echoOnce(port));
    QCOMPARE(run.finish(), 0);
    auto trace = Trace::load(file);
    QVERIFY2(trace, qPrintable(trace.error().text));
    QCOMPARE(trace->size(), qsizetype(4));
    const QString at =
        QStringLiteral("%1:%2")
            .arg(execFile("select_echo.py"))
            .arg(lineOf(execFile("select_echo.py"), QStringLiteral("select.select(")));
    QFile json(file);
    QVERIFY(json.open(QIODevice::ReadOnly));
    const QJsonArray ticks =
        QJsonDocument::fromJson(json.readAll()).object().value(QStringLiteral("ticks")).toArray();
    QVERIFY(!ticks.at(0).toObject().contains(QStringLiteral("source"))); // the setup
    for (int i = 1; i < 4; ++i)
        QCOMPARE(ticks.at(i).toObject().value(QStringLiteral("source")).toString(), at);
    QCOMPARE(trace->at(2).ret, 1);
    QCOMPARE(trace->interestAt(2).size(), qsizetype(2)); // the listener and the conn
}

void TestExec::pacedRunGivesTheSameLines()
{
    // Held before each call for 20 ms: the program makes the same calls with the same results.
    QStringList lines[2];
    for (int paced = 0; paced < 2; ++paced) {
        Run run({kPython, execFile("select_echo.py"), QStringLiteral("0"), QStringLiteral("3")},
                paced ? QStringList{QStringLiteral("--pace"), QStringLiteral("20")}
                      : QStringList{});
        const quint16 port =
            quint16(run.waitFor(QRegularExpression(QStringLiteral("listening (\\d+)"))).toUInt());
        QVERIFY(port > 0);
        QVERIFY(echoOnce(port));
        QCOMPARE(run.finish(), 0);
        for (QString l : run.lines())
            if (l.startsWith(QStringLiteral("tick")))
                lines[paced] << l.replace(QRegularExpression(QStringLiteral(":\\d{4,5}")),
                                          QStringLiteral(":PORT"));
    }
    QCOMPARE(lines[1].size(), 4);
    QCOMPARE(lines[1], lines[0]);
}

void TestExec::maxTicksStopsTheProgram()
{
    // The server would run forever; after two ticks (accept, echo) muxlab stops it, exit 0.
    Run run({kPython, execFile("select_echo.py")},
            {QStringLiteral("--max-ticks"), QStringLiteral("2")});
    const quint16 port =
        quint16(run.waitFor(QRegularExpression(QStringLiteral("listening (\\d+)"))).toUInt());
    QVERIFY(port > 0);
    QTcpSocket c;
    c.connectToHost(QStringLiteral("127.0.0.1"), port);
    QVERIFY(c.waitForConnected(10000));
    c.write("hello");
    QVERIFY(c.waitForBytesWritten(5000));
    QCOMPARE(run.finish(), 0);
    const QString out = run.lines().join(u'\n');
    QVERIFY2(out.contains(QStringLiteral("tick 2  select([3,4],[],[], 5.0) = 1 ([4],[],[])")),
             qPrintable(out));
    QVERIFY(!out.contains(QStringLiteral("tick 3")));
    // Stopped and reaped: nothing listens on its port any more.
    QTcpSocket again;
    again.connectToHost(QStringLiteral("127.0.0.1"), port);
    QVERIFY(!again.waitForConnected(5000));
}

void TestExec::crashingProgramSaysWhy()
{
    Run run({kPython, execFile("crash.py")});
    QCOMPARE(run.finish(), 1);
    QVERIFY2(run.err.contains("RuntimeError: the server fell over"), run.err.constData());
    QVERIFY2(run.err.contains("crash.py exited with status 1."), run.err.constData());
    QVERIFY(run.lines().join(u'\n').contains(QStringLiteral("tick 1  select([3],[],[], 0.0)")));
}

// The peer closed and its kernel answered the first reply with a reset: the next send fails,
// and its line shows what the program tried to send, not an empty string.
void TestExec::failedSendShowsTheBytesItTried()
{
    Run run({kPython, execFile("send_to_gone.py")});
    QCOMPARE(run.finish(), 0);
    const QString out = run.lines().join(u'\n');
    QVERIFY2(out.contains(QStringLiteral("BrokenPipeError")) || run.err.contains("BrokenPipeError"),
             qPrintable(out + QString::fromUtf8(run.err)));
    static const QRegularExpression failed(QStringLiteral("send\\(\\d+, \"好\"\\) = -1 EPIPE"));
    QVERIFY2(failed.match(out).hasMatch(), qPrintable(out));
    static const QRegularExpression went(QStringLiteral("send\\(\\d+, \"好\"\\) = 3"));
    QVERIFY2(went.match(out).hasMatch(), qPrintable(out));
}

void TestExec::programWithNoCallExitsOne()
{
    Run run({kPython, execFile("silent.py"), QStringLiteral("0")});
    QCOMPARE(run.finish(), 1);
    QVERIFY2(run.err.contains("just sleeping"), run.err.constData());
    QVERIFY2(run.err.contains("exited with status 0 before making any select, poll or epoll call"),
             run.err.constData());
}

void TestExec::silentProgramIsReportedAndStopsOnSigterm()
{
    Run run({kPython, execFile("silent.py"), QStringLiteral("120")});
    QVERIFY(!run.waitFor(QRegularExpression(QStringLiteral("(just sleeping)"))).isEmpty());
    QVERIFY2(
        !run.waitFor(QRegularExpression(QStringLiteral("(running, no select/poll/epoll call yet)")))
             .isEmpty(),
        run.err.constData());
    ::kill(pid_t(run.p.processId()), SIGTERM);
    QCOMPARE(run.finish(), 0);
}

void TestExec::refusals_data()
{
    QTest::addColumn<QStringList>("command");
    QTest::addColumn<QString>("sentence");
    QTest::newRow("not found") << QStringList{QStringLiteral("no-such-program-muxlab")}
                               << QStringLiteral("command not found");
    QTest::newRow("not executable") << QStringList{execFile("select_echo.py"), QStringLiteral("1")}
                                    << QStringLiteral("is not an executable program");
    if (QFile::exists(QStringLiteral("/sbin/ldconfig")))
        QTest::newRow("static") << QStringList{QStringLiteral("/sbin/ldconfig")}
                                << QStringLiteral("is statically linked");
    if (QFile::exists(QStringLiteral("/usr/bin/passwd")))
        QTest::newRow("setuid") << QStringList{QStringLiteral("/usr/bin/passwd")}
                                << QStringLiteral("is set-user-ID");
}

void TestExec::refusals()
{
    QFETCH(QStringList, command);
    QFETCH(QString, sentence);
    Run run(command);
    QCOMPARE(run.finish(), 2);
    const QStringList errLines = QString::fromUtf8(run.err).trimmed().split(u'\n');
    QCOMPARE(errLines.size(), 1);
    QVERIFY2(errLines.at(0).contains(sentence), qPrintable(errLines.at(0)));
}

void TestExec::forkedChildRunsUntraced()
{
    Run run({kPython, execFile("forks.py")});
    QCOMPARE(run.finish(), 0);
    const QString child = run.waitFor(QRegularExpression(QStringLiteral("child (\\d+)")), 1);
    QVERIFY(!child.isEmpty());
    const QString out = run.lines().join(u'\n');
    QVERIFY2(out.contains(QStringLiteral("fork() = %1 (the child runs untraced)").arg(child)),
             qPrintable(out));
    // The parent's three calls, and none of the child's (its socketpair would show as fd 3/4
    // in a select with a 0.01 s timeout).
    QCOMPARE(out.count(QStringLiteral("select([3],[],[], 0.0)")), 3);
    QVERIFY(!out.contains(QStringLiteral("0.010")));
}

void TestExec::channelSurvivesCloseAndDup2()
{
    Run run({kPython, execFile("hostile.py")});
    QCOMPARE(run.finish(), 0);
    QVERIFY2(run.err.contains("ready ([], [], [])"), run.err.constData());
    const QString out = run.lines().join(u'\n');
    QVERIFY2(out.contains(QStringLiteral("tick 1  select([3],[],[], 0.0) = 0 ([],[],[])")),
             qPrintable(out));
    QVERIFY2(out.contains(QStringLiteral("tick 2  select([3],[4],[], 0.0) = 2 ([3],[4],[])")),
             qPrintable(out));
}

void TestExec::sigkillOfMuxlabLeavesNoSurvivor()
{
    Run run({kPython, execFile("tree.py")});
    const QString pids = run.waitFor(QRegularExpression(QStringLiteral("pids ([\\d ]+)\\n")));
    const QStringList list = pids.split(u' ', Qt::SkipEmptyParts);
    QCOMPARE(list.size(), 3);
    for (const QString &pid : list)
        QVERIFY(alive(pid.toLongLong()));
    ::kill(pid_t(run.p.processId()), SIGKILL);
    run.p.waitForFinished(10000);
    for (const QString &pid : list)
        QTRY_VERIFY2_WITH_TIMEOUT(!alive(pid.toLongLong()), qPrintable(pid), 10000);
}

void TestExec::callsFromAThreadAreMarked()
{
    Run run({kPython, execFile("threads.py")});
    QCOMPARE(run.finish(), 0);
    const QString out = run.lines().join(u'\n');
    QCOMPARE(out.count(QStringLiteral("select([3],[],[], 0.0) = 1 ([3],[],[])")), 3);
    const int worker = lineOf(execFile("threads.py"), QStringLiteral("    select.select("));
    QVERIFY2(out.contains(QStringLiteral("threads.py:%1").arg(worker)), qPrintable(out));
    // The thread's two ticks say so; the main thread's does not.
    QCOMPARE(out.count(QStringLiteral("# called from thread ")), 2);
}

void TestExec::stepModeHoldsBeforeEachCall()
{
    // TracedProcess as the window drives it: held before each call, one tick per step.
    qputenv("MUXLAB_PRELOAD", MUXTRACE_LIBRARY);
    auto command = exec::resolveCommand({kPython, execFile("select_echo.py"), QStringLiteral("0")});
    QVERIFY2(command, qPrintable(command.error().text));
    exec::TracedProcess program(*command, {});
    QSignalSpy held(&program, &exec::TracedProcess::held);
    QSignalSpy ticks(&program, &TickSource::tickRecorded);
    QVERIFY(program.start());
    QVERIFY(held.wait(20000));
    QCOMPARE(program.trace().size(), qsizetype(1)); // the setup, before the first call
    QVERIFY(program.canStep());
    const QString selectLine =
        QStringLiteral("%1:%2")
            .arg(execFile("select_echo.py"))
            .arg(lineOf(execFile("select_echo.py"), QStringLiteral("select.select(")));
    QCOMPARE(program.heldSource(), selectLine);
    QTRY_VERIFY_WITH_TIMEOUT(program.outputTail().contains("listening"), 10000);
    const quint16 port =
        quint16(QString::fromUtf8(program.outputTail()).split(u' ').value(1).trimmed().toUInt());
    QTcpSocket c;
    c.connectToHost(QStringLiteral("127.0.0.1"), port);
    QVERIFY(c.waitForConnected(10000));
    // Held: the program has not accepted, however long we wait for the held signal again.
    QVERIFY(!held.wait(300));
    QCOMPARE(program.trace().size(), qsizetype(1));
    program.requestStep();
    QVERIFY(!program.canStep()); // until the program reaches its next call
    QVERIFY(held.wait(20000));
    QCOMPARE(program.trace().size(), qsizetype(2));
    const TickRecord &t1 = program.trace().at(1);
    QCOMPARE(t1.ret, 1);
    QCOMPARE(t1.actions.value(0).call, Action::Call::Accept);
    QCOMPARE(program.sourceAt(1), selectLine);
    c.write("hi");
    QVERIFY(c.waitForBytesWritten(5000));
    program.requestStep();
    QVERIFY(held.wait(20000));
    QCOMPARE(program.trace().size(), qsizetype(3));
    QCOMPARE(program.trace().at(2).actions.value(0).data, QByteArray("hi"));
    QSignalSpy finished(&program, &TickSource::finished);
    program.stop();
    QCOMPARE(finished.size(), 1);
    QVERIFY(!program.canStep());
}

void TestExec::freeRunIsHeldAgain()
{
    // A tight select(timeout 0) loop running freely is held again at its next call, steps one
    // call at a time, and runs freely again; the bytes it echoes are the same throughout.
    qputenv("MUXLAB_PRELOAD", MUXTRACE_LIBRARY);
    auto command = exec::resolveCommand({kPython, execFile("busy_select.py")});
    QVERIFY2(command, qPrintable(command.error().text));
    exec::TracedProcess::Options o;
    o.step = false;
    exec::TracedProcess program(*command, o);
    QSignalSpy held(&program, &exec::TracedProcess::held);
    QVERIFY(program.start());
    QCOMPARE(program.state(), exec::TracedProcess::State::Running);
    QTRY_VERIFY_WITH_TIMEOUT(program.outputTail().contains("listening"), 20000);
    const quint16 port =
        quint16(QString::fromUtf8(program.outputTail()).split(u' ').value(1).trimmed().toUInt());
    QTcpSocket c;
    c.connectToHost(QStringLiteral("127.0.0.1"), port);
    QVERIFY(c.waitForConnected(10000));
    // Reads with the event loop running: the program's records must keep being read, or it
    // blocks writing them.
    const auto read = [&c](qsizetype n) {
        QByteArray got;
        QDeadlineTimer deadline(20000);
        while (got.size() < n && !deadline.hasExpired()) {
            QTest::qWait(10);
            got += c.readAll();
        }
        return got;
    };
    const auto echo = [&](const QByteArray &sent) {
        c.write(sent);
        return read(sent.size());
    };
    QCOMPARE(echo("free"), QByteArray("FREE"));
    // Many calls a second, none held.
    QTRY_VERIFY_WITH_TIMEOUT(program.trace().size() > 500, 20000);
    QVERIFY(held.isEmpty());

    program.holdAgain();
    QCOMPARE(program.state(), exec::TracedProcess::State::Holding);
    QVERIFY(held.wait(20000));
    QCOMPARE(program.state(), exec::TracedProcess::State::Held);
    QVERIFY(program.canStep());
    // Held: the tick count stands still and a byte sent now is not echoed.
    const qsizetype heldAt = program.trace().size();
    c.write("held");
    QTest::qWait(300);
    QVERIFY(c.readAll().isEmpty());
    QCOMPARE(program.trace().size(), heldAt);
    // Each step is one call: the select that finds the bytes, then the one after the echo.
    program.requestStep();
    QCOMPARE(program.state(), exec::TracedProcess::State::InCall);
    QVERIFY(held.wait(20000));
    QCOMPARE(program.trace().size(), heldAt + 1);
    QCOMPARE(program.trace().last().ret, 1);
    QCOMPARE(program.trace().last().actions.value(0).data, QByteArray("held"));
    QCOMPARE(read(4), QByteArray("HELD"));
    program.requestStep();
    QVERIFY(held.wait(20000));
    QCOMPARE(program.trace().size(), heldAt + 2);

    program.runFreely();
    QCOMPARE(program.state(), exec::TracedProcess::State::Running);
    QTRY_VERIFY_WITH_TIMEOUT(program.trace().size() > heldAt + 500, 20000);
    QCOMPARE(echo("again"), QByteArray("AGAIN"));
    // And held a second time.
    const qsizetype heldBefore = held.size();
    program.holdAgain();
    QTRY_COMPARE_WITH_TIMEOUT(held.size(), heldBefore + 1, 20000);
    QCOMPARE(program.state(), exec::TracedProcess::State::Held);
    program.stop();
    QCOMPARE(program.state(), exec::TracedProcess::State::Finished);
}

// A lesson's program binds the port the run found free; a program elsewhere on the machine may
// take it first (the check does not hold it). The run then starts the program again on other
// ports, and nothing of the first start (its traceback) reaches the learner.
void TestExec::takenPortIsLeftForAFreeOne()
{
    qputenv("MUXLAB_PRELOAD", MUXTRACE_LIBRARY);
    const quint16 taken = net::freePortBlock(1);
    QVERIFY(taken != 0);
    const auto holder = net::tcpListen({QStringLiteral("127.0.0.1"), taken});
    QVERIFY(holder);
    const Result<Lesson> lesson = findLesson(QStringLiteral("select-echo"));
    QVERIFY(lesson);
    exec::ScriptedRun::Options o;
    o.programFile = QStringLiteral(MUXLAB_SOURCE_DIR "/lessons/") +
                    QFileInfo(lesson->path).dir().dirName() + QLatin1Char('/') + lesson->pythonFile;
    o.firstPort = taken;
    exec::ScriptedRun run(*lesson, o);
    QSignalSpy output(&run, &exec::ScriptedRun::output);
    const auto started = run.start();
    QVERIFY2(started, started ? "" : qPrintable(started.error().text));
    QVERIFY(run.basePort() != 0 && run.basePort() != taken);
    QVERIFY(run.process().isHeld());
    for (const QList<QVariant> &args : output)
        QVERIFY2(!args.at(0).toByteArray().contains("Address already in use"),
                 args.at(0).toByteArray().constData());
    // The program runs on the port it got: its listener is L0, on that port.
    const auto at = run.listenerAt(0);
    QVERIFY(at);
    QCOMPARE(at->port, run.basePort());
    run.stop();
}

QTEST_GUILESS_MAIN(TestExec)
#include "tst_exec.moc"
