// The command line is a contract (DESIGN.md): these tests run the real `muxlab` binary.

#include "common/Loopback.h"
#include "common/Serve.h"
#include "lesson/Lesson.h"
#include "trace/Trace.h"

#include <QJsonDocument>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace mux;

namespace {

struct Output {
    int code = -1;
    QByteArray out, err;
};

Output muxlab(const QStringList &args, int timeoutMs = 60000)
{
    QProcess p;
    p.start(QStringLiteral(MUXLAB_BINARY), args);
    Output o;
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        return o;
    }
    o.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    o.out = p.readAllStandardOutput();
    o.err = p.readAllStandardError();
    return o;
}

} // namespace

class TestCli : public QObject {
    Q_OBJECT
private slots:
    void listLessons();
    void usageErrorsExitTwo_data();
    void usageErrorsExitTwo();
    void headlessFoundationLessons_data();
    void headlessFoundationLessons();
    void everyCallPrintsAsItself_data();
    void everyCallPrintsAsItself();
    void traceRoundTrips();
    void serveFiftyConcurrentClients();
    void serveTalksToNc();
    void serveWritesTheWholeRunWithTrace();
    void lessonClientScripts_data();
    void lessonClientScripts();
};

void TestCli::listLessons()
{
    const Output o = muxlab({QStringLiteral("--list-lessons")});
    QCOMPARE(o.code, 0);
    const QList<QByteArray> lines = o.out.trimmed().split('\n');
    QCOMPARE(lines.size(), loadLessons().size());
    QStringList ids;
    for (const QByteArray &line : lines) {
        const QList<QByteArray> parts = line.split('\t');
        QCOMPARE(parts.size(), 2);
        QVERIFY(!parts[1].isEmpty());
        QVERIFY2(!parts[1].contains('{'), line.constData()); // rendered for the default backend
        ids.append(QString::fromUtf8(parts[0]));
    }
    for (const char *id : {"multiport-welcome", "select-echo", "rw-separation"})
        QVERIFY2(ids.contains(QLatin1String(id)), id);
}

void TestCli::usageErrorsExitTwo_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("says");
    QTest::newRow("headless without lesson")
        << QStringList{QStringLiteral("--headless")} << QStringLiteral("--lesson");
    QTest::newRow("unknown lesson")
        << QStringList{QStringLiteral("--headless"), QStringLiteral("--lesson"),
                       QStringLiteral("no-such")}
        << QStringLiteral("no lesson");
    QTest::newRow("unknown backend")
        << QStringList{QStringLiteral("--headless"), QStringLiteral("--lesson"),
                       QStringLiteral("select-echo"), QStringLiteral("--backend"),
                       QStringLiteral("kqueue")}
        << QStringLiteral("backend");
    QTest::newRow("bad port") << QStringList{QStringLiteral("--serve"), QStringLiteral("--lesson"),
                                             QStringLiteral("select-echo"),
                                             QStringLiteral("--port"), QStringLiteral("99999")}
                              << QStringLiteral("--port");
    QTest::newRow("two modes") << QStringList{QStringLiteral("--serve"),
                                              QStringLiteral("--headless"),
                                              QStringLiteral("--lesson"),
                                              QStringLiteral("select-echo")}
                               << QStringLiteral("cannot be combined");
    QTest::newRow("pace not a number")
        << QStringList{QStringLiteral("--headless"), QStringLiteral("--lesson"),
                       QStringLiteral("select-echo"), QStringLiteral("--pace"),
                       QStringLiteral("soon")}
        << QStringLiteral("--pace");
    QTest::newRow("pace without headless")
        << QStringList{QStringLiteral("--serve"), QStringLiteral("--lesson"),
                       QStringLiteral("select-echo"), QStringLiteral("--pace"),
                       QStringLiteral("500")}
        << QStringLiteral("--headless");
    QTest::newRow("unknown option")
        << QStringList{QStringLiteral("--frobnicate")} << QStringLiteral("frobnicate");
}

void TestCli::usageErrorsExitTwo()
{
    QFETCH(QStringList, args);
    QFETCH(QString, says);
    const Output o = muxlab(args);
    QCOMPARE(o.code, 2);
    QVERIFY2(QString::fromUtf8(o.err).contains(says, Qt::CaseInsensitive), o.err.constData());
    // One sentence, on one line of its own (Qt may add its own diagnostics around it).
    int ours = 0;
    for (const QByteArray &line : o.err.split('\n'))
        ours += line.startsWith("muxlab: ");
    QCOMPARE(ours, 1);
}

void TestCli::headlessFoundationLessons_data()
{
    QTest::addColumn<QString>("lesson");
    QTest::addColumn<QString>("backend");
    QTest::addColumn<QString>("call");
    const QStringList calls = {QStringLiteral("select("), QStringLiteral("poll("),
                               QStringLiteral("epoll_wait("), QStringLiteral("epoll_wait(")};
    for (const char *l : {"multiport-welcome", "select-echo", "rw-separation"})
        for (int b = 0; b < 4; ++b)
            QTest::addRow("%s/%s", l, qPrintable(backendName(Backend(b))))
                << QString::fromLatin1(l) << backendName(Backend(b)) << calls[b];
}

void TestCli::headlessFoundationLessons()
{
    QFETCH(QString, lesson);
    QFETCH(QString, backend);
    QFETCH(QString, call);
    const Output o = muxlab({QStringLiteral("--headless"), QStringLiteral("--lesson"), lesson,
                             QStringLiteral("--backend"), backend});
    QVERIFY2(o.code == 0, o.out.constData());
    auto l = findLesson(lesson);
    QVERIFY(l);
    // One line per tick (plus tick 0, the setup), each showing the call, what came back and
    // the actions.
    int ticks = 0;
    for (const QByteArray &line : o.out.split('\n')) {
        if (!line.startsWith("tick "))
            continue;
        if (line.startsWith("tick 0 "))
            continue;
        ++ticks;
        QVERIFY2(QString::fromUtf8(line).contains(call), line.constData());
        QVERIFY2(line.contains(" = "), line.constData());
    }
    QCOMPARE(ticks, int(l->ticks));
    QVERIFY(o.out.contains("accept("));
    QVERIFY(!o.out.contains("FAIL"));
}

void TestCli::everyCallPrintsAsItself_data()
{
    // A pattern the lesson's headless tick line must (or must not) match: each call is shown as
    // the call it was, with its result, as strace would show it (fd numbers vary with what the
    // test runner left open).
    QTest::addColumn<QString>("lesson");
    QTest::addColumn<QString>("tick");
    QTest::addColumn<QString>("present");
    QTest::addColumn<QString>("absent");
    QTest::newRow("udp socket is bound, never listening") << "udp-echo"
                                                          << "tick 0 "
                                                          << R"(bind\(\d+, :\d+\) = 0)"
                                                          << R"(listen\()";
    QTest::newRow("a bind that failed prints as bind") << "socket-options"
                                                       << "tick 3 "
                                                       << R"(bind\(\d+, :\d+\) = -1 EADDRINUSE)"
                                                       << R"(listen\(:\d+\) = -1)";
    QTest::newRow("non-blocking connect returns EINPROGRESS")
        << "client-side-select"
        << "tick 0 "
        << R"( connect\(\d+, L0\) = -1 EINPROGRESS)"
        << R"(connect\(L0\) fd)";
    QTest::newRow("a client's connect shows its result")
        << "select-echo"
        << "tick 1 "
        << R"(A: connect\(\d+, L0\) = -1 EINPROGRESS)"
        << "";
}

void TestCli::everyCallPrintsAsItself()
{
    QFETCH(QString, lesson);
    QFETCH(QString, tick);
    QFETCH(QString, present);
    QFETCH(QString, absent);
    const Output o = muxlab({QStringLiteral("--headless"), QStringLiteral("--lesson"), lesson});
    QVERIFY2(o.code == 0, o.out.constData());
    QString line;
    for (const QByteArray &l : o.out.split('\n'))
        if (l.startsWith(tick.toUtf8()))
            line = QString::fromUtf8(l);
    QVERIFY2(!line.isEmpty(), qPrintable(tick));
    QVERIFY2(line.contains(QRegularExpression(present)), qPrintable(line));
    if (!absent.isEmpty())
        QVERIFY2(!line.contains(QRegularExpression(absent)), qPrintable(line));
}

void TestCli::traceRoundTrips()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("trace.json"));
    const Output o = muxlab({QStringLiteral("--headless"), QStringLiteral("--lesson"),
                             QStringLiteral("rw-separation"), QStringLiteral("--backend"),
                             QStringLiteral("poll"), QStringLiteral("--trace"), path});
    QCOMPARE(o.code, 0);
    auto t = Trace::load(path);
    QVERIFY2(t, qPrintable(t ? QString() : t.error().text));
    QCOMPARE(t->lessonId, QStringLiteral("rw-separation"));
    QCOMPARE(t->backend, Backend::Poll);
    QVERIFY(t->size() > 5);
    // Read back, written again, read again: equal Traces and the same bytes.
    auto again = Trace::fromJson(t->toJson());
    QVERIFY(again);
    QVERIFY(*again == *t);
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(QJsonDocument(again->toJson()).toJson(QJsonDocument::Indented), f.readAll());
    // And the interest of every tick is the one the headless line printed.
    QVERIFY(!t->interestAt(t->size() - 1).isEmpty());
}

void TestCli::serveFiftyConcurrentClients()
{
    const quint16 port = freePortBlock(1);
    QVERIFY(port);
    ServeProcess serve(QStringLiteral("select-echo"), QStringLiteral("epoll"), port);
    QVERIFY2(serve.waitListening(), serve.errors().constData());
    QVERIFY(serve.output().contains(QByteArray("listening 127.0.0.1:") + QByteArray::number(port)));

    // Fifty separate python3 processes, all connected at once; each sends its own token
    // several times and must get back exactly its own token with the suffix, nothing else.
    const QString script =
        QStringLiteral("import socket, sys, time\n"
                       "tok = sys.argv[2]\n"
                       "s = socket.create_connection(('127.0.0.1', int(sys.argv[1])), timeout=10)\n"
                       "def read(n):\n"
                       "    b = b''\n"
                       "    while len(b) < n:\n"
                       "        c = s.recv(n - len(b))\n"
                       "        if not c: break\n"
                       "        b += c\n"
                       "    return b\n"
                       "assert read(6) == '你好'.encode(), 'greeting'\n"
                       "time.sleep(0.3)\n"
                       "for i in range(3):\n"
                       "    msg = ('%s-%d' % (tok, i)).encode()\n"
                       "    s.sendall(msg)\n"
                       "    want = msg + '好'.encode()\n"
                       "    got = read(len(want))\n"
                       "    assert got == want, (got, want)\n"
                       "print('ok', tok)\n");
    std::vector<std::unique_ptr<QProcess>> clients;
    for (int i = 0; i < 50; ++i) {
        auto p = std::make_unique<QProcess>();
        p->start(QStringLiteral("python3"), {QStringLiteral("-c"), script, QString::number(port),
                                             QStringLiteral("client%1").arg(i)});
        clients.push_back(std::move(p));
    }
    int ok = 0;
    for (int i = 0; i < 50; ++i) {
        QProcess &p = *clients[size_t(i)];
        QVERIFY(p.waitForFinished(120000));
        const QByteArray err = p.readAllStandardError();
        QVERIFY2(p.exitCode() == 0, err.constData());
        QCOMPARE(p.readAllStandardOutput().trimmed(),
                 QByteArray("ok client") + QByteArray::number(i));
        ++ok;
    }
    QCOMPARE(ok, 50);
    QCOMPARE(serve.terminate(), 0);
    QVERIFY(serve.output().count("accept(") >= 50);
}

void TestCli::serveTalksToNc()
{
    if (QStandardPaths::findExecutable(QStringLiteral("nc")).isEmpty())
        QSKIP("nc is not installed (.ci/setup installs netcat-openbsd)");
    const quint16 port = freePortBlock(1);
    ServeProcess serve(QStringLiteral("select-echo"), QStringLiteral("select"), port);
    QVERIFY(serve.waitListening());
    QProcess nc;
    nc.start(QStringLiteral("nc"), {QStringLiteral("-q"), QStringLiteral("1"),
                                    QStringLiteral("127.0.0.1"), QString::number(port)});
    QVERIFY(nc.waitForStarted());
    QTest::qWait(300); // let the greeting arrive before the line, as a person typing would
    nc.write("from nc\n");
    nc.closeWriteChannel();
    QVERIFY(nc.waitForFinished(10000));
    QCOMPARE(QString::fromUtf8(nc.readAllStandardOutput()), QStringLiteral("你好from nc\n好"));
    QCOMPARE(serve.terminate(), 0);
}

void TestCli::serveWritesTheWholeRunWithTrace()
{
    // Without --trace, --serve keeps only its newest ticks; with it, the whole run is kept and
    // written on SIGTERM, from tick 0, with what the client sent.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("serve.json"));
    const quint16 port = freePortBlock(1);
    ServeProcess serve(QStringLiteral("select-echo"), QStringLiteral("epoll"), port,
                       {QStringLiteral("--trace"), path});
    QVERIFY2(serve.waitListening(), serve.errors().constData());
    {
        TestClient c = TestClient::connectTo(port);
        QVERIFY(c.ok());
        QVERIFY(c.send("traced\n"));
        const QByteArray got =
            c.readUntil([](const QByteArray &b) { return b.contains("traced"); });
        QVERIFY2(got.contains("traced"), got.constData());
    }
    QCOMPARE(serve.terminate(), 0);
    auto t = Trace::load(path);
    QVERIFY2(t, qPrintable(t ? QString() : t.error().text));
    QCOMPARE(t->firstKept(), qsizetype(0));
    QCOMPARE(t->at(0).kind, TickRecord::Kind::Setup);
    bool sawRecv = false;
    for (qsizetype i = 0; i < t->size(); ++i)
        for (const Action &a : t->at(i).actions)
            sawRecv = sawRecv || (a.call == Action::Call::Recv && a.data == "traced\n");
    QVERIFY(sawRecv);
}

void TestCli::lessonClientScripts_data()
{
    QTest::addColumn<QString>("lesson");
    QTest::addColumn<QString>("script");
    for (const Lesson &l : loadLessons())
        if (!l.clientScript.isEmpty())
            QTest::newRow(qPrintable(l.id)) << l.id << l.clientScript;
}

void TestCli::lessonClientScripts()
{
    QFETCH(QString, lesson);
    QFETCH(QString, script);
    const quint16 port = freePortBlock(4);
    QVERIFY(port);
    QTemporaryDir data;
    ServeProcess serve(lesson, QStringLiteral("select"), port,
                       {QStringLiteral("--data-dir"), data.path()});
    QVERIFY2(serve.waitListening(), serve.errors().constData());
    QProcess client;
    client.start(QStringLiteral("python3"), {QStringLiteral(MUXLAB_SOURCE_DIR "/lessons/") + script,
                                             QStringLiteral("--port"), QString::number(port)});
    QVERIFY(client.waitForFinished(20000));
    QVERIFY2(client.exitStatus() == QProcess::NormalExit && client.exitCode() == 0,
             (client.readAllStandardOutput() + client.readAllStandardError()).constData());
    QCOMPARE(serve.terminate(), 0);
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
