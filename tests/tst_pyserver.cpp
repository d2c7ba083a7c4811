// muxlab --headless --lesson ID --server python: the lesson's scripted clients against the
// lesson's own Python program (lessons/<folder>/<id>.py) under the tracer, through the real
// muxlab binary. Checked: every checkpoint the lesson does not mark as differing holds, the
// ready sets match the built-in server's at those ticks, the same run twice (and at a person's
// pace) gives the same lines, and no process of the program is left behind.

#include "lesson/Lesson.h"
#include "lesson/LessonRun.h"
#include "trace/Trace.h"

#include <QDir>
#include <QDirIterator>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

using namespace mux;

namespace {

struct Outcome {
    int code = -100;
    QStringList lines;
    QString err;
};

Outcome muxlab(const QStringList &args, int ms = 240000)
{
    QProcess p;
    p.start(QStringLiteral(MUXLAB_BINARY), args);
    Outcome r;
    if (!p.waitForFinished(ms)) {
        p.kill();
        p.waitForFinished(10000);
        return r;
    }
    r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.lines = QString::fromUtf8(p.readAllStandardOutput()).split(u'\n');
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

/// The lines with the ports the run happened to get written as ":PORT": free ports differ from
/// run to run, nothing else may.
QStringList withoutPorts(const QStringList &lines)
{
    static const QRegularExpression port(QStringLiteral("(127\\.0\\.0\\.1)?:\\d{4,5}\\b"));
    QStringList out;
    for (QString l : lines)
        out.append(l.replace(port, QStringLiteral(":PORT")));
    return out;
}

/// Processes running the given file (its path in their command line).
QList<int> processesRunning(const QString &file)
{
    QList<int> pids;
    QDirIterator it(QStringLiteral("/proc"), QDir::Dirs | QDir::NoDotAndDotDot);
    while (it.hasNext()) {
        it.next();
        bool isPid = false;
        const int pid = it.fileName().toInt(&isPid);
        if (!isPid)
            continue;
        QFile cmd(it.filePath() + QStringLiteral("/cmdline"));
        if (cmd.open(QIODevice::ReadOnly) && cmd.readAll().contains(file.toUtf8()))
            pids.append(pid);
    }
    return pids;
}

QString programFile(const Lesson &l)
{
    return QStringLiteral(MUXLAB_SOURCE_DIR "/lessons/") + QFileInfo(l.path).dir().dirName() +
           QLatin1Char('/') + l.pythonFile;
}

} // namespace

class TestPyServer : public QObject {
    Q_OBJECT
private slots:
    void pythonProgramHoldsTheLessonsCheckpoints_data();
    void pythonProgramHoldsTheLessonsCheckpoints();
    void sameRunTwiceGivesTheSameLines();
    void aPersonsPaceGivesTheSameLines();
    void serverFlagIsChecked();
};

void TestPyServer::pythonProgramHoldsTheLessonsCheckpoints_data()
{
    QTest::addColumn<QString>("id");
    // Every lesson whose program is a server that makes a multiplexing call (blocking-server and
    // conversation-loop make none; client-side-select's program is a client).
    for (const char *id : {"select-echo",
                           "rw-separation",
                           "multiport-welcome",
                           "poll-server",
                           "epoll-server",
                           "send-vs-sendall",
                           "multiport-hello",
                           "mux-history",
                           "select-reply",
                           "rw-separation-pitfalls",
                           "threads-vs-select",
                           "select-server",
                           "selectors",
                           "file-upload",
                           "remote-login",
                           "udp-echo",
                           "sticky-packets",
                           "length-prefix",
                           "msg-and-file",
                           "nonblocking",
                           "select-many-clients",
                           "lt-vs-et",
                           "select-semantics",
                           "socket-options",
                           "queue-server",
                           "chat-room",
                           "xlist-truth",
                           "fd-setsize",
                           "scaling"})
        QTest::newRow(id) << QString::fromLatin1(id);
}

void TestPyServer::pythonProgramHoldsTheLessonsCheckpoints()
{
    QFETCH(QString, id);
    const auto lesson = findLesson(id);
    QVERIFY2(lesson, qPrintable(lesson ? QString() : lesson.error().text));
    QTemporaryDir dir;
    const QString py = dir.filePath(QStringLiteral("python.json"));
    const QString builtin = dir.filePath(QStringLiteral("builtin.json"));

    const Outcome run = muxlab({QStringLiteral("--headless"), QStringLiteral("--lesson"), id,
                                QStringLiteral("--server"), QStringLiteral("python"),
                                QStringLiteral("--trace"), py});
    QVERIFY2(run.code == 0, qPrintable(run.lines.join(u'\n') + run.err));
    QVERIFY(run.lines.contains(QStringLiteral("# every checkpoint held")));
    // Every call's line ends where the program made it.
    const QString file = programFile(*lesson);
    int calls = 0;
    for (const QString &l : run.lines)
        if (l.startsWith(QStringLiteral("tick ")) && !l.startsWith(QStringLiteral("tick 0 "))) {
            QVERIFY2(l.contains(QStringLiteral(" @ ") + file + QLatin1Char(':')), qPrintable(l));
            ++calls;
        }
    QVERIFY(calls >= int(lesson->ticks) - 1);
    // A step marked as differing prints why; every other step's checks ran.
    for (const LessonStep &s : lesson->steps)
        if (const auto d = s.differs.constFind(QStringLiteral("python")); d != s.differs.cend())
            QVERIFY(run.lines.contains(QStringLiteral("    [differs] ") + d->en));
    // Nothing of the program is left running.
    QVERIFY2(processesRunning(file).isEmpty(), qPrintable(file));

    // The ready sets match the built-in server's at every tick the lesson does not mark.
    const Outcome ref = muxlab({QStringLiteral("--headless"), QStringLiteral("--lesson"), id,
                                QStringLiteral("--trace"), builtin});
    QCOMPARE(ref.code, 0);
    const auto a = Trace::load(builtin), b = Trace::load(py);
    QVERIFY(a && b);
    QCOMPARE(a->backend, b->backend);
    int compared = 0;
    for (qsizetype i = 1; i < a->size(); ++i) {
        const quint32 tick = a->at(i).tick;
        const LessonStep *s = lesson->stepAt(tick);
        if (s && s->differs.contains(QStringLiteral("python")))
            continue;
        qsizetype j = -1;
        for (qsizetype k = 0; k < b->size(); ++k)
            if (b->at(k).tick == tick)
                j = k;
        if (j < 0) // after a marked step the program may have ended
            continue;
        QCOMPARE(LessonRun::readyNamesAt(*b, j).toString(),
                 LessonRun::readyNamesAt(*a, i).toString());
        ++compared;
    }
    QVERIFY(compared >= 1);
}

void TestPyServer::sameRunTwiceGivesTheSameLines()
{
    const QStringList args{QStringLiteral("--headless"), QStringLiteral("--lesson"),
                           QStringLiteral("poll-server"), QStringLiteral("--server"),
                           QStringLiteral("python")};
    const Outcome first = muxlab(args), second = muxlab(args);
    QCOMPARE(first.code, 0);
    QCOMPARE(second.code, 0);
    QCOMPARE(withoutPorts(second.lines), withoutPorts(first.lines));
}

void TestPyServer::aPersonsPaceGivesTheSameLines()
{
    const QStringList args{QStringLiteral("--headless"), QStringLiteral("--lesson"),
                           QStringLiteral("rw-separation"), QStringLiteral("--server"),
                           QStringLiteral("python")};
    const Outcome fast = muxlab(args);
    const Outcome paced =
        muxlab(args + QStringList{QStringLiteral("--pace"), QStringLiteral("300")});
    QCOMPARE(fast.code, 0);
    QCOMPARE(paced.code, 0);
    QCOMPARE(withoutPorts(paced.lines), withoutPorts(fast.lines));
}

void TestPyServer::serverFlagIsChecked()
{
    const Outcome unknown =
        muxlab({QStringLiteral("--headless"), QStringLiteral("--lesson"),
                QStringLiteral("select-echo"), QStringLiteral("--server"), QStringLiteral("perl")});
    QCOMPARE(unknown.code, 2);
    QVERIFY(unknown.err.contains(QStringLiteral("builtin or python")));
    const Outcome serve = muxlab({QStringLiteral("--serve"), QStringLiteral("--lesson"),
                                  QStringLiteral("select-echo"), QStringLiteral("--server"),
                                  QStringLiteral("python")});
    QCOMPARE(serve.code, 2);
}

QTEST_GUILESS_MAIN(TestPyServer)
#include "tst_pyserver.moc"
