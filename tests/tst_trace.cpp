// core/trace: delta encoding checked against a plainly kept reference list, memory per quiet
// tick, and the JSON file format in both directions, including files that are wrong.

#include "trace/TickFormat.h"
#include "trace/Trace.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <functional>

using namespace mux;

namespace mux {
/// Found by QCOMPARE on QList<FdEvents> (ADL), so a failing list shows "7:IN OUT", not bytes.
char *toString(const FdEvents &f)
{
    return qstrdup(QStringLiteral("%1:%2").arg(f.fd).arg(eventsToString(f.events)).toUtf8());
}
} // namespace mux

namespace {

TickRecord tick(quint32 n, QList<FdEvents> delta = {})
{
    TickRecord r;
    r.tick = n;
    r.backend = Backend::Poll;
    r.timeoutMs = 100;
    r.interest = std::move(delta);
    return r;
}

Action action(Action::Call call, int fd, qint64 ret, QByteArray data = {})
{
    Action a;
    a.call = call;
    a.fd = fd;
    a.ret = ret;
    a.data = std::move(data);
    return a;
}

/// A trace with something of everything the file format has to carry.
Trace sampleTrace()
{
    Trace t;
    t.lessonId = QStringLiteral("select-echo");
    t.backend = Backend::EpollEt;

    TickRecord t0 = tick(0, {{3, Readable}});
    t0.backend = Backend::EpollEt;
    t0.actions = {action(Action::Call::Listen, 3, 0, "127.0.0.1:9991")};
    auto x0 = std::make_shared<TickExtras>();
    x0->opened = {{3, Role::Listener, QStringLiteral("L0"), QStringLiteral("listener :9991"),
                   QStringLiteral("127.0.0.1:9991"), QString()}};
    x0->probes = {{3, 0, 0, 0, 10}};
    t0.extras = x0;
    t.append(t0);

    TickRecord t1 = tick(1, {{5, Readable}});
    t1.backend = Backend::EpollEt;
    t1.ret = 1;
    t1.durationNs = 123456789012LL;
    t1.ready = {{3, Readable}};
    Action connect = action(Action::Call::Connect, 4, 0);
    connect.actor = Action::Actor::Client;
    connect.client = 0;
    Action accept = action(Action::Call::Accept, 3, 5, "127.0.0.1:40000");
    Action watch = action(Action::Call::Watch, 5, 0);
    watch.arg = Readable;
    t1.actions = {connect, accept, watch};
    auto x1 = std::make_shared<TickExtras>();
    x1->opened = {
        {4, Role::Client, QStringLiteral("client:A"), QStringLiteral("client A"),
         QStringLiteral("127.0.0.1:40000"), QStringLiteral("127.0.0.1:9991")},
        {5, Role::Conn, QStringLiteral("conn:A"), QStringLiteral("conn A"),
         QStringLiteral("127.0.0.1:9991"), QStringLiteral("127.0.0.1:40000")},
        {6, Role::External, QStringLiteral("conn:#6"), QStringLiteral("nc"), QString(), QString()},
        {7, Role::Udp, QStringLiteral("udp"), QString(), QString(), QString()}};
    x1->probes = {{3, -1, -1, 1, 10}, {5, 0, 0, -1, 1}};
    x1->atCall = {{3, -1, -1, 1, 10}};
    t1.extras = x1;
    t.append(t1);

    TickRecord t2 = tick(2, {});
    t2.backend = Backend::EpollEt;
    t2.ret = 1;
    t2.ready = {{5, Events(Readable | HangUp | Failed)}};
    // Bytes a learner's client really sends: not all of them are text.
    Action send = action(Action::Call::Send, 4, 8,
                         QByteArray("\xff\xfe\x00\x80"
                                    "abc\x00",
                                    9));
    send.actor = Action::Actor::Client;
    send.client = 0;
    Action recv = action(Action::Call::Recv, 5, 9,
                         QByteArray("\xff\xfe\x00\x80"
                                    "abc\x00",
                                    9));
    recv.arg = 4096;
    Action text = action(Action::Call::Send, 5, 13, QByteArray("héllo 你好 ✓\n"));
    Action failed = action(Action::Call::Recv, 5, -1);
    failed.err = 104;
    Action big = action(Action::Call::Send, 5, (1LL << 40) + 7);
    Action note = action(Action::Call::Note, -1, 0, "settled after 3 ms");
    note.actor = Action::Actor::Engine;
    t2.actions = {send, recv, text, failed, big, note};
    t.append(t2);

    TickRecord t3 = tick(3, {{5, 0}});
    t3.backend = Backend::EpollEt;
    t3.ret = 0;
    t3.err = 4; // EINTR
    t3.timeoutMs = -1;
    Action close = action(Action::Call::Close, 5, 0);
    Action refuse = action(Action::Call::Refuse, 5, 0, "length 99999999 is over the limit");
    t3.actions = {close, refuse};
    auto x3 = std::make_shared<TickExtras>();
    x3->closed = {5, 4};
    x3->atCall = {{5, 0, 0, -1, 7}}; // only the probes read just before the call
    t3.extras = x3;
    t.append(t3);

    // A keyframe made by the caller (as an imported trace has), mid-trace.
    TickRecord t4 = tick(4, {{3, Readable}, {8, Events(Readable | Writable | Exceptional)}});
    t4.backend = Backend::EpollEt;
    t4.keyframe = true;
    t.append(t4);

    for (quint32 n = 5; n < 9; ++n) { // quiet ticks
        TickRecord q = tick(n);
        q.backend = Backend::EpollEt;
        t.append(q);
    }
    TickRecord t9 = tick(9, {{8, Writable}, {9, Exceptional}});
    t9.backend = Backend::EpollEt;
    t.append(t9);
    return t;
}

QByteArray sampleJson()
{
    return QJsonDocument(sampleTrace().toJson()).toJson(QJsonDocument::Compact);
}

} // namespace

class TestTrace : public QObject {
    Q_OBJECT

private slots:
    void firstTickIsKeyframe();
    void quietTicksStoreNothing();
    void sameFdRemovedAndAddedInOneTick();
    void callerKeyframe();
    void randomOpsMatchReference();
    void memoryPerQuietTick();
    void keepsOnlyTheNewestTicks();
    void jsonRoundTrip();
    void jsonBytes_data();
    void jsonBytes();
    void saveLoad();
    void saveToBadPath();
    void badFiles_data();
    void badFiles();
    void optionCallsRoundTrip();
    void olderVersionsOpen_data();
    void olderVersionsOpen();
    void savedFileNamesItsVersion();
};

void TestTrace::firstTickIsKeyframe()
{
    Trace t;
    QVERIFY(t.isEmpty());
    QVERIFY(t.interestAt(0).isEmpty());
    t.append(tick(0, {{3, Readable}, {4, Writable}}));
    QCOMPARE(t.size(), 1);
    QVERIFY(t.at(0).keyframe);
    QCOMPARE(t.at(0).interest, (QList<FdEvents>{{3, Readable}, {4, Writable}}));
    QCOMPARE(t.interestAt(0), t.at(0).interest);

    // Even an empty first tick is a keyframe: it says "nothing is watched".
    Trace e;
    e.append(tick(0));
    QVERIFY(e.at(0).keyframe);
    QVERIFY(e.interestAt(0).isEmpty());
    e.append(tick(1, {{7, Readable}}));
    QVERIFY(!e.at(1).keyframe || e.at(1).interest == (QList<FdEvents>{{7, Readable}}));
    QCOMPARE(e.interestAt(1), (QList<FdEvents>{{7, Readable}}));
    QVERIFY(e.interestAt(-1).isEmpty());
    QVERIFY(e.interestAt(2).isEmpty());
}

void TestTrace::quietTicksStoreNothing()
{
    Trace t;
    QList<FdEvents> all;
    for (int fd = 3; fd < 13; ++fd)
        all.append({fd, Readable});
    t.append(tick(0, all));
    for (quint32 n = 1; n <= 20; ++n)
        t.append(tick(n));
    for (qsizetype i = 1; i < t.size(); ++i) {
        QVERIFY(!t.at(i).keyframe);
        QVERIFY(t.at(i).interest.isEmpty());
        QCOMPARE(t.interestAt(i), all);
    }
    // One change: stored as that change, the rest reconstructed.
    t.append(tick(21, {{7, Events(Readable | Writable)}}));
    QVERIFY(!t.last().keyframe);
    QCOMPARE(t.last().interest, (QList<FdEvents>{{7, Events(Readable | Writable)}}));
    all[4].events = Readable | Writable;
    QCOMPARE(t.interestAt(21), all);
    QCOMPARE(t.currentInterest(), all);
    QCOMPARE(t.interestAt(20)[4], (FdEvents{7, Readable})); // the past is not rewritten
}

void TestTrace::sameFdRemovedAndAddedInOneTick()
{
    // close(5) and an accept that gets 5 again in the same tick: the new 5 is a new socket and
    // goes to the end of the list, as rlist.remove(c); rlist.append(new_c) would put it.
    Trace t;
    t.append(tick(0, {{4, Readable}, {5, Writable}, {6, Readable}}));
    t.append(tick(1, {{5, 0}, {5, Readable}}));
    QCOMPARE(t.interestAt(1), (QList<FdEvents>{{4, Readable}, {6, Readable}, {5, Readable}}));
    // Removing something never watched changes nothing.
    t.append(tick(2, {{42, 0}}));
    QCOMPARE(t.interestAt(2), t.interestAt(1));
}

void TestTrace::callerKeyframe()
{
    Trace t;
    t.append(tick(0, {{3, Readable}, {4, Readable}}));
    t.append(tick(1, {{5, Readable}}));
    TickRecord k = tick(2, {{9, Writable}});
    k.keyframe = true; // the whole interest, replacing what was there
    t.append(k);
    QVERIFY(t.at(2).keyframe);
    QCOMPARE(t.interestAt(2), (QList<FdEvents>{{9, Writable}}));
    t.append(tick(3, {{3, Readable}}));
    QCOMPARE(t.interestAt(3), (QList<FdEvents>{{9, Writable}, {3, Readable}}));
    QCOMPARE(t.interestAt(1), (QList<FdEvents>{{3, Readable}, {4, Readable}, {5, Readable}}));
}

void TestTrace::randomOpsMatchReference()
{
    QRandomGenerator rng(20240611);
    Trace t;
    QList<FdEvents> ref; // the interest kept the obvious way: a list edited in place
    std::vector<QList<FdEvents>> refAt, deltaAt;
    int ops = 0;
    constexpr int kTicks = 2500;

    for (quint32 n = 0; n < kTicks; ++n) {
        QList<FdEvents> delta;
        const int count = rng.bounded(10) < 4 ? 0 : int(rng.bounded(1, 6)); // 40% quiet
        for (int k = 0; k < count; ++k) {
            // Adds win while the list is short and removes once it is long, so it hovers
            // around 25 entries and every kind of edit keeps happening.
            // 0 add, 1 modify, 2 remove.
            static constexpr int kShort[4] = {0, 0, 1, 2}, kLong[4] = {0, 1, 2, 2};
            const int roll = int(rng.bounded(4));
            const int kind = ref.isEmpty() ? 0 : ref.size() < 25 ? kShort[roll] : kLong[roll];
            if (kind == 0) {
                // Add a free fd from a small pool, so numbers get reused as they do in a server.
                int fd = int(rng.bounded(3, 48));
                bool used = false;
                for (const FdEvents &e : ref)
                    used = used || e.fd == fd;
                if (used)
                    continue;
                const Events ev = Events(rng.bounded(1, 8));
                ref.append({fd, ev});
                delta.append({fd, ev});
                ++ops;
            } else if (kind == 1) {
                const qsizetype i = rng.bounded(ref.size());
                ref[i].events = Events(rng.bounded(1, 8));
                delta.append(ref[i]);
                ++ops;
            } else {
                const qsizetype i = rng.bounded(ref.size());
                delta.append({ref[i].fd, 0});
                ref.removeAt(i);
                ++ops;
            }
        }
        TickRecord r = tick(n, delta);
        if (rng.bounded(3) == 0 && !ref.isEmpty())
            r.ready = {ref.first()}; // what came back never touches the interest
        t.append(r);
        refAt.push_back(ref);
        deltaAt.push_back(delta);
    }
    QVERIFY(ops > 3000);
    QCOMPARE(t.size(), qsizetype(kTicks));
    QVERIFY(t.at(0).keyframe);

    int keyframes = 0;
    qsizetype sinceKey = 0;
    for (qsizetype i = 0; i < t.size(); ++i) {
        const TickRecord &r = t.at(i);
        QCOMPARE(t.interestAt(i), refAt[size_t(i)]);
        if (r.keyframe) {
            ++keyframes;
            // A keyframe is written only when replaying the changes would cost more than it.
            if (i > 0)
                QVERIFY2(sinceKey + deltaAt[size_t(i)].size() > refAt[size_t(i)].size(),
                         qPrintable(QStringLiteral("needless keyframe at tick %1").arg(i)));
            sinceKey = 0;
            QCOMPARE(r.interest, refAt[size_t(i)]); // a keyframe is the whole interest
        } else {
            QCOMPARE(r.interest, deltaAt[size_t(i)]); // otherwise exactly the change
            sinceKey += r.interest.size();
            // Replaying from the last keyframe never costs more than a full copy would.
            QVERIFY2(sinceKey <= refAt[size_t(i)].size(),
                     qPrintable(QStringLiteral("tick %1: %2 deltas since the keyframe, %3 watched")
                                    .arg(i)
                                    .arg(sinceKey)
                                    .arg(refAt[size_t(i)].size())));
        }
        if (deltaAt[size_t(i)].isEmpty() && i > 0)
            QVERIFY(!r.keyframe); // a quiet tick never writes a keyframe
    }
    QCOMPARE(t.currentInterest(), ref);
    QVERIFY(keyframes > 10);
    // Jumping around history (back, forward, the same tick twice) gives the same answers as
    // reading in order: the trace resumes from where the last read stopped only when it may.
    for (int k = 0; k < 3000; ++k) {
        const qsizetype i = rng.bounded(t.size());
        QCOMPARE(t.interestAt(i), refAt[size_t(i)]);
        if (k % 3 == 0 && i + 1 < t.size())
            QCOMPARE(t.interestAt(i + 1), refAt[size_t(i + 1)]);
    }
}

void TestTrace::memoryPerQuietTick()
{
    qsizetype perTick[2] = {};
    const int counts[2] = {10, 1000};
    for (int c = 0; c < 2; ++c) {
        Trace t;
        QList<FdEvents> all;
        for (int fd = 0; fd < counts[c]; ++fd)
            all.append({fd + 3, Readable});
        t.append(tick(0, all));
        t.append(tick(1, {{3, Writable}})); // a delta tick, so the last one is not a keyframe
        QCOMPARE(t.interestAt(1).size(), qsizetype(counts[c]));
        const qsizetype before = t.memoryBytes();
        QVERIFY(before > counts[c] * qsizetype(sizeof(FdEvents))); // the keyframe is counted
        constexpr int kQuiet = 1000;
        for (quint32 n = 2; n < 2 + kQuiet; ++n)
            t.append(tick(n));
        perTick[c] = (t.memoryBytes() - before) / kQuiet;
        QCOMPARE((t.memoryBytes() - before) % kQuiet, qsizetype(0));
        QCOMPARE(t.interestAt(t.size() - 1).size(), qsizetype(counts[c]));
    }
    QVERIFY2(perTick[1] <= 128, qPrintable(QString::number(perTick[1])));
    QVERIFY(perTick[1] > 0);
    QCOMPARE(perTick[0], perTick[1]); // independent of how many fds are watched
}

void TestTrace::jsonRoundTrip()
{
    const Trace t = sampleTrace();
    QVERIFY(t.at(0).keyframe);
    QVERIFY(!t.at(1).keyframe);
    QVERIFY(t.at(4).keyframe);

    const QJsonObject o = t.toJson();
    QCOMPARE(o.value(QStringLiteral("format")).toString(), QStringLiteral("muxlab-trace"));
    QCOMPARE(o.value(QStringLiteral("backend")).toString(), QStringLiteral("epoll-et"));
    const QJsonArray ticks = o.value(QStringLiteral("ticks")).toArray();
    QCOMPARE(ticks.size(), t.size());
    for (qsizetype i = 0; i < t.size(); ++i) { // keyframes are visible in the file as such
        const QJsonObject j = ticks.at(i).toObject();
        QCOMPARE(j.contains(QStringLiteral("interest")), t.at(i).keyframe);
        QCOMPARE(j.contains(QStringLiteral("interest_delta")), !t.at(i).keyframe);
    }

    auto back = Trace::fromJson(o);
    QVERIFY2(back.ok(), qPrintable(back.error().text));
    QVERIFY(*back == t);
    QCOMPARE(back->lessonId, t.lessonId);
    QCOMPARE(back->backend, t.backend);
    QCOMPARE(back->size(), t.size());
    for (qsizetype i = 0; i < t.size(); ++i) {
        QCOMPARE(back->at(i).keyframe, t.at(i).keyframe);
        QCOMPARE(back->at(i).actions, t.at(i).actions);
        QVERIFY(back->at(i).extrasOrEmpty() == t.at(i).extrasOrEmpty());
        QCOMPARE(back->interestAt(i), t.interestAt(i));
    }
    QCOMPARE(back->currentInterest(), t.currentInterest());
    QCOMPARE(back->socketsAt(1).size(), 5);
    QCOMPARE(back->socketsAt(3).size(), 3);
    QVERIFY(back->socketsAt(3).value(6) == t.socketsAt(3).value(6));
    QCOMPARE(back->probesAt(1).value(5).tcpState, qint8(1));

    // Appending to a trace read back continues exactly as appending to the original.
    Trace a = t, b = *back;
    a.append(tick(10, {{9, 0}, {11, Readable}}));
    b.append(tick(10, {{9, 0}, {11, Readable}}));
    QVERIFY(a == b);

    // And the round trip is a fixed point: the same text twice.
    QCOMPARE(QJsonDocument(back->toJson()).toJson(), QJsonDocument(o).toJson());

    // operator== is not vacuous.
    Trace c = *back;
    c.lessonId = QStringLiteral("other");
    QVERIFY(!(c == t));
}

void TestTrace::jsonBytes_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("ascii") << QByteArray("GET / HTTP/1.0\r\n\r\n");
    QTest::newRow("utf8") << QByteArray("你好, wörld ✓");
    QTest::newRow("nul inside text") << QByteArray("a\0b", 3);
    QTest::newRow("length prefix") << QByteArray("\x05\x00\x00\x00hello", 9);
    QTest::newRow("latin1 byte") << QByteArray("caf\xe9");
    QTest::newRow("lone continuation") << QByteArray("\x80");
    QTest::newRow("truncated sequence") << QByteArray("ab\xe4\xbd");
    QTest::newRow("overlong nul") << QByteArray("\xc0\x80", 2);
    QTest::newRow("utf16 surrogate") << QByteArray("\xed\xa0\x80");
    QTest::newRow("above U+10FFFF") << QByteArray("\xf4\x90\x80\x80");
    QTest::newRow("bom") << QByteArray("\xef\xbb\xbfhello");
    QTest::newRow("noncharacter") << QByteArray("\xef\xbf\xbe");
    QTest::newRow("replacement char") << QByteArray("\xef\xbf\xbd");
    QByteArray all;
    for (int i = 0; i < 256; ++i)
        all.append(char(i));
    QTest::newRow("every byte") << all;
}

void TestTrace::jsonBytes()
{
    QFETCH(QByteArray, data);
    Trace t;
    TickRecord r = tick(0, {{4, Readable}});
    r.actions = {action(Action::Call::Recv, 4, data.size(), data)};
    t.append(r);
    // Through text, as a file would go.
    const QByteArray text = QJsonDocument(t.toJson()).toJson();
    const QJsonDocument doc = QJsonDocument::fromJson(text);
    QVERIFY(doc.isObject());
    auto back = Trace::fromJson(doc.object());
    QVERIFY2(back.ok(), qPrintable(back.error().text));
    QCOMPARE(back->at(0).actions.size(), 1);
    QCOMPARE(back->at(0).actions.first().data.toHex(' '), data.toHex(' '));
    QVERIFY(*back == t);
}

void TestTrace::saveLoad()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("run.json"));
    const Trace t = sampleTrace();
    auto saved = t.save(path);
    QVERIFY2(saved.ok(), qPrintable(saved.error().text));
    QVERIFY(QFile::exists(path));
    QVERIFY(QFileInfo(path).size() > 100);

    auto loaded = Trace::load(path);
    QVERIFY2(loaded.ok(), qPrintable(loaded.error().text));
    QVERIFY(*loaded == t);
    for (qsizetype i = 0; i < t.size(); ++i)
        QCOMPARE(loaded->at(i).keyframe, t.at(i).keyframe);

    // Saving over an existing file replaces it whole.
    Trace small;
    small.append(tick(0));
    QVERIFY(small.save(path).ok());
    auto again = Trace::load(path);
    QVERIFY(again.ok());
    QVERIFY(*again == small);
    QCOMPARE(again->size(), 1);
}

void TestTrace::keepsOnlyTheNewestTicks()
{
    // --serve keeps the newest ticks only: memory stays bounded however long it runs, and
    // every tick is still recorded, readable while kept, and the interest stays right.
    const qsizetype keep = TickStore::kChunk;
    Trace t;
    t.keepAtMost(keep);
    QList<FdEvents> all;
    for (int fd = 3; fd < 8; ++fd)
        all.append({fd, Readable});
    t.append(tick(0, all));
    QByteArray payload(100, 'x');
    const quint32 total = quint32(4 * keep + 17);
    qsizetype bytesWhenFull = 0;
    for (quint32 n = 1; n < total; ++n) {
        TickRecord r =
            tick(n, n % 1000 == 0 ? QList<FdEvents>{{int(n % 5) + 3, Events(Readable | Writable)}}
                                  : QList<FdEvents>{});
        if (n % 1000 == 0)
            all[int(n % 5)].events = Readable | Writable;
        r.actions.append(action(Action::Call::Recv, 4, payload.size(), payload));
        t.append(std::move(r));
        if (n == quint32(2 * keep))
            bytesWhenFull = t.memoryBytes();
    }
    QCOMPARE(t.size(), qsizetype(total));
    QVERIFY2(t.firstKept() > 0 && t.size() - t.firstKept() >= keep &&
                 t.size() - t.firstKept() <= keep + TickStore::kChunk,
             qPrintable(QStringLiteral("kept %1..%2").arg(t.firstKept()).arg(t.size())));
    QCOMPARE(t.at(t.firstKept()).tick, quint32(t.firstKept()));
    QCOMPARE(t.last().tick, total - 1);
    QCOMPARE(t.last().actions.value(0).data, payload);
    QCOMPARE(t.currentInterest(), all);
    QCOMPARE(t.interestAt(t.size() - 1), all);
    // Memory no longer grows with the run: after twice the window it holds what it held then.
    QVERIFY2(t.memoryBytes() <= bytesWhenFull + bytesWhenFull / 4,
             qPrintable(QStringLiteral("%1 bytes now, %2 at tick %3")
                            .arg(t.memoryBytes())
                            .arg(bytesWhenFull)
                            .arg(2 * keep)));
    // What the dropped ticks did stays in the reads at kept ticks, and a saved trimmed trace
    // reads back the same.
    QCOMPARE(t.interestAt(t.firstKept()).size(), all.size());
    QCOMPARE(t.trafficAt(t.firstKept()).value(4).in, qint64(payload.size()) * t.firstKept());
    QTemporaryDir dir;
    auto saved = t.save(dir.filePath(QStringLiteral("run.json")));
    QVERIFY2(saved.ok(), qPrintable(saved.ok() ? QString() : saved.error().text));
    auto again = Trace::load(dir.filePath(QStringLiteral("run.json")));
    QVERIFY2(again.ok(), qPrintable(again.ok() ? QString() : again.error().text));
    QVERIFY(*again == t);
    QCOMPARE(again->interestAt(t.firstKept() + 3), t.interestAt(t.firstKept() + 3));
}

void TestTrace::saveToBadPath()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("no/such/dir/run.json"));
    auto r = sampleTrace().save(path);
    QVERIFY(!r.ok());
    QVERIFY2(r.error().text.contains(path), qPrintable(r.error().text));
    auto l = Trace::load(path);
    QVERIFY(!l.ok());
    QVERIFY2(l.error().text.contains(path), qPrintable(l.error().text));
}

void TestTrace::badFiles_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("mentions");

    auto edited = [](const std::function<void(QJsonObject &)> &edit) {
        QJsonObject o = QJsonDocument::fromJson(sampleJson()).object();
        edit(o);
        return QJsonDocument(o).toJson();
    };
    auto editTick = [&](int i, const std::function<void(QJsonObject &)> &edit) {
        return edited([&](QJsonObject &o) {
            QJsonArray ticks = o.value(QStringLiteral("ticks")).toArray();
            QJsonObject t = ticks.at(i).toObject();
            edit(t);
            ticks[i] = t;
            o.insert(QStringLiteral("ticks"), ticks);
        });
    };

    QTest::newRow("not json") << QByteArray("this is { not json") << QStringLiteral("JSON");
    QTest::newRow("empty file") << QByteArray() << QStringLiteral("JSON");
    QTest::newRow("truncated") << sampleJson().left(200) << QStringLiteral("JSON");
    QTest::newRow("binary") << QByteArray("\x00\xff\xfe garbage", 11) << QStringLiteral("JSON");
    QTest::newRow("array") << QByteArray("[1, 2, 3]") << QStringLiteral("not a muxlab trace");
    QTest::newRow("wrong format") << edited([](QJsonObject &o) {
        o.insert(QStringLiteral("format"), QStringLiteral("har"));
    }) << QStringLiteral("not a muxlab trace");
    QTest::newRow("no format") << edited([](QJsonObject &o) { o.remove(QStringLiteral("format")); })
                               << QStringLiteral("not a muxlab trace");
    QTest::newRow("future version")
        << edited([](QJsonObject &o) { o.insert(QStringLiteral("version"), 7); })
        << QStringLiteral("version 7");
    QTest::newRow("version not a number")
        << edited([](QJsonObject &o) { o.insert(QStringLiteral("version"), QStringLiteral("2b")); })
        << QStringLiteral("\"version\"");
    QTest::newRow("version zero") << edited([](QJsonObject &o) {
        o.insert(QStringLiteral("version"), 0);
    }) << QStringLiteral("\"version\"");
    QTest::newRow("unknown backend") << edited([](QJsonObject &o) {
        o.insert(QStringLiteral("backend"), QStringLiteral("kqueue"));
    }) << QStringLiteral("kqueue");
    QTest::newRow("unknown tick backend") << editTick(2, [](QJsonObject &t) {
        t.insert(QStringLiteral("backend"), QStringLiteral("iocp"));
    }) << QStringLiteral("tick 2");
    QTest::newRow("unknown call") << editTick(1, [](QJsonObject &t) {
        QJsonArray a = t.value(QStringLiteral("actions")).toArray();
        QJsonObject first = a.at(0).toObject();
        first.insert(QStringLiteral("call"), QStringLiteral("frobnicate"));
        a[0] = first;
        t.insert(QStringLiteral("actions"), a);
    }) << QStringLiteral("frobnicate");
    QTest::newRow("first tick not a keyframe") << editTick(0, [](QJsonObject &t) {
        t.insert(QStringLiteral("interest_delta"), t.value(QStringLiteral("interest")));
        t.remove(QStringLiteral("interest"));
    }) << QStringLiteral("first tick");
    QTest::newRow("tick is not an object") << edited([](QJsonObject &o) {
        QJsonArray ticks = o.value(QStringLiteral("ticks")).toArray();
        ticks[1] = 42;
        o.insert(QStringLiteral("ticks"), ticks);
    }) << QStringLiteral("tick 1");
    QTest::newRow("interest entry not a pair") << editTick(0, [](QJsonObject &t) {
        t.insert(QStringLiteral("interest"), QJsonArray{QJsonArray{3}});
    }) << QStringLiteral("tick 0");
    QTest::newRow("interest fd not a number") << editTick(1, [](QJsonObject &t) {
        t.insert(QStringLiteral("interest_delta"),
                 QJsonArray{QJsonArray{QStringLiteral("five"), 1}});
    }) << QStringLiteral("tick 1");
    QTest::newRow("negative fd") << editTick(1, [](QJsonObject &t) {
        t.insert(QStringLiteral("ready"), QJsonArray{QJsonArray{-3, 1}});
    }) << QStringLiteral("tick 1");
    QTest::newRow("events out of range") << editTick(0, [](QJsonObject &t) {
        t.insert(QStringLiteral("interest"), QJsonArray{QJsonArray{3, 4096}});
    }) << QStringLiteral("tick 0");
}

void TestTrace::badFiles()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, mentions);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("bad.json"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(content);
    f.close();

    auto r = Trace::load(path);
    QVERIFY(!r.ok());
    const QString text = r.error().text;
    QVERIFY2(text.contains(path), qPrintable(text));     // which file
    QVERIFY2(text.contains(mentions), qPrintable(text)); // what is wrong with it
    QVERIFY2(!text.contains(QLatin1Char('\n')), qPrintable(text));
}

void TestTrace::optionCallsRoundTrip()
{
    // Every call has a name that reads back as itself.
    for (int c = 0; c <= int(Action::Call::Ioctl); ++c)
        QCOMPARE(callFromName(callName(Action::Call(c))), std::optional(Action::Call(c)));
    QCOMPARE(callName(Action::Call::SetSockOpt), QStringLiteral("setsockopt"));

    Trace t = sampleTrace();
    TickRecord r = tick(10);
    r.backend = Backend::EpollEt;
    Action set = action(Action::Call::SetSockOpt, 5, 0, "0");
    set.arg = int(SockOpt::Linger);
    Action get = action(Action::Call::GetSockOpt, 5, 0, "4608");
    get.arg = int(SockOpt::SndBuf);
    Action nonblock = action(Action::Call::Ioctl, 5, -1, "1");
    nonblock.arg = int(SockOpt::NonBlock);
    nonblock.err = 9; // EBADF
    r.actions = {set, get, nonblock};
    t.append(r);
    auto back = Trace::fromJson(t.toJson());
    QVERIFY2(back.ok(), qPrintable(back.ok() ? QString() : back.error().text));
    QCOMPARE(back->last().actions, r.actions);
    QCOMPARE(format::action(back->last().actions[0], Backend::EpollEt),
             QStringLiteral("setsockopt(5, SOL_SOCKET, SO_LINGER, {l_onoff=1, l_linger=0}) = 0"));
    QCOMPARE(format::action(back->last().actions[1], Backend::EpollEt),
             QStringLiteral("getsockopt(5, SOL_SOCKET, SO_SNDBUF, [4608]) = 0"));
    QCOMPARE(format::action(back->last().actions[2], Backend::EpollEt),
             QStringLiteral("ioctl(5, FIONBIO, [1]) = -1 EBADF"));
}

void TestTrace::olderVersionsOpen_data()
{
    QTest::addColumn<QJsonValue>("version");
    // Files written before the field existed have none; they are version 1.
    QTest::newRow("no version field") << QJsonValue(QJsonValue::Undefined);
    QTest::newRow("version 1") << QJsonValue(1);
    QTest::newRow("version 2") << QJsonValue(2);
}

void TestTrace::olderVersionsOpen()
{
    QFETCH(QJsonValue, version);
    QJsonObject o = sampleTrace().toJson();
    if (version.isUndefined())
        o.remove(QStringLiteral("version"));
    else
        o.insert(QStringLiteral("version"), version);
    auto t = Trace::fromJson(o);
    QVERIFY2(t.ok(), qPrintable(t.ok() ? QString() : t.error().text));
    QVERIFY(*t == sampleTrace());
}

void TestTrace::savedFileNamesItsVersion()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("t.json"));
    QVERIFY(sampleTrace().save(path));
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QJsonObject o = QJsonDocument::fromJson(f.readAll()).object();
    QCOMPARE(o.value(QStringLiteral("version")).toInt(-1), 2);
    // One newer than that is refused with one sentence that names the version.
    QJsonObject newer = o;
    newer.insert(QStringLiteral("version"), 4);
    auto t = Trace::fromJson(newer);
    QVERIFY(!t.ok());
    QVERIFY2(t.error().text.contains(QStringLiteral("version 4")), qPrintable(t.error().text));
    QVERIFY(!t.error().text.contains(QLatin1Char('\n')));
}

QTEST_GUILESS_MAIN(TestTrace)
#include "tst_trace.moc"
