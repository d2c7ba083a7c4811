// The wire formats of document 003 (length prefix, message/file, login) and the servers built
// on them: split anywhere, refuse early, never write outside the data dir, never leave half a
// file behind.
#include "common/Canonical.h"
#include "common/ClientOps.h"
#include "engine/Engine.h"
#include "programs/ProgramFactory.h"
#include "proto/FrameDecoder.h"
#include "proto/Login.h"
#include "proto/MsgFileProtocol.h"
#include "proto/SafeName.h"
#include "proto/UploadFile.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <limits>

using namespace mux;
using namespace Qt::StringLiterals;
using proto::FrameDecoder;

Q_DECLARE_METATYPE(mux::Backend)

namespace {

QList<QByteArray> decodeAll(FrameDecoder &d)
{
    QList<QByteArray> out;
    QByteArray f;
    while (d.next(&f) == FrameDecoder::Status::Frame)
        out.append(f);
    return out;
}

QByteArray someBytes(int n)
{
    QByteArray b(n, Qt::Uninitialized);
    for (int i = 0; i < n; ++i)
        b[i] = char((i * 131 + 7) & 0xff); // every byte value, NULs and 0xff included
    return b;
}

QStringList entriesOf(const QString &dir)
{
    return QDir(dir).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot);
}

QByteArray fileHeader(const QString &name)
{
    return proto::frame(
        QStringLiteral("{\"msg_type\": \"file\", \"file_name\": \"%1\"}").arg(name).toUtf8());
}

} // namespace

class TestFraming : public QObject {
    Q_OBJECT

private slots:
    // --- the length-prefix decoder ---------------------------------------------------------
    void splitAtEveryOffset_data()
    {
        QTest::addColumn<QList<QByteArray>>("frames");
        QTest::newRow("one short") << QList<QByteArray>{"kinght love aym"};
        QTest::newRow("empty frame between") << QList<QByteArray>{"a", "", "bc"};
        QTest::newRow("utf-8") << QList<QByteArray>{QStringLiteral("xin正在学习").toUtf8(),
                                                    QStringLiteral("应该没有").toUtf8()};
        QTest::newRow("binary, longer than a recv")
            << QList<QByteArray>{someBytes(1500), someBytes(3)};
    }
    void splitAtEveryOffset()
    {
        QFETCH(QList<QByteArray>, frames);
        QByteArray stream;
        for (const QByteArray &f : frames)
            stream += proto::frame(f);
        for (qsizetype cut = 0; cut <= stream.size(); ++cut) {
            FrameDecoder d;
            d.feed(QByteArrayView(stream).first(cut));
            QList<QByteArray> got = decodeAll(d);
            d.feed(QByteArrayView(stream).sliced(cut));
            got += decodeAll(d);
            QCOMPARE(got, frames);
            QCOMPARE(d.buffered(), 0);
        }
    }
    void oneByteAtATimeAndAllAtOnce_data() { splitAtEveryOffset_data(); }
    void oneByteAtATimeAndAllAtOnce()
    {
        QFETCH(QList<QByteArray>, frames);
        QByteArray stream;
        for (const QByteArray &f : frames)
            stream += proto::frame(f);
        FrameDecoder bytewise;
        QList<QByteArray> got;
        for (char c : stream) {
            bytewise.feed(QByteArrayView(&c, 1));
            got += decodeAll(bytewise);
        }
        QCOMPARE(got, frames);
        FrameDecoder whole; // many frames in one read
        whole.feed(stream);
        QCOMPARE(decodeAll(whole), frames);
    }
    void piecesAddUpToTheFrame()
    {
        const QByteArray body = someBytes(5000);
        const QByteArray stream = proto::frame(body) + proto::frame("next");
        FrameDecoder d(100); // pieces need no room for the whole payload
        d.setLimit(std::numeric_limits<qint32>::max());
        QByteArray got;
        int firsts = 0;
        bool ended = false;
        for (qsizetype at = 0; at < stream.size() && !ended; at += 700) {
            d.feed(QByteArrayView(stream).sliced(at, std::min<qsizetype>(700, stream.size() - at)));
            QByteArray piece;
            bool first = false, last = false;
            while (!ended && d.nextPiece(&piece, &first, &last) == FrameDecoder::Status::Frame) {
                firsts += first;
                got += piece;
                ended = last;
            }
        }
        QCOMPARE(firsts, 1);
        QVERIFY(got == body);
        QByteArray next;
        QCOMPARE(d.next(&next), FrameDecoder::Status::Frame);
        QCOMPARE(next, QByteArray("next"));
    }
    void refusedBeforeAllocating_data()
    {
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<QString>("says");
        QTest::newRow("\"hell\" typed into nc")
            << QByteArray("hello\n") << QStringLiteral("1819043176");
        QTest::newRow("-1") << proto::packLength(-1) << QStringLiteral("negative");
        QTest::newRow("INT_MIN") << proto::packLength(std::numeric_limits<qint32>::min())
                                 << QStringLiteral("negative");
        QTest::newRow("INT_MAX") << proto::packLength(std::numeric_limits<qint32>::max())
                                 << QStringLiteral("limit of 1024");
        QTest::newRow("limit + 1") << proto::packLength(1025) << QStringLiteral("1025 bytes");
    }
    void refusedBeforeAllocating()
    {
        QFETCH(QByteArray, header);
        QFETCH(QString, says);
        FrameDecoder d(1024);
        d.feed(header);
        QByteArray f;
        QCOMPARE(d.next(&f), FrameDecoder::Status::Refused);
        QVERIFY2(d.error().contains(says), qPrintable(d.error()));
        QVERIFY(d.error().startsWith(QLatin1String("Refused: ")));
        QVERIFY(d.bufferCapacity() < 4096); // nothing was made for the claim
        d.feed(someBytes(100));             // and nothing more is taken
        QCOMPARE(d.next(&f), FrameDecoder::Status::Refused);
        QVERIFY(d.buffered() <= header.size());
    }
    void exactlyAtLimitIsAccepted()
    {
        FrameDecoder d(1024);
        d.feed(proto::frame(someBytes(1024)));
        QByteArray f;
        QCOMPARE(d.next(&f), FrameDecoder::Status::Frame);
        QCOMPARE(f.size(), 1024);
    }
    void textHeader()
    {
        FrameDecoder ok(1024, FrameDecoder::Header::Text);
        ok.feed("0012kinght love 0003aym");
        QCOMPARE(decodeAll(ok), (QList<QByteArray>{"kinght love ", "aym"}));
        FrameDecoder unpadded(1024, FrameDecoder::Header::Text);
        unpadded.feed("12kinght love "); // document 003 §3.1: recv(4) takes "12ki"
        QByteArray f;
        QCOMPARE(unpadded.next(&f), FrameDecoder::Status::Refused);
        QVERIFY(unpadded.error().contains(QLatin1String("\"12ki\"")));
    }

    // --- safe names --------------------------------------------------------------------------
    void safeName_data()
    {
        QTest::addColumn<QString>("requested");
        QTest::addColumn<QString>("saved"); // empty: refused
        QTest::newRow("plain") << "notes.txt"
                               << "notes.txt";
        QTest::newRow("chinese") << QStringLiteral("笔记.txt") << QStringLiteral("笔记.txt");
        QTest::newRow("dot-dot path") << "../../etc/passwd"
                                      << "passwd";
        QTest::newRow("absolute") << "/abs/path"
                                  << "path";
        QTest::newRow("backslashes") << "..\\..\\windows\\win.ini"
                                     << "win.ini";
        QTest::newRow("dot-dot") << ".."
                                 << "";
        QTest::newRow("dot") << "."
                             << "";
        QTest::newRow("empty") << ""
                               << "";
        QTest::newRow("trailing slash") << "dir/"
                                        << "";
        QTest::newRow("NUL") << QStringLiteral("a.txt") + QChar(0) + QStringLiteral(".sh") << "";
        QTest::newRow("newline") << "a\nb"
                                 << "";
        QTest::newRow("hidden") << ".bashrc"
                                << "_bashrc";
        QTest::newRow("dots") << "...."
                              << "_...";
        QTest::newRow("shell chars") << "a;rm -rf $(x)|y"
                                     << "a_rm -rf _(x)_y";
        QTest::newRow("very long")
            << QString(300, QLatin1Char('a')) << QString(120, QLatin1Char('a'));
    }
    void safeName()
    {
        QFETCH(QString, requested);
        QFETCH(QString, saved);
        const auto got = proto::safeUploadName(requested);
        if (saved.isEmpty()) {
            QVERIFY2(!got, qPrintable(got ? *got : QString()));
            QVERIFY(got.error().text.startsWith(QLatin1String("Refused")));
        } else {
            QVERIFY2(got, qPrintable(got.error().text));
            QCOMPARE(*got, saved);
        }
        QTemporaryDir dir;
        const auto path = proto::uploadPath(dir.path(), requested);
        QCOMPARE(bool(path), !saved.isEmpty());
        if (path) {
            QCOMPARE(QFileInfo(*path).absolutePath(), QDir(dir.path()).absolutePath());
            QCOMPARE(QFileInfo(*path).fileName(), saved);
        }
    }

    // --- uploads on disk -----------------------------------------------------------------------
    void uploadFileIsAtomic()
    {
        QTemporaryDir dir;
        {
            auto up = proto::UploadFile::begin(dir.path(), u"../x.bin"_s, 6, 100);
            QVERIFY(up);
            QVERIFY((*up)->write("abc"));
            // While bytes come the target does not exist: the temporary file is unnamed
            // (O_TMPFILE) or named beside it ("x.bin.XXXXXX") where that is not available.
            QVERIFY(!QFile::exists(dir.filePath(u"x.bin"_s)));
            QVERIFY(!(*up)->write("defg")); // more than announced
            QVERIFY((*up)->write("def"));
            QVERIFY((*up)->finish());
        }
        QCOMPARE(entriesOf(dir.path()), QStringList{u"x.bin"_s});
        {
            auto up = proto::UploadFile::begin(dir.path(), u"half.bin"_s, 10, 100);
            QVERIFY((*up)->write("12345"));
        } // dropped unfinished
        QCOMPARE(entriesOf(dir.path()), QStringList{u"x.bin"_s});
        auto tooBig = proto::UploadFile::begin(dir.path(), u"big.bin"_s, 101, 100);
        QVERIFY(!tooBig);
        QVERIFY(tooBig.error().text.contains(QLatin1String("limit of 100")));
        QCOMPARE(entriesOf(dir.path()), QStringList{u"x.bin"_s});
    }

    // --- the message/file protocol ----------------------------------------------------------
    void msgFileParser_data()
    {
        QTest::addColumn<int>("step"); // bytes per feed
        QTest::newRow("one byte") << 1;
        QTest::newRow("three") << 3;
        QTest::newRow("a recv") << 1024;
        QTest::newRow("all at once") << 1000000;
    }
    void msgFileParser()
    {
        QFETCH(int, step);
        const QByteArray body = someBytes(3000);
        const QByteArray stream = proto::frame("{\"msg_type\": \"msg\"}") + proto::frame("你好") +
                                  fileHeader(QStringLiteral("a.bin")) + proto::frame(body) +
                                  proto::frame("{\"msg_type\": \"file\", \"file_name\": \"e\"}") +
                                  proto::frame("") + proto::frame("close") + "ignored";
        proto::MsgFileParser p;
        QStringList kinds;
        QByteArray file;
        QList<QByteArray> messages;
        const qsizetype n = step;
        for (qsizetype at = 0; at < stream.size(); at += n) {
            p.feed(QByteArrayView(stream).sliced(at, std::min<qsizetype>(n, stream.size() - at)));
            while (auto e = p.next()) {
                using E = proto::MsgFileParser::Event;
                switch (e->kind) {
                case E::Message:
                    kinds << u"msg"_s;
                    messages << e->bytes;
                    break;
                case E::FileBegin:
                    kinds << QStringLiteral("begin %1 %2").arg(e->fileName).arg(e->size);
                    break;
                case E::FileData:
                    file += e->bytes;
                    break;
                case E::FileEnd:
                    kinds << u"end"_s;
                    break;
                case E::Close:
                    kinds << u"close"_s;
                    break;
                case E::Refused:
                    kinds << e->error;
                    break;
                }
            }
        }
        QCOMPARE(kinds, (QStringList{u"msg"_s, u"begin a.bin 3000"_s, u"end"_s, u"begin e 0"_s,
                                     u"end"_s, u"close"_s}));
        QCOMPARE(messages, QList<QByteArray>{QStringLiteral("你好").toUtf8()});
        QVERIFY(file == body);
        QVERIFY(p.finished());
    }
    void msgFileRefusals_data()
    {
        QTest::addColumn<QByteArray>("stream");
        QTest::addColumn<QString>("says");
        QTest::newRow("text, not frames") << QByteArray("hello\n") << QStringLiteral("1819043176");
        QTest::newRow("not json") << proto::frame("msg|hi") << QStringLiteral("not a JSON object");
        QTest::newRow("unknown type")
            << proto::frame("{\"msg_type\": \"exec\"}") << QStringLiteral("exec");
        QTest::newRow("no file name")
            << proto::frame("{\"msg_type\": \"file\"}") << QStringLiteral("file_name");
        QTest::newRow("file over limit")
            << fileHeader(QStringLiteral("big")) + proto::packLength(1 << 28)
            << QStringLiteral("268435456");
        QTest::newRow("negative file") << fileHeader(QStringLiteral("neg")) + proto::packLength(-5)
                                       << QStringLiteral("negative");
        QTest::newRow("message over limit")
            << proto::frame("{\"msg_type\": \"msg\"}") + proto::packLength(70000)
            << QStringLiteral("70000");
    }
    void msgFileRefusals()
    {
        QFETCH(QByteArray, stream);
        QFETCH(QString, says);
        proto::MsgFileParser p;
        p.feed(stream);
        std::optional<proto::MsgFileParser::Event> e = p.next();
        QVERIFY(e);
        QCOMPARE(e->kind, proto::MsgFileParser::Event::Refused);
        QVERIFY2(e->error.contains(says), qPrintable(e->error));
        QVERIFY(p.finished());
        QVERIFY(!p.next());
    }

    // --- login ---------------------------------------------------------------------------------
    void login()
    {
        // The document's salt and scheme: md5(salt + password), hex.
        QCOMPARE(proto::documentMd5(QStringLiteral("123456"), QStringLiteral("sdasdfagfawds")),
                 QByteArray("125d1b6876ef1905a676fd35ab6b5963"));
        const auto users = proto::parseUserFile("kinght|aaa\r\nxin|bbb\n\nbroken\n");
        QCOMPARE(users.value(QStringLiteral("kinght")), QByteArray("aaa")); // no '\r' or '\n' kept
        QCOMPARE(users.value(QStringLiteral("xin")), QByteArray("bbb"));
        QCOMPARE(users.size(), 2);
        QCOMPARE(proto::parseUserFile(proto::formatUserFile(users)), users);

        proto::JsonObjectReader r;
        QJsonObject o;
        r.feed("{\"username\": \"kinght\", \"pass");
        QCOMPARE(r.next(&o), proto::JsonObjectReader::Status::NeedMore);
        r.feed("word\": \"a}a\"}");
        QCOMPARE(r.next(&o), proto::JsonObjectReader::Status::Object);
        QCOMPARE(o.value(QStringLiteral("password")).toString(), QStringLiteral("a}a"));
        QVERIFY(!proto::checkLogin(o, users).ok);
        o.insert(QStringLiteral("password"), QStringLiteral("aaa"));
        QVERIFY(proto::checkLogin(o, users).ok);
        QVERIFY(!proto::checkLogin(QJsonObject{{QStringLiteral("username"), 1}}, users)
                     .problem.isEmpty());

        proto::JsonObjectReader text;
        text.feed("hello");
        QCOMPARE(text.next(&o), proto::JsonObjectReader::Status::Refused);
        proto::JsonObjectReader endless(64);
        endless.feed("{\"a\": \"" + QByteArray(100, 'x'));
        QCOMPARE(endless.next(&o), proto::JsonObjectReader::Status::Refused);
    }

    // --- the real servers over loopback -----------------------------------------------------
    void uploadThroughTheEngine_data()
    {
        QTest::addColumn<Backend>("backend");
        QTest::addColumn<QString>("program");
        for (Backend b : {Backend::Select, Backend::Poll, Backend::Epoll}) {
            QTest::addRow("file-upload %s", qPrintable(backendName(b)))
                << b << QStringLiteral("file-upload");
            QTest::addRow("msg-file %s", qPrintable(backendName(b)))
                << b << QStringLiteral("msg-file");
        }
    }
    void uploadThroughTheEngine()
    {
        QFETCH(Backend, backend);
        QFETCH(QString, program);
        QTemporaryDir dir;
        const QByteArray body = someBytes(20000);
        const bool framed = program == QLatin1String("msg-file");
        const QByteArray stream = framed
                                      ? fileHeader(QStringLiteral("../up.bin")) + proto::frame(body)
                                      : QByteArray("../up.bin-20000\n") + body;

        Engine engine(Engine::Options{.backend = backend});
        engine.addClient(QStringLiteral("A"));
        engine.addClient(QStringLiteral("B"));
        engine.schedule(1, op(ClientOp::Connect, 0));
        engine.schedule(1, op(ClientOp::Connect, 1));
        // A sends in pieces of every size; B misbehaves in between and must not hurt A.
        quint32 tick = 2;
        for (qsizetype at = 0, n = 1; at < stream.size(); at += n, n = n * 3 + 1)
            engine.schedule(tick++, op(ClientOp::Send, 0, stream.mid(at, n)));
        engine.schedule(3, op(ClientOp::Send, 1, "hello, I am not a protocol\n"));
        QJsonObject params{{QStringLiteral("ports"), QJsonArray{0}},
                           {QStringLiteral("data_dir"), dir.path()}};
        auto p = createProgram(program, params);
        QVERIFY(p);
        QVERIFY(engine.start(std::move(*p)));
        engine.run(int(tick) + 30); // level-triggered: a few more ticks drain 1024 at a time
        QFile saved(dir.filePath(QStringLiteral("up.bin")));
        QVERIFY(saved.open(QIODevice::ReadOnly));
        QVERIFY(saved.readAll() == body);
        QCOMPARE(entriesOf(dir.path()), QStringList{u"up.bin"_s});
        const QByteArray md5 = QCryptographicHash::hash(body, QCryptographicHash::Md5).toHex();
        // Printed, as the documents' servers print; the uploading client is sent nothing.
        QVERIFY2(printed(engine.trace()).contains(md5), printed(engine.trace()).constData());
        QCOMPARE(engine.clients()[0]->received(), QByteArray());
        QVERIFY(engine.clients()[1]->received().startsWith("Refused"));
    }
    void resetMidUploadLeavesNothing_data()
    {
        QTest::addColumn<QString>("program");
        QTest::newRow("file-upload") << QStringLiteral("file-upload");
        QTest::newRow("msg-file") << QStringLiteral("msg-file");
    }
    void resetMidUploadLeavesNothing()
    {
        QFETCH(QString, program);
        QTemporaryDir dir;
        const bool framed = program == QLatin1String("msg-file");
        const QByteArray start =
            framed ? fileHeader(QStringLiteral("half.bin")) + proto::packLength(4000)
                   : QByteArray("half.bin-4000\n");
        Engine engine(Engine::Options{});
        engine.addClient(QStringLiteral("A"));
        engine.schedule(1, op(ClientOp::Connect, 0));
        engine.schedule(2, op(ClientOp::Send, 0, start + someBytes(900)));
        engine.schedule(4, op(ClientOp::Reset, 0));
        auto p = createProgram(program, {{QStringLiteral("ports"), QJsonArray{0}},
                                         {QStringLiteral("data_dir"), dir.path()}});
        QVERIFY(engine.start(std::move(*p)));
        engine.run(3);
        QVERIFY(!entriesOf(dir.path()).contains(u"half.bin"_s)); // never visible half-written
        QCOMPARE(engine.server().fdCount(), 2);                  // the upload is under way
        engine.run(2);
        QCOMPARE(entriesOf(dir.path()), QStringList());
        QCOMPARE(engine.server().fdCount(), 1); // only the listener is left
    }
};

QTEST_GUILESS_MAIN(TestFraming)
#include "tst_framing.moc"
