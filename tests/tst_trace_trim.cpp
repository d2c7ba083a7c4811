// A trace that keeps only its newest ticks answers every read at a kept tick exactly as the
// whole trace of the same run does: the interest passed in and after, the sockets and their
// names, the bytes counted, the probes. The run is a real program under the tracer
// (tests/exec/busy_select.py, thousands of select calls a second) with real clients coming and
// going; the trimmed trace is the same records appended to a trace with a small keep limit.

#include "exec/Launch.h"
#include "exec/TracedProcess.h"
#include "trace/Trace.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace mux;

namespace {

const QString kPython = QStringLiteral("/usr/bin/python3");

enum Order { Forward, Backward, Jumps, Live };

/// Every read a view makes at tick index i, compared between the two traces. At the newest tick
/// the interest after it is rebuilt from its actions until the next tick carries it, so it is
/// compared only where both traces have the next tick.
void compareAt(const Trace &trimmed, const Trace &whole, qsizetype i)
{
    const QByteArray at = QByteArray::number(i);
    QVERIFY2(trimmed.interestAt(i) == whole.interestAt(i), at.constData());
    if (i + 1 < trimmed.size())
        QVERIFY2(trimmed.interestAfter(i) == whole.interestAfter(i), at.constData());
    QVERIFY2(trimmed.socketsAt(i - 1) == whole.socketsAt(i - 1), at.constData());
    QVERIFY2(trimmed.socketsAt(i) == whole.socketsAt(i), at.constData());
    QVERIFY2(trimmed.probesAtCall(i) == whole.probesAtCall(i), at.constData());
    QVERIFY2(trimmed.probesAt(i) == whole.probesAt(i), at.constData());
    QVERIFY2(trimmed.trafficAt(i) == whole.trafficAt(i), at.constData());
    QVERIFY2(trimmed.receivedByClients(i) == whole.receivedByClients(i), at.constData());
}

} // namespace

class TestTraceTrim : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void keptTicksReadAsInTheWholeTrace_data();
    void keptTicksReadAsInTheWholeTrace();
    void savedTrimmedTraceReadsTheSame();

private:
    Trace m_whole; ///< every tick of the run
    /// The trimmed trace of the same run: the whole trace's records appended with a keep limit.
    Trace trimmed(qsizetype keep) const
    {
        Trace t;
        t.lessonId = m_whole.lessonId;
        t.backend = m_whole.backend;
        t.keepAtMost(keep);
        for (qsizetype i = 0; i < m_whole.size(); ++i)
            t.append(m_whole.at(i));
        return t;
    }
};

void TestTraceTrim::initTestCase()
{
    qputenv("MUXLAB_PRELOAD", MUXTRACE_LIBRARY);
    auto command = exec::resolveCommand(
        {kPython, QStringLiteral(MUXLAB_SOURCE_DIR "/tests/exec/busy_select.py")});
    QVERIFY2(command, qPrintable(command.error().text));
    exec::TracedProcess::Options o;
    o.step = false;
    exec::TracedProcess program(*command, o);
    QVERIFY(program.start());
    QTRY_VERIFY_WITH_TIMEOUT(program.outputTail().contains("listening"), 20000);
    const quint16 port =
        quint16(QString::fromUtf8(program.outputTail()).split(u' ').value(1).trimmed().toUInt());
    // One conn for the whole run, echoing now and then (its byte counts cross every drop), and
    // short ones coming and going (sockets opened and closed, descriptors reused). Now and then
    // the program is held and stepped a few calls: held, its sockets are probed.
    QTcpSocket longLived;
    longLived.connectToHost(QStringLiteral("127.0.0.1"), port);
    QVERIFY(longLived.waitForConnected(10000));
    const qsizetype target = 5 * TickStore::kChunk + 321;
    std::vector<std::unique_ptr<QTcpSocket>> open;
    QDeadlineTimer deadline(240000);
    int round = 0;
    while ((program.trace().size() < target || round < 12) && !deadline.hasExpired()) {
        ++round;
        const bool stepped = round % 3 == 0;
        if (stepped) {
            program.holdAgain();
            QTRY_VERIFY_WITH_TIMEOUT(program.isHeld(), 20000);
        }
        longLived.write("ping");
        auto c = std::make_unique<QTcpSocket>();
        c->connectToHost(QStringLiteral("127.0.0.1"), port);
        QVERIFY(c->waitForConnected(10000));
        c->write(QByteArray(1 + round % 7, 'x'));
        c->flush();
        open.push_back(std::move(c));
        if (open.size() > 3) // the oldest goes: its conn closes in the program
            open.erase(open.begin());
        if (stepped) {
            for (int k = 0; k < 4; ++k) {
                const qsizetype before = program.trace().size();
                program.requestStep();
                QTRY_VERIFY_WITH_TIMEOUT(program.trace().size() > before && program.isHeld(),
                                         20000);
            }
            program.runFreely();
        }
        QTest::qWait(40);
    }
    QVERIFY2(program.trace().size() >= target, "the program made too few calls in 240 s");
    open.clear();
    longLived.close();
    QTest::qWait(100);
    program.stop();
    m_whole = program.trace();
    qInfo("%lld ticks recorded", qlonglong(m_whole.size()));
    QCOMPARE(m_whole.firstKept(), qsizetype(0));
    // The run is worth comparing: echoes counted, conns closed, probes read after the drops.
    const qsizetype last = m_whole.size() - 1;
    QVERIFY(!m_whole.trafficAt(last).isEmpty());
    qsizetype closed = 0, probed = 0;
    for (qsizetype i = 0; i <= last; ++i) {
        closed += m_whole.at(i).extrasOrEmpty().closed.size();
        probed += i > 2 * TickStore::kChunk && !m_whole.at(i).extrasOrEmpty().probes.isEmpty();
    }
    QVERIFY(closed >= 8);
    QVERIFY(probed >= 4);
}

void TestTraceTrim::keptTicksReadAsInTheWholeTrace_data()
{
    QTest::addColumn<qsizetype>("keep");
    QTest::addColumn<int>("order");
    const std::pair<const char *, qsizetype> keeps[] = {
        {"keep 1", 1}, {"keep a chunk", TickStore::kChunk}, {"keep 2 chunks", 2 * 4096 + 5}};
    const std::pair<const char *, Order> orders[] = {
        {"forward", Forward}, {"backward", Backward}, {"jumps", Jumps}, {"while recording", Live}};
    for (const auto &[keepName, keep] : keeps)
        for (const auto &[orderName, order] : orders)
            QTest::addRow("%s, %s", keepName, orderName) << keep << int(order);
}

void TestTraceTrim::keptTicksReadAsInTheWholeTrace()
{
    QFETCH(qsizetype, keep);
    QFETCH(int, order);
    Trace t;
    if (order == Live) { // read the newest ticks as they come, across every drop
        t.keepAtMost(keep);
        qsizetype dropped = 0;
        for (qsizetype i = 0; i < m_whole.size(); ++i) {
            t.append(m_whole.at(i));
            if (i % 7 == 0 || t.firstKept() != dropped) {
                dropped = t.firstKept();
                compareAt(t, m_whole, i);
                if (QTest::currentTestFailed())
                    return;
            }
        }
    } else {
        t = trimmed(keep);
    }
    const qsizetype first = t.firstKept();
    QVERIFY(first >= 4 * TickStore::kChunk - keep); // ticks were dropped
    QCOMPARE(t.size(), m_whole.size());
    // What the views showed wrong once the history was gone: the listener set at tick 0 is
    // still in the interest and still named as a listener at the first kept tick.
    QVERIFY(!t.interestAt(first).isEmpty());
    bool listener = false;
    for (const SocketInfo &s : t.socketsAt(first))
        listener = listener || (s.role == Role::Listener && s.label.startsWith(u"listener"));
    QVERIFY(listener);

    QList<qsizetype> reads;
    const qsizetype last = t.size() - 1;
    switch (order) {
    case Forward:
    case Live:
        for (qsizetype i = first; i <= last; ++i)
            reads.append(i);
        break;
    case Backward: // stepping back: the newest ticks, then down to the first kept
        for (qsizetype i = last; i > last - 1500 && i >= first; --i)
            reads.append(i);
        for (qsizetype i = std::min(last, first + 1500); i >= first; --i)
            reads.append(i);
        break;
    case Jumps: {
        QRandomGenerator random(14);
        for (int n = 0; n < 1500; ++n)
            reads.append(first + qsizetype(random.bounded(quint64(last - first + 1))));
        reads.append(first);
        reads.append(last);
        break;
    }
    }
    for (qsizetype i : std::as_const(reads)) {
        compareAt(t, m_whole, i);
        if (QTest::currentTestFailed())
            return;
    }
    // Before the base nothing is left to read.
    QVERIFY(t.socketsAt(first - 2).isEmpty());
    QVERIFY(t.interestAt(first - 2).isEmpty());
}

void TestTraceTrim::savedTrimmedTraceReadsTheSame()
{
    const Trace t = trimmed(TickStore::kChunk);
    QVERIFY(t.firstKept() > 0);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("trimmed.json"));
    QVERIFY(t.save(path));
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QJsonObject o = QJsonDocument::fromJson(f.readAll()).object();
    // A newer version than a whole run's file: a reader that would take its first tick for
    // tick 0 refuses it.
    QCOMPARE(o.value(QStringLiteral("version")).toInt(), 3);
    QCOMPARE(qsizetype(o.value(QStringLiteral("first")).toDouble()), t.firstKept());
    QCOMPARE(o.value(QStringLiteral("ticks")).toArray().size(), t.size() - t.firstKept());
    QCOMPARE(m_whole.toJson().value(QStringLiteral("version")).toInt(), 2);

    auto loaded = Trace::load(path);
    QVERIFY2(loaded, qPrintable(loaded ? QString() : loaded.error().text));
    QVERIFY(*loaded == t);
    QCOMPARE(loaded->firstKept(), t.firstKept());
    for (qsizetype i = loaded->firstKept(); i < loaded->size(); ++i) {
        compareAt(*loaded, m_whole, i);
        if (QTest::currentTestFailed())
            return;
    }
    // Read back and written again, it is the same file.
    QCOMPARE(loaded->toJson(), t.toJson());
}

QTEST_MAIN(TestTraceTrim)
#include "tst_trace_trim.moc"
