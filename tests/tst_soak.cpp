// A bounded soak: hundreds of clients connect, send, reset and vanish at random against
// `muxlab --serve` on each backend. Counted, not timed: it stops after a fixed number of
// clients (well within a minute). Afterwards the server holds exactly the descriptors it held
// before, and its memory grew by no more than the trace it keeps of every tick.
#include "common/Loopback.h"
#include "common/Serve.h"

#include <QRandomGenerator>
#include <QtTest>

namespace {

constexpr int kWaves = 12;
constexpr int kPerWave = 50;

struct Figures {
    int served = 0, reset = 0, vanished = 0;
};

/// One wave of clients, each doing one of the things students' clients do.
void wave(quint16 port, QRandomGenerator &rng, Figures &f, const QByteArray &hello)
{
    std::vector<TestClient> clients;
    for (int i = 0; i < kPerWave; ++i)
        clients.push_back(TestClient::connectTo(port));
    std::vector<TestClient> lingering;
    for (int i = 0; i < kPerWave; ++i) {
        TestClient &c = clients[size_t(i)];
        QVERIFY(c.ok());
        const QByteArray token = QByteArray::number(rng.generate());
        switch (rng.bounded(5)) {
        case 0: // a whole exchange
        case 1: {
            QVERIFY(c.send(token));
            const QByteArray want = hello + token + "好";
            QCOMPARE(c.readBytes(want.size()), want);
            c.close();
            ++f.served;
            break;
        }
        case 2: // sends and crashes: RST with the request maybe still unread
            c.send(token);
            c.reset();
            ++f.reset;
            break;
        case 3: // connects and crashes before a word
            c.reset();
            ++f.reset;
            break;
        default: // half a request, then gone without reading the greeting
            c.send(token.left(2));
            lingering.push_back(std::move(c));
            ++f.vanished;
        }
    }
    lingering.clear(); // they go with the wave, whatever the server was sending them
}

} // namespace

class TestSoak : public QObject {
    Q_OBJECT

private slots:
    void clientsComeAndGo_data()
    {
        QTest::addColumn<QString>("backend");
        for (const char *b : {"select", "poll", "epoll"})
            QTest::newRow(b) << QString::fromLatin1(b);
    }
    void clientsComeAndGo()
    {
        QFETCH(QString, backend);
        const quint16 port = freePortBlock(1);
        ServeProcess serve(QStringLiteral("select-echo"), backend, port);
        QVERIFY2(serve.waitListening(), serve.errors().constData());
        const qint64 pid = serve.process().processId();
        const QByteArray hello = QStringLiteral("你好").toUtf8();
        QRandomGenerator rng(20240611);
        Figures f;
        // One wave first, so what the server allocates once (caches, the first buffers) is in
        // the baseline and not counted as growth.
        wave(port, rng, f, hello);
        auto settled = [&](int fds) {
            for (int i = 0; i < 200 && openFdCount(pid) != fds; ++i)
                QTest::qWait(25);
            return openFdCount(pid);
        };
        TestClient probe = TestClient::connectTo(port); // every earlier client was handled
        QCOMPARE(probe.readBytes(hello.size()), hello);
        probe.close();
        const int fdsBefore = settled(openFdCount(pid) - 1);
        const qint64 rssBefore = statusKb(pid, "VmRSS");
        const qsizetype logBefore = serve.output().size();

        for (int w = 1; w < kWaves && !QTest::currentTestFailed(); ++w)
            wave(port, rng, f, hello);
        QVERIFY(!QTest::currentTestFailed());
        TestClient last = TestClient::connectTo(port);
        QCOMPARE(last.readBytes(hello.size()), hello);
        last.close();

        const int fdsAfter = settled(fdsBefore);
        const qint64 rssAfter = statusKb(pid, "VmRSS");
        const qsizetype logBytes = serve.output().size() - logBefore;
        qInfo("%s: %d clients (%d served, %d reset, %d vanished); descriptors %d -> %d; "
              "RSS %lld -> %lld kB; %lld bytes of tick log",
              qPrintable(backend), kWaves * kPerWave, f.served, f.reset, f.vanished, fdsBefore,
              fdsAfter, rssBefore, rssAfter, qint64(logBytes));
        QCOMPARE(fdsAfter, fdsBefore);
        // The trace keeps every tick (the printed log is a fair measure of its size, at a
        // few times that in memory); anything past that would be a leak.
        const qint64 allowedKb = 8 * (logBytes / 1024) + 16 * 1024;
        QVERIFY2(rssAfter - rssBefore <= allowedKb,
                 qPrintable(QStringLiteral("grew %1 kB, allowed %2 kB")
                                .arg(rssAfter - rssBefore)
                                .arg(allowedKb)));
        QCOMPARE(serve.terminate(), 0);
    }
};

QTEST_GUILESS_MAIN(TestSoak)
#include "tst_soak.moc"
