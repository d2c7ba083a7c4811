// muxlab --headless --lesson ID --server python: the lesson's scripted clients against the
// lesson's own Python program (lessons/<folder>/<id>.py) under the tracer, through the real
// muxlab binary. Checked: every checkpoint the lesson does not mark as differing holds, the
// ready sets match the built-in server's at those ticks, the same run twice (and at a person's
// pace) gives the same lines, and no process of the program is left behind.
//
// Every run is its own `muxlab` process; they all run side by side in initTestCase (a bounded
// pool: most of a run is waiting for the kernel to settle), and each check reads what its runs
// wrote.

#include "common/MuxlabPool.h"
#include "common/Processes.h"
#include "lesson/Lesson.h"
#include "lesson/LessonRun.h"
#include "lesson/Narration.h"
#include "trace/Trace.h"

#include <QDir>
#include <QDirIterator>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

using namespace mux;

namespace {

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

QString programFile(const Lesson &l)
{
    return QStringLiteral(MUXLAB_SOURCE_DIR "/lessons/") + QFileInfo(l.path).dir().dirName() +
           QLatin1Char('/') + l.pythonFile;
}

QStringList lessonArgs(const QString &id, const QString &server, const QString &trace = {})
{
    QStringList args{QStringLiteral("--headless"), QStringLiteral("--lesson"), id,
                     QStringLiteral("--server"), server};
    if (!trace.isEmpty())
        args << QStringLiteral("--trace") << trace;
    return args;
}

QString describe(const MuxlabJob &j)
{
    return QStringLiteral("muxlab %1 exited %2:\n%3%4")
        .arg(j.args.join(u' '))
        .arg(j.code)
        .arg(j.out, j.err);
}

/// Lessons also run at a person's pace (300 ms a tick), compared with their full-speed run.
const QStringList kPaced{QStringLiteral("rw-separation"), QStringLiteral("client-side-select")};

} // namespace

class TestPyServer : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void pythonProgramHoldsTheLessonsCheckpoints_data();
    void pythonProgramHoldsTheLessonsCheckpoints();
    void sameRunTwiceGivesTheSameLines();
    void aPersonsPaceGivesTheSameLines_data();
    void aPersonsPaceGivesTheSameLines();
    void serverFlagIsChecked();

private:
    /// The job of a lesson run, by id and what it is.
    const MuxlabJob &job(const QString &id, const QString &kind) const
    {
        return m_jobs[size_t(m_index.value(id + QLatin1Char('/') + kind))];
    }

    QTemporaryDir m_dir;
    QStringList m_ids;
    std::deque<MuxlabJob> m_jobs;
    QHash<QString, qsizetype> m_index; // "id/kind" -> index in m_jobs
};

void TestPyServer::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // Every lesson. blocking-server and conversation-loop make no multiplexing call: their
    // blocking accept and recv are waited for as ticks ("python_blocking"). client-side-select's
    // program is a client: muxlab's server is its peer (exec/PeerServer).
    QStringList errors;
    for (const Lesson &l : loadLessons(&errors))
        m_ids.append(l.id);
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
    QCOMPARE(m_ids.size(), 32);
    const auto add = [this](const QString &key, const QStringList &args) {
        m_index.insert(key, qsizetype(m_jobs.size()));
        m_jobs.push_back({.args = args});
    };
    // The paced runs are the longest (300 ms a tick): they start first. client-side-select's
    // server is muxlab's own, one pass a tick: at a person's pace it must give the same ticks.
    for (const QString &id : kPaced)
        add(id + QStringLiteral("/paced"),
            lessonArgs(id, QStringLiteral("python")) +
                QStringList{QStringLiteral("--pace"), QStringLiteral("300")});
    for (const QString &id : std::as_const(m_ids)) {
        add(id + QStringLiteral("/python"),
            lessonArgs(id, QStringLiteral("python"),
                       m_dir.filePath(id + QStringLiteral("-py.json"))));
        add(id + QStringLiteral("/builtin"),
            lessonArgs(id, QStringLiteral("builtin"),
                       m_dir.filePath(id + QStringLiteral("-builtin.json"))));
    }
    add(QStringLiteral("poll-server/again"),
        lessonArgs(QStringLiteral("poll-server"), QStringLiteral("python")));
    QElapsedTimer clock;
    clock.start();
    MuxlabPool(MuxlabPool::defaultLimit()).run(m_jobs, 280000);
    qInfo("%d runs, %d side by side: %lld ms", int(m_jobs.size()), MuxlabPool::defaultLimit(),
          clock.elapsed());
}

void TestPyServer::pythonProgramHoldsTheLessonsCheckpoints_data()
{
    QTest::addColumn<QString>("id");
    for (const QString &id : std::as_const(m_ids))
        QTest::newRow(qPrintable(id)) << id;
}

void TestPyServer::pythonProgramHoldsTheLessonsCheckpoints()
{
    QFETCH(QString, id);
    const auto lesson = findLesson(id);
    QVERIFY2(lesson, qPrintable(lesson ? QString() : lesson.error().text));
    const MuxlabJob &run = job(id, QStringLiteral("python"));
    QVERIFY2(run.code == 0, qPrintable(describe(run)));
    const QStringList lines = run.lines();
    QVERIFY(lines.contains(QStringLiteral("# every checkpoint held")));
    // Every call's line ends where the program made it.
    const QString file = programFile(*lesson);
    int calls = 0;
    for (const QString &l : lines)
        if (l.startsWith(QStringLiteral("tick ")) && !l.startsWith(QStringLiteral("tick 0 "))) {
            QVERIFY2(l.contains(QStringLiteral(" @ ") + file + QLatin1Char(':')), qPrintable(l));
            ++calls;
        }
    QVERIFY(calls >= int(lesson->ticks) - 1);
    // A step marked as differing prints why; every other step's checks ran.
    for (const LessonStep &s : lesson->steps)
        if (const LocalText *d = s.differsOn(QStringLiteral("python"), lesson->backends.first()))
            QVERIFY(lines.contains(QStringLiteral("    [differs] ") +
                                   narrate(d->en, lesson->backends.first(), QStringLiteral("en"))));
    // Nothing of the program is left running (every run has ended by now).
    QVERIFY2(processesRunning(file).isEmpty(), qPrintable(file));

    // The ready sets, the calls and what each client received match the built-in server's at
    // every tick the lesson does not mark.
    const MuxlabJob &ref = job(id, QStringLiteral("builtin"));
    QVERIFY2(ref.code == 0, qPrintable(describe(ref)));
    const auto a = Trace::load(m_dir.filePath(id + QStringLiteral("-builtin.json")));
    const auto b = Trace::load(m_dir.filePath(id + QStringLiteral("-py.json")));
    QVERIFY(a && b);
    QCOMPARE(a->backend, b->backend);
    int compared = 0;
    for (qsizetype i = 1; i < a->size(); ++i) {
        const quint32 tick = a->at(i).tick;
        const LessonStep *s = lesson->stepAt(tick);
        if (s && s->differsOn(QStringLiteral("python"), a->backend))
            continue;
        qsizetype j = -1;
        for (qsizetype k = 0; k < b->size(); ++k)
            if (b->at(k).tick == tick)
                j = k;
        if (j < 0) // after a marked step the program may have ended
            continue;
        const QString at = QStringLiteral("tick %1: ").arg(tick);
        QCOMPARE(at + LessonRun::readyNamesAt(*b, j).toString(),
                 at + LessonRun::readyNamesAt(*a, i).toString());
        // The calls the program made, by name (notes out, list operations as a set: a Python
        // list.append makes no system call), and what each client received in this tick.
        QCOMPARE(at + LessonRun::serverCalls(b->at(j), true).join(u' '),
                 at + LessonRun::serverCalls(a->at(i), true).join(u' '));
        for (const QString &client : lesson->clients) {
            const auto receivedIn = [&](const Trace &t) {
                const QByteArray before = LessonRun::receivedBy(*lesson, t, client, tick - 1);
                QString got = QString::fromUtf8(
                    LessonRun::receivedBy(*lesson, t, client, tick).mid(before.size()));
                // A chat member is named by (ip, port) in the document's program and by its
                // client's name in muxlab's (chat-room says so at tick 1): a name, not a byte.
                static const QRegularExpression member(
                    QStringLiteral("([<\\[])(127\\.0\\.0\\.1:\\d+|[A-Z]|#\\d+)([>\\]])"));
                got.replace(member, QStringLiteral("\\1member\\3"));
                return got.toUtf8();
            };
            QCOMPARE(at + client + QLatin1Char(' ') + QString::fromUtf8(receivedIn(*b).toHex()),
                     at + client + QLatin1Char(' ') + QString::fromUtf8(receivedIn(*a).toHex()));
        }
        ++compared;
    }
    QVERIFY(compared >= 1);
}

void TestPyServer::sameRunTwiceGivesTheSameLines()
{
    const MuxlabJob &first = job(QStringLiteral("poll-server"), QStringLiteral("python"));
    const MuxlabJob &second = job(QStringLiteral("poll-server"), QStringLiteral("again"));
    QVERIFY2(first.code == 0, qPrintable(describe(first)));
    QVERIFY2(second.code == 0, qPrintable(describe(second)));
    QCOMPARE(withoutPorts(second.lines()), withoutPorts(first.lines()));
}

void TestPyServer::aPersonsPaceGivesTheSameLines_data()
{
    QTest::addColumn<QString>("id");
    for (const QString &id : kPaced)
        QTest::newRow(qPrintable(id)) << id;
}

void TestPyServer::aPersonsPaceGivesTheSameLines()
{
    QFETCH(QString, id);
    const MuxlabJob &fast = job(id, QStringLiteral("python"));
    const MuxlabJob &paced = job(id, QStringLiteral("paced"));
    QVERIFY2(fast.code == 0, qPrintable(describe(fast)));
    QVERIFY2(paced.code == 0, qPrintable(describe(paced)));
    QCOMPARE(withoutPorts(paced.lines()), withoutPorts(fast.lines()));
}

void TestPyServer::serverFlagIsChecked()
{
    std::deque<MuxlabJob> jobs;
    jobs.push_back({.args = lessonArgs(QStringLiteral("select-echo"), QStringLiteral("perl"))});
    jobs.push_back({.args = {QStringLiteral("--serve"), QStringLiteral("--lesson"),
                             QStringLiteral("select-echo"), QStringLiteral("--server"),
                             QStringLiteral("python")}});
    MuxlabPool(2).run(jobs, 60000);
    QCOMPARE(jobs[0].code, 2);
    QVERIFY(jobs[0].err.contains(QStringLiteral("builtin or python")));
    QCOMPARE(jobs[1].code, 2);
}

QTEST_GUILESS_MAIN(TestPyServer)
#include "tst_pyserver.moc"
