// The program pane of a built-in run lights, for each tick, the line of the lesson's Python
// program that makes the multiplexing call. That line must be the one the real program makes the
// call from: every lesson that runs under `--server python` (on its default backend and on each
// backend its "python_args" names) is run for real, traced, and each tick's ` @ FILE:LINE` is
// compared with the line the built-in run of the same lesson lights at the same tick. A step
// the lesson marks as differing in python mode is left out (the program may have died there).
//
// The traced runs are separate `muxlab` processes, side by side; the built-in runs are made
// here, in this process, as the window makes them.

#include "common/MuxlabPool.h"
#include "lesson/Lesson.h"
#include "lesson/LessonRun.h"

#include <QRegularExpression>
#include <QtTest>

#include <deque>

using namespace mux;

namespace {

struct Row {
    QString id;
    Backend backend;
};

/// Tick number → the line its call was made from, from `--headless` lines ending in
/// ` @ FILE:LINE`; lines of another file are kept as -1.
QHash<quint32, int> callLines(const QStringList &lines, const QString &file)
{
    static const QRegularExpression tick(QStringLiteral("^tick (\\d+) .* @ (.+):(\\d+)$"));
    QHash<quint32, int> at;
    for (const QString &l : lines)
        if (const auto m = tick.match(l); m.hasMatch())
            at.insert(m.captured(1).toUInt(), m.captured(2) == file ? m.captured(3).toInt() : -1);
    return at;
}

} // namespace

class TestPyLines : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void builtinLightsTheLineThePythonCallCameFrom_data();
    void builtinLightsTheLineThePythonCallCameFrom();

private:
    std::vector<Row> m_rows;
    std::deque<MuxlabJob> m_jobs; // one per row
};

void TestPyLines::initTestCase()
{
    QStringList errors;
    const QList<Lesson> lessons = loadLessons(&errors);
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
    for (const Lesson &l : lessons) {
        // Lessons whose program makes no multiplexing call have no line for it to light.
        if (!l.tags.contains(QStringLiteral("select")))
            continue;
        QList<Backend> backends{l.backends.first()};
        for (auto it = l.pythonArgs.begin(); it != l.pythonArgs.end(); ++it)
            if (!backends.contains(it.key()))
                backends.append(it.key());
        for (Backend b : backends) {
            m_rows.push_back({l.id, b});
            m_jobs.push_back({.args = {QStringLiteral("--headless"), QStringLiteral("--lesson"),
                                       l.id, QStringLiteral("--backend"), backendName(b),
                                       QStringLiteral("--server"), QStringLiteral("python")}});
        }
    }
    QVERIFY(m_rows.size() >= 29);
    QElapsedTimer clock;
    clock.start();
    MuxlabPool(MuxlabPool::defaultLimit()).run(m_jobs, 240000);
    qInfo("%d traced runs, %d side by side: %lld ms", int(m_jobs.size()),
          MuxlabPool::defaultLimit(), clock.elapsed());
}

void TestPyLines::builtinLightsTheLineThePythonCallCameFrom_data()
{
    QTest::addColumn<int>("index");
    for (size_t i = 0; i < m_rows.size(); ++i)
        QTest::addRow("%s/%s", qPrintable(m_rows[i].id), qPrintable(backendName(m_rows[i].backend)))
            << int(i);
}

void TestPyLines::builtinLightsTheLineThePythonCallCameFrom()
{
    QFETCH(int, index);
    const Row &row = m_rows[size_t(index)];
    const MuxlabJob &job = m_jobs[size_t(index)];
    // Every backend the program supports holds the lesson's checkpoints, except at steps the
    // lesson marks for it ("differs": {"python@epoll-et": ...}).
    const QStringList lines = job.lines();
    QVERIFY2(job.code == 0 && lines.contains(QStringLiteral("# every checkpoint held")),
             qPrintable(job.out + job.err));
    const Lesson lesson = *findLesson(row.id);
    const QString file = QStringLiteral(MUXLAB_SOURCE_DIR "/lessons/") +
                         QFileInfo(lesson.path).dir().dirName() + QLatin1Char('/') +
                         lesson.pythonFile;
    const QHash<quint32, int> python = callLines(lines, file);
    QVERIFY2(!python.isEmpty(), qPrintable(job.out));

    Engine::Options o;
    o.backend = row.backend;
    LessonRun run(lesson, o);
    QVERIFY(run.start());
    run.runToEnd();
    const Trace &trace = run.engine().trace();
    int compared = 0;
    QStringList wrong;
    for (qsizetype i = 0; i < trace.size(); ++i) {
        const TickRecord &t = trace.at(i);
        if (t.kind != TickRecord::Kind::Call)
            continue;
        const LessonStep *s = lesson.stepAt(t.tick);
        if (s && s->differsOn(QStringLiteral("python"), row.backend))
            continue;
        const auto real = python.constFind(t.tick);
        if (real == python.cend()) // after a marked step the program may have ended
            continue;
        QList<int> lit;
        for (int r : lesson.litLines(t))
            if (lesson.python[r].tag == QLatin1String("select"))
                lit.append(r + 1);
        if (lit != QList<int>{*real})
            wrong.append(QStringLiteral("tick %1: the program called from line %2, the built-in "
                                        "run lights %3")
                             .arg(t.tick)
                             .arg(*real)
                             .arg(lit.isEmpty() ? QStringLiteral("no line")
                                                : QStringLiteral("line %1").arg(lit.first())));
        ++compared;
    }
    QVERIFY2(wrong.isEmpty(), qPrintable(wrong.join(u'\n')));
    // Every tick up to the lesson's end, but for the steps marked as differing and what follows.
    QVERIFY2(compared >= 1, qPrintable(job.out));
}

QTEST_GUILESS_MAIN(TestPyLines)
#include "tst_pylines.moc"
