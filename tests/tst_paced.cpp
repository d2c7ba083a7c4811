// A person steps a lesson with F10 a second or so apart; the engine idles meanwhile and the
// kernel's timers (delayed ACKs, window updates, zero-window probes) run between the ticks.
// Every lesson on every backend it supports is run by the real `muxlab --headless` twice: at
// full speed and with --pace (~1 s between ticks). Both must hold every checkpoint and give the
// same ticks (compared as canonical traces: time and port numbers left out).
//
// The paced runs mostly sleep, so they all run side by side (one muxlab process each, started
// a little apart so their ticks do not fall on the same instant); the full-speed runs use the
// CPU and go two at a time beside them. MUXLAB_PACE_MS changes the pace, MUXLAB_PACE_JOBS how
// many paced runs share the machine, MUXLAB_PACE_LESSONS (ids, comma-separated) narrows the set.

#include "common/Canonical.h"
#include "lesson/Lesson.h"
#include "trace/Trace.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QProcess>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

#include <deque>
#include <memory>

using namespace mux;

namespace {

int envInt(const char *name, int fallback)
{
    bool ok = false;
    const int v = qEnvironmentVariableIntValue(name, &ok);
    return ok && v >= 0 ? v : fallback;
}

struct Job {
    QString id;
    QString backend;
    int paceMs = 0;
    int ticks = 0;
    QString traceFile;
    std::unique_ptr<QProcess> process;
    int code = -1; ///< exit code; -1: crashed, timed out or never started
    QByteArray out, err;
    bool done = false;
};

/// Runs jobs as separate processes, at most a pool's limit at a time (paced runs in one pool,
/// full-speed runs in the other), until all have ended or `budgetMs` has passed: the rest are
/// killed and count as failed. Paced runs start `staggerMs` apart.
class Runner {
public:
    Runner(int pacedLimit, int fastLimit) : m_limits{pacedLimit, fastLimit} {}

    void add(Job *job) { m_queues[job->paceMs > 0 ? 0 : 1].push_back(job); }

    void run(int budgetMs, int staggerMs)
    {
        QEventLoop loop;
        QTimer feeder;
        QObject::connect(&feeder, &QTimer::timeout, &loop, [&] {
            if (m_running[0] < m_limits[0] && !m_queues[0].empty()) {
                start(m_queues[0].front(), 0);
                m_queues[0].pop_front();
            }
            while (m_running[1] < m_limits[1] && !m_queues[1].empty()) {
                start(m_queues[1].front(), 1);
                m_queues[1].pop_front();
            }
            if (m_running[0] + m_running[1] == 0 && m_queues[0].empty() && m_queues[1].empty())
                loop.quit();
        });
        feeder.start(qMax(1, staggerMs));
        QTimer::singleShot(budgetMs, &loop, &QEventLoop::quit);
        loop.exec();
        for (Job *job : std::as_const(m_started))
            if (!job->done) {
                QObject::disconnect(job->process.get(), nullptr, nullptr, nullptr);
                job->process->kill();
                job->process->waitForFinished(5000);
                job->err += "(killed: the run did not end in time)";
                job->done = true;
            }
    }

private:
    void start(Job *job, int pool)
    {
        job->process = std::make_unique<QProcess>();
        QProcess *p = job->process.get();
        QStringList args = {QStringLiteral("--headless"),
                            QStringLiteral("--lesson"),
                            job->id,
                            QStringLiteral("--backend"),
                            job->backend,
                            QStringLiteral("--trace"),
                            job->traceFile};
        if (job->paceMs > 0)
            args << QStringLiteral("--pace") << QString::number(job->paceMs);
        QObject::connect(p, &QProcess::finished, p,
                         [this, job, pool](int code, QProcess::ExitStatus status) {
                             job->code = status == QProcess::NormalExit ? code : -1;
                             job->out = job->process->readAllStandardOutput();
                             job->err += job->process->readAllStandardError();
                             job->done = true;
                             --m_running[pool];
                         });
        ++m_running[pool];
        m_started.append(job);
        p->start(QStringLiteral(MUXLAB_BINARY), args);
        if (!p->waitForStarted(10000)) {
            QObject::disconnect(p, nullptr, nullptr, nullptr);
            job->err = "muxlab did not start: " + p->errorString().toUtf8();
            job->done = true;
            --m_running[pool];
        }
    }

    int m_limits[2];
    int m_running[2] = {0, 0};
    std::deque<Job *> m_queues[2];
    QList<Job *> m_started;
};

/// The lines of a run's output that say a checkpoint failed, or its stderr.
QString failureOf(const Job &j)
{
    QStringList lines;
    for (const QByteArray &l : j.out.split('\n'))
        if (l.contains("FAIL"))
            lines.append(QString::fromUtf8(l.trimmed()));
    if (lines.isEmpty())
        lines.append(QString::fromUtf8(j.err.trimmed()));
    return QStringLiteral("%1 on %2%3 exited %4: %5")
        .arg(j.id, j.backend,
             j.paceMs > 0 ? QStringLiteral(" at --pace %1").arg(j.paceMs) : QString())
        .arg(j.code)
        .arg(lines.join(QStringLiteral(" | ")));
}

} // namespace

class TestPaced : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void pacedRunGivesTheSameTicks_data();
    void pacedRunGivesTheSameTicks();

private:
    QTemporaryDir m_dir;
    int m_paceMs = 1000;
    std::deque<Job> m_paced, m_fast; // deque: jobs keep their address
};

void TestPaced::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_paceMs = qMax(1, envInt("MUXLAB_PACE_MS", 1000));
    const int pacedLimit = qMax(1, envInt("MUXLAB_PACE_JOBS", 64));
    QStringList only =
        qEnvironmentVariable("MUXLAB_PACE_LESSONS").split(QLatin1Char(','), Qt::SkipEmptyParts);

    QStringList errors;
    const QList<Lesson> lessons = loadLessons(&errors);
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
    for (const Lesson &l : lessons) {
        if (!only.isEmpty() && !only.contains(l.id))
            continue;
        for (Backend b : l.backends) {
            const QString name = l.id + QLatin1Char('-') + backendName(b);
            for (std::deque<Job> *jobs : {&m_paced, &m_fast}) {
                Job &j = jobs->emplace_back();
                j.id = l.id;
                j.backend = backendName(b);
                j.ticks = int(l.ticks);
                j.paceMs = jobs == &m_paced ? m_paceMs : 0;
                j.traceFile = m_dir.filePath(name + (j.paceMs ? QStringLiteral("-paced.json")
                                                              : QStringLiteral("-fast.json")));
            }
        }
    }
    QVERIFY(!m_paced.empty());

    // The longest paced runs first, so the last to start is not the one everything waits for.
    std::vector<Job *> order;
    int longest = 0;
    for (Job &j : m_paced) {
        order.push_back(&j);
        longest = qMax(longest, j.ticks);
    }
    std::stable_sort(order.begin(), order.end(),
                     [](const Job *a, const Job *b) { return a->ticks > b->ticks; });
    Runner runner(pacedLimit, 2);
    for (Job *j : order)
        runner.add(j);
    for (Job &j : m_fast)
        runner.add(&j);

    qint64 pacedTicks = 0;
    for (const Job &j : m_paced)
        pacedTicks += j.ticks;
    // Every paced tick's wait, spread over the pool, plus room for a slow machine.
    const qint64 budget =
        (pacedTicks * m_paceMs) / pacedLimit + qint64(longest) * m_paceMs + 180000;
    QElapsedTimer clock;
    clock.start();
    runner.run(int(qMin<qint64>(budget, 3600000)), m_paceMs / pacedLimit);
    qInfo("%d lessons x backends, paced at %d ms (%d side by side) and at full speed: %lld ms",
          int(m_paced.size()), m_paceMs, pacedLimit, clock.elapsed());
}

void TestPaced::pacedRunGivesTheSameTicks_data()
{
    QTest::addColumn<int>("index");
    for (size_t i = 0; i < m_paced.size(); ++i)
        QTest::addRow("%s/%s", qPrintable(m_paced[i].id), qPrintable(m_paced[i].backend)) << int(i);
}

void TestPaced::pacedRunGivesTheSameTicks()
{
    QFETCH(int, index);
    const Job &paced = m_paced[size_t(index)];
    const Job &fast = m_fast[size_t(index)];
    QVERIFY2(fast.code == 0, qPrintable(failureOf(fast)));
    QVERIFY2(paced.code == 0, qPrintable(failureOf(paced)));
    auto a = Trace::load(fast.traceFile);
    QVERIFY2(a, qPrintable(a ? QString() : a.error().text));
    auto b = Trace::load(paced.traceFile);
    QVERIFY2(b, qPrintable(b ? QString() : b.error().text));
    // A lesson whose partial sends take whatever room the kernel has at that instant says so
    // (send-vs-sendall: 4096 at full speed, 4704 or 6144 paced on a loaded machine); its ticks'
    // shape must match, not the bytes. Every other lesson must match byte for byte.
    const auto lesson = findLesson(paced.id);
    QVERIFY2(lesson, qPrintable(paced.id));
    const bool bytesVary = lesson->sendBytesVaryWithPace;
    const QByteArray ca = bytesVary ? canonicalShape(*a) : canonicalTrace(*a);
    const QByteArray cb = bytesVary ? canonicalShape(*b) : canonicalTrace(*b);
    QVERIFY2(ca == cb, qPrintable(QStringLiteral("at --pace %1 the ticks differ: %2")
                                      .arg(m_paceMs)
                                      .arg(firstDifference(ca, cb))));
}

QTEST_GUILESS_MAIN(TestPaced)
#include "tst_paced.moc"
