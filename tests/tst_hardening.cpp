// Faults a class of students throws at a lesson server, run through the engine in-process on
// real loopback sockets: frames cut anywhere, clients that never read, more clients than the
// server takes, half-closes and resets, clients that start and never finish, a client that
// streams without pause under edge-triggered epoll, and broken lesson and trace files.
#include "common/Canonical.h"
#include "common/ClientOps.h"
#include "common/Loopback.h"
#include "engine/Engine.h"
#include "lesson/Lesson.h"
#include "programs/ProgramFactory.h"
#include "proto/FrameDecoder.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <optional>
#include <thread>

using namespace mux;

Q_DECLARE_METATYPE(mux::Backend)

namespace {

std::unique_ptr<Program> program(const QString &name, QJsonObject params)
{
    params.insert(QStringLiteral("ports"), QJsonArray{0});
    auto p = createProgram(name, params);
    return p ? std::move(*p) : nullptr;
}

bool refusedWith(const Trace &trace, const QByteArray &text)
{
    for (qsizetype i = 0; i < trace.size(); ++i)
        for (const Action &a : trace.at(i).actions)
            if (a.call == Action::Call::Refuse && a.data.contains(text))
                return true;
    return false;
}

} // namespace

class TestHardening : public QObject {
    Q_OBJECT

private slots:
    // 3. a frame split at every offset, one byte per tick, many frames in one read
    void framesSplitOverTicks_data()
    {
        QTest::addColumn<QList<QByteArray>>("pieces");
        const QByteArray stream = proto::frame("hello") + proto::frame("world!");
        for (int at = 1; at < stream.size(); ++at)
            QTest::addRow("split at %d", at) << QList<QByteArray>{stream.left(at), stream.mid(at)};
        QList<QByteArray> bytes;
        for (char c : stream)
            bytes.append(QByteArray(1, c));
        QTest::newRow("one byte per tick") << bytes;
        QTest::newRow("both in one send") << QList<QByteArray>{stream};
    }
    void framesSplitOverTicks()
    {
        QFETCH(QList<QByteArray>, pieces);
        Engine e({.backend = Backend::Poll});
        e.addClient(QStringLiteral("A"));
        e.schedule(1, op(ClientOp::Connect, 0));
        for (int i = 0; i < pieces.size(); ++i)
            e.schedule(quint32(i + 2), op(ClientOp::Send, 0, pieces[i]));
        QVERIFY(e.start(program(QStringLiteral("length-prefix"), {})));
        e.run(int(pieces.size()) + 2);
        QByteArrayList frames; // the whole frames printed, without the "so far" notes between
        for (const QByteArray &line : printed(e.trace()).split('\n'))
            if (line.startsWith("frame "))
                frames.append(line);
        QCOMPARE(frames, (QByteArrayList{"frame 5 bytes: hello", "frame 6 bytes: world!"}));
        QCOMPARE(e.clients()[0]->received(), QByteArray()); // printed, never sent back
    }

    // 4. a client that never reads while the server keeps sending
    void nonReadingClientIsCapped_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QJsonObject>("params");
        QTest::addColumn<QByteArray>("told");
        QTest::addColumn<int>("chunk"); // bytes sent per tick, each a message under the cap
        QTest::newRow("chat broadcast") << QStringLiteral("chat")
                                        << QJsonObject{{QStringLiteral("sndbuf"), 4096},
                                                       {QStringLiteral("queue_cap"), 16384},
                                                       {QStringLiteral("recv_size"), 65536}}
                                        << QByteArray("is not reading") << 2000;
        QTest::newRow("rw-separation queue")
            << QStringLiteral("queued-reply")
            << QJsonObject{{QStringLiteral("queue_cap"), 256 * 1024},
                           {QStringLiteral("recv_size"), 65536}}
            << QByteArray("over this server's cap") << 60000;
    }
    void nonReadingClientIsCapped()
    {
        QFETCH(QString, name);
        QFETCH(QJsonObject, params);
        QFETCH(QByteArray, told);
        QFETCH(int, chunk);
        const bool chat = name == QLatin1String("chat");
        Engine e({.backend = Backend::Epoll});
        for (const char *n : {"A", "B", "C"})
            e.addClient(QString::fromLatin1(n));
        ClientOp slow = op(ClientOp::Connect, 0);
        slow.rcvbuf = 4096; // a small window, so its backlog piles up in the server
        e.schedule(1, slow);
        e.schedule(1, op(ClientOp::Connect, 1));
        e.schedule(1, op(ClientOp::Connect, 2));
        e.schedule(2, op(ClientOp::StopReading, 0));
        // Chat: B talks and A stops reading the broadcast. Queue: A sends and never reads.
        const int talker = chat ? 1 : 0;
        constexpr int kTicks = 120;
        for (int t = 3; t < kTicks; ++t)
            e.schedule(quint32(t),
                       op(ClientOp::Send, talker, QByteArray(chunk, char('a' + t % 26))));
        QVERIFY(e.start(program(name, params)));
        int dropped = 0;
        for (int t = 1; t <= kTicks && !dropped; ++t) {
            e.step();
            if (refusedWith(e.trace(), told))
                dropped = t;
        }
        QVERIFY2(dropped, "the slow client was never cut off");
        qInfo("%s: cut off at tick %d", qPrintable(name), dropped);
        e.queue(op(ClientOp::Send, chat ? 1 : 2, "LAST\n"));
        e.run(3);
        // The others went on: C still hears B (chat), or C's own message comes back (queue).
        QVERIFY(e.clients()[2]->received().contains("LAST"));
        QCOMPARE(e.server().fdCount(), 3); // the listener, B's and C's conns
    }

    // An echo that cannot send (the peer stopped reading, the buffers are full) drops the reply:
    // the trace shows the send that failed with the bytes it tried, and says they are lost.
    void aDroppedReplyIsNeverSilent()
    {
        Engine e({.backend = Backend::Epoll});
        e.addClient(QStringLiteral("A"));
        ClientOp slow = op(ClientOp::Connect, 0);
        slow.rcvbuf = 4096;
        e.schedule(1, slow);
        e.schedule(2, op(ClientOp::StopReading, 0));
        // Past the most any send buffer autotunes to (tcp_wmem's 4 MiB): 300 × 60000 bytes.
        constexpr int kTicks = 300;
        for (int t = 3; t < kTicks; ++t)
            e.schedule(quint32(t), op(ClientOp::Send, 0, QByteArray(60000, char('a' + t % 26))));
        QVERIFY(e.start(program(QStringLiteral("echo"), {{QStringLiteral("recv_size"), 65536}})));
        std::optional<Action> failed; // copies: the trace may move its storage as it grows
        bool said = false;
        for (int t = 1; t < kTicks && !said; ++t) {
            e.step();
            for (const Action &a : e.trace().at(e.trace().size() - 1).actions) {
                if (a.call == Action::Call::Send && a.actor == Action::Actor::Server && a.ret < 0)
                    failed = a;
                if (a.call == Action::Call::Note && a.data.contains("bytes not sent"))
                    said = true;
            }
        }
        QVERIFY2(said, "a reply was dropped without a line saying so");
        QVERIFY(failed);
        QCOMPARE(failed->err, qint16(EAGAIN));
        QVERIFY2(!failed->data.isEmpty(), "the failed send must show the bytes it tried");
        QCOMPARE(failed->data.size(), qsizetype(failed->arg));
    }

    // 5. a limit on clients, with a polite refusal
    void connectionLimitRefusesPolitely()
    {
        Engine e({.backend = Backend::Select, .maxConns = 2});
        for (const char *n : {"A", "B", "C", "D"})
            e.addClient(QString::fromLatin1(n));
        for (int c = 0; c < 3; ++c)
            e.schedule(1, op(ClientOp::Connect, c));
        e.schedule(5, op(ClientOp::Close, 0));
        e.schedule(7, op(ClientOp::Connect, 3));
        e.schedule(8, op(ClientOp::Send, 1, "B still here"));
        QVERIFY(e.start(program(QStringLiteral("echo"),
                                {{QStringLiteral("greeting"), QStringLiteral("hi\n")}})));
        e.run(9);
        QCOMPARE(e.clients()[2]->received(),
                 QByteArray("Server full: 2 clients are connected, the most this server takes; "
                            "try again later.\n"));
        QCOMPARE(e.clients()[3]->received(), QByteArray("hi\n")); // a freed slot serves again
        QCOMPARE(e.clients()[1]->received(), QByteArray("hi\nB still here"));
        QCOMPARE(e.server().fdCount(), 3);
    }

    // 7. half-close after a request: the reply still arrives
    void halfCloseStillGetsTheReply_data()
    {
        QTest::addColumn<Backend>("backend");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<QByteArray>("reply");
        for (Backend b : {Backend::Select, Backend::Poll, Backend::Epoll}) {
            const QByteArray name = backendName(b).toLatin1(); // alive for the whole row
            const char *bn = name.constData();
            QTest::addRow("echo %s", bn) << b << "echo" << QByteArray("abc") << QByteArray("abc");
            // These two print what they got, as the documents' servers do, and send nothing.
            QTest::addRow("length-prefix %s", bn) << b << "length-prefix" << proto::frame("hello")
                                                  << QByteArray("frame 5 bytes: hello\n");
            QTest::addRow("msg-file %s", bn)
                << b << "msg-file" << proto::frame("{\"msg_type\": \"msg\"}") + proto::frame("hi")
                << QByteArray("message: hi\n");
            QTest::addRow("login %s", bn)
                << b << "login" << QByteArray("{\"username\": \"u\", \"password\": \"p\"}")
                << QByteArray("wrong user or password");
        }
    }
    void halfCloseStillGetsTheReply()
    {
        QFETCH(Backend, backend);
        QFETCH(QString, name);
        QFETCH(QByteArray, request);
        QFETCH(QByteArray, reply);
        QTemporaryDir dir;
        Engine e({.backend = backend});
        e.addClient(QStringLiteral("A"));
        e.schedule(1, op(ClientOp::Connect, 0));
        e.schedule(2, op(ClientOp::Send, 0, request));
        e.schedule(2, op(ClientOp::Shutdown, 0));
        QVERIFY(e.start(program(name, {{QStringLiteral("data_dir"), dir.path()}})));
        e.run(5);
        const QByteArray got =
            name == QLatin1String("length-prefix") || name == QLatin1String("msg-file")
                ? printed(e.trace())
                : e.clients()[0]->received();
        QVERIFY2(got.contains(reply), got.constData());
        QCOMPARE(e.server().fdCount(), 1); // and the conn is closed after it
    }

    // 7. reset in the middle of a frame: a disconnect like any other
    void resetMidFrameIsADisconnect()
    {
        Engine e({.backend = Backend::Epoll});
        e.addClient(QStringLiteral("A"));
        e.addClient(QStringLiteral("B"));
        e.schedule(1, op(ClientOp::Connect, 0));
        e.schedule(1, op(ClientOp::Connect, 1));
        e.schedule(2, op(ClientOp::Send, 0, proto::packLength(5000) + QByteArray(1000, 'x')));
        e.schedule(3, op(ClientOp::Reset, 0));
        e.schedule(4, op(ClientOp::Send, 1, proto::frame("after")));
        QVERIFY(e.start(program(QStringLiteral("length-prefix"), {})));
        e.run(5);
        QVERIFY2(printed(e.trace()).contains("frame 5 bytes: after\n"),
                 printed(e.trace()).constData());
        QCOMPARE(e.server().fdCount(), 2);
    }

    // 9. a client that starts something and never finishes it is timed out
    void deadlineEndsUnfinishedWork_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("partial");
        QTest::addColumn<QByteArray>("whole");
        QTest::addColumn<QByteArray>("reply");
        QTest::newRow("length-prefix: half a frame")
            << "length-prefix" << proto::packLength(10) + "abc" << proto::frame("ok")
            << QByteArray("frame 2 bytes: ok");
        QTest::newRow("login: half a request")
            << "login" << QByteArray("{\"username\": \"slow")
            << QByteArray("{\"username\": \"u\", \"password\": \"p\"}")
            << QByteArray("wrong user or password");
        QTest::newRow("msg-file: half a header")
            << "msg-file" << proto::packLength(30) + "{\"msg"
            << proto::frame("{\"msg_type\": \"msg\"}") + proto::frame("ok")
            << QByteArray("message: ok");
        QTest::newRow("file-upload: half a file")
            << "file-upload" << QByteArray("slow.bin-100\nabc") << QByteArray("fast.txt-2\nok")
            << QByteArray("saved fast.txt");
    }
    void deadlineEndsUnfinishedWork()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, partial);
        QFETCH(QByteArray, whole);
        QFETCH(QByteArray, reply);
        QTemporaryDir dir;
        // Serve-like: the calls really wait, so engine time passes as on a server.
        Engine e({.backend = Backend::Poll, .stepTimeoutCapMs = -1});
        e.addClient(QStringLiteral("A"));
        e.addClient(QStringLiteral("B"));
        e.schedule(1, op(ClientOp::Connect, 0));
        e.schedule(1, op(ClientOp::Connect, 1));
        e.schedule(2, op(ClientOp::Send, 0, partial));
        e.schedule(3, op(ClientOp::Send, 1, whole));
        QVERIFY(e.start(program(name, {{QStringLiteral("data_dir"), dir.path()},
                                       {QStringLiteral("deadline_ms"), 1000},
                                       {QStringLiteral("timeout_ms"), 5000}})));
        e.run(3);
        QVERIFY(e.server().deadlines().size() >= 1); // shown while it runs
        // Bounded: each call waits at most until the next deadline.
        for (int i = 0; i < 40 && !e.clients()[0]->received().contains("Timed out"); ++i)
            e.step();
        QVERIFY2(e.clients()[0]->received().contains("Timed out: "),
                 e.clients()[0]->received().constData());
        // B's whole request was served: printed (length-prefix, msg-file, file-upload print,
        // as the documents' servers do) or answered (login).
        const QByteArray got =
            name == QLatin1String("login") ? e.clients()[1]->received() : printed(e.trace());
        QVERIFY2(got.contains(reply), got.constData());
        QVERIFY(refusedWith(e.trace(), "Timed out"));
        QVERIFY(e.server().deadlines().isEmpty());
        if (name == QLatin1String("file-upload")) // the partial file went with the client
            QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden),
                     QStringList{QStringLiteral("fast.txt")});
    }

    // 10. edge-triggered: a client streaming without pause does not starve a small one
    void edgeTriggeredReadCapIsFair()
    {
        constexpr qint64 kCap = 65536;
        constexpr qint64 kTotal = 16 * 1024 * 1024;
        // The calls wait (up to 100 ms) for the streamer's bytes, as a server would.
        Engine e({.backend = Backend::EpollEt, .probe = false, .stepTimeoutCapMs = 100});
        e.addClient(QStringLiteral("B"));
        e.schedule(1, op(ClientOp::Connect, 0));
        QVERIFY(e.start(program(QStringLiteral("echo"), {{QStringLiteral("drain"), true},
                                                         {QStringLiteral("read_cap"), kCap},
                                                         {QStringLiteral("recv_size"), 16384}})));
        e.step();
        const quint16 port = e.server().listenAddresses().value(0).port;
        std::jthread streamer([port] {
            TestClient a = TestClient::connectTo(port, 30000);
            a.send(QByteArray(kTotal, 's')); // blocks while the server is behind: it streams
            a.shutdownWrite();
            a.readToEof();
        });
        int streamerFd = -1;
        for (int i = 0; i < 200 && streamerFd < 0; ++i) {
            e.step();
            for (int fd : e.server().fds())
                if (const SocketInfo *s = e.server().info(fd); s && s->role == Role::External)
                    streamerFd = fd;
        }
        QVERIFY(streamerFd >= 0);
        e.queue(op(ClientOp::Send, 0, "ping"));
        qint64 readFromStreamer = 0;
        int ticksToPing = 0;
        bool streamerGone = false;
        for (int i = 0; i < 20000 && !streamerGone; ++i) {
            const TickRecord &t = e.step();
            qint64 thisTick = 0;
            for (const Action &a : t.actions) {
                if (a.fd == streamerFd && a.call == Action::Call::Recv && a.ret > 0)
                    thisTick += a.ret;
                if (a.fd == streamerFd && a.call == Action::Call::Close)
                    streamerGone = true;
            }
            QVERIFY2(thisTick <= kCap, qPrintable(QString::number(thisTick)));
            readFromStreamer += thisTick;
            if (!ticksToPing && e.clients()[0]->received() == "ping") {
                ticksToPing = i + 1;
                QVERIFY(readFromStreamer < kTotal); // answered while A was still streaming
            }
        }
        streamer.join(); // (a failed check above joins it on the way out)
        qInfo("B answered after %d ticks; A's %lld bytes read over the run", ticksToPing,
              readFromStreamer);
        QVERIFY(ticksToPing > 0 && ticksToPing <= 3);
        // Everything A sent was read, though no new edge came for the last of it.
        QCOMPARE(readFromStreamer, kTotal);
    }

    // 11. broken lesson files and trace files: one clear error naming the file
    void badLessonFile_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("says");
        QTest::newRow("empty") << QByteArray() << "not valid JSON";
        QTest::newRow("truncated")
            << QByteArray("{\"id\": \"x\", \"title\": {") << "not valid JSON";
        QTest::newRow("binary") << QByteArray("\x00\xff\xfe\x01", 4) << "not valid JSON";
        QTest::newRow("array") << QByteArray("[1, 2]") << "one JSON object";
        QTest::newRow("no id") << QByteArray("{\"program\": \"echo\"}") << "\"id\" is missing";
        // A real lesson with one thing broken, so the loader gets as far as that thing.
        QFile f(QStringLiteral(MUXLAB_SOURCE_DIR "/lessons/000-select-socket/select-echo.json"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonObject good = QJsonDocument::fromJson(f.readAll()).object();
        QJsonObject o = good;
        o.insert(QStringLiteral("backends"), QJsonArray{QStringLiteral("kqueue")});
        QTest::newRow("bad backend") << QJsonDocument(o).toJson() << "unknown backend";
        o = good;
        o.insert(
            QStringLiteral("steps"),
            QJsonArray{QJsonObject{
                {QStringLiteral("tick"), 1},
                {QStringLiteral("do"),
                 QJsonArray{QJsonObject{{QStringLiteral("client"), QStringLiteral("A")},
                                        {QStringLiteral("op"), QStringLiteral("explode")}}}}}});
        QTest::newRow("bad op") << QJsonDocument(o).toJson() << "unknown op";
        o = good;
        o.remove(QStringLiteral("title"));
        QTest::newRow("no title") << QJsonDocument(o).toJson() << "\"title\"";
    }
    void badLessonFile()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, says);
        const QString path = QStringLiteral("lessons/broken/x.json");
        auto l = parseLesson(json, path);
        QVERIFY(!l);
        QVERIFY2(l.error().text.contains(path) && l.error().text.contains(says),
                 qPrintable(l.error().text));
        QVERIFY(!l.error().text.contains(QLatin1Char('\n')));
    }
    // (Broken trace files, row by row, are tst_trace's badFiles; here: a real trace cut short.)
    void truncatedRealTrace()
    {
        QTemporaryDir dir;
        Engine e({.backend = Backend::Select});
        e.addClient(QStringLiteral("A"));
        e.schedule(1, op(ClientOp::Connect, 0));
        e.schedule(2, op(ClientOp::Send, 0, "hi"));
        QVERIFY(e.start(program(QStringLiteral("echo"), {})));
        e.run(3);
        const QString path = dir.filePath(QStringLiteral("t.json"));
        QVERIFY(e.trace().save(path));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray whole = f.readAll();
        f.close();
        // The document ends at its last '}'; what follows is whitespace. A cut before it is a
        // broken file and must say which file is wrong (never crash); a cut at or after it
        // drops only whitespace, so the file is still the whole trace and must load.
        const qsizetype end = whole.lastIndexOf('}') + 1;
        QVERIFY(end > 0);
        QVERIFY(whole.mid(end).trimmed().isEmpty());
        QList<qsizetype> cuts;
        for (qsizetype cut = 0; cut < whole.size();
             cut += std::max<qsizetype>(1, whole.size() / 97))
            cuts.append(cut);
        cuts << end - 1 << end << whole.size();
        for (qsizetype cut : std::as_const(cuts)) {
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write(whole.left(cut));
            f.close();
            auto t = Trace::load(path);
            if (cut < end) {
                QVERIFY2(!t,
                         qPrintable(QStringLiteral("cut at %1 of %2 loaded").arg(cut).arg(end)));
                QVERIFY(t.error().text.contains(path));
            } else {
                QVERIFY2(t, qPrintable(t ? QString() : t.error().text));
                QCOMPARE(t->size(), e.trace().size());
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestHardening)
#include "tst_hardening.moc"
