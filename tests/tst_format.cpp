// core/trace/TickFormat: the text learners read. Payloads are shown as the bytes they are
// (valid UTF-8 readable, everything else escaped); the hand-written UTF-8 check is held to
// Qt's own decoder over every 2- and 3-byte sequence and a slice of the 4-byte ones.

#include "trace/TickFormat.h"

#include <QStringDecoder>
#include <QTest>

using namespace mux;

namespace {

/// What format::quoted printed before it was rewritten for speed: a QStringDecoder per
/// non-ASCII sequence. Kept here as the reference the fast one must agree with, with one
/// difference: the old one let the decoder drop a byte-order mark (EF BB BF) as the start of
/// a text, so a payload's BOM vanished from the line. A BOM is U+FEFF in the middle of a
/// payload, and it is shown as that now (ConvertInitialBom).
QString referenceQuoted(const QByteArray &bytes, int maxBytes)
{
    const QByteArray shown = bytes.left(maxBytes);
    QString out = QStringLiteral("\"");
    qsizetype i = 0;
    while (i < shown.size()) {
        const uchar c = uchar(shown[i]);
        if (c < 0x80) {
            switch (c) {
            case '\n':
                out += QStringLiteral("\\n");
                break;
            case '\r':
                out += QStringLiteral("\\r");
                break;
            case '\t':
                out += QStringLiteral("\\t");
                break;
            case '\0':
                out += QStringLiteral("\\0");
                break;
            case '"':
                out += QStringLiteral("\\\"");
                break;
            case '\\':
                out += QStringLiteral("\\\\");
                break;
            default:
                if (c < 0x20 || c == 0x7f)
                    out += QStringLiteral("\\x%1").arg(c, 2, 16, QLatin1Char('0'));
                else
                    out += QLatin1Char(char(c));
            }
            ++i;
            continue;
        }
        const int len = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
        const QByteArray seq = shown.mid(i, len);
        QStringDecoder dec(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless |
                                                     QStringDecoder::Flag::ConvertInitialBom);
        const QString s = dec.decode(seq);
        if (len > 1 && seq.size() == len && !dec.hasError()) {
            out += s;
            i += len;
        } else {
            out += QStringLiteral("\\x%1").arg(c, 2, 16, QLatin1Char('0'));
            ++i;
        }
    }
    out += QLatin1Char('"');
    if (bytes.size() > maxBytes)
        out += QStringLiteral("…(+%1)").arg(bytes.size() - maxBytes);
    return out;
}

} // namespace

class TestFormat : public QObject {
    Q_OBJECT

private slots:
    void quoted_data();
    void quoted();
    void quotedAgreesWithQtsDecoder_data();
    void quotedAgreesWithQtsDecoder();
    void epollEchoTickLine();
};

void TestFormat::quoted_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("max");
    QTest::addColumn<QString>("shown");
    QTest::newRow("ascii") << QByteArray("hi") << 64 << QStringLiteral("\"hi\"");
    QTest::newRow("controls") << QByteArray("a\n\r\t\"\\\x01\x7f", 8) << 64
                              << QStringLiteral("\"a\\n\\r\\t\\\"\\\\\\x01\\x7f\"");
    QTest::newRow("nul") << QByteArray("a\0b", 3) << 64 << QStringLiteral("\"a\\0b\"");
    QTest::newRow("chinese") << QByteArray("你好") << 64 << QStringLiteral("\"你好\"");
    QTest::newRow("emoji") << QByteArray("\xf0\x9f\x98\x80") << 64 << QStringLiteral("\"😀\"");
    QTest::newRow("invalid byte") << QByteArray("\xff"
                                                "a")
                                  << 64 << QStringLiteral("\"\\xffa\"");
    QTest::newRow("overlong slash")
        << QByteArray("\xc0\xaf") << 64 << QStringLiteral("\"\\xc0\\xaf\"");
    QTest::newRow("surrogate") << QByteArray("\xed\xa0\x80") << 64
                               << QStringLiteral("\"\\xed\\xa0\\x80\"");
    QTest::newRow("past U+10FFFF")
        << QByteArray("\xf4\x90\x80\x80") << 64 << QStringLiteral("\"\\xf4\\x90\\x80\\x80\"");
    // maxBytes cuts 你 after its second byte: what is left of it is not UTF-8 any more.
    QTest::newRow("cut sequence") << QByteArray("a你") << 3
                                  << QStringLiteral("\"a\\xe4\\xbd\"…(+1)");
    QTest::newRow("longer than max")
        << QByteArray(100, 'x') << 4 << QStringLiteral("\"xxxx\"…(+96)");
}

void TestFormat::quoted()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, max);
    QFETCH(QString, shown);
    QCOMPARE(format::quoted(bytes, max), shown);
    QCOMPARE(format::quoted(bytes, max), referenceQuoted(bytes, max));
}

void TestFormat::quotedAgreesWithQtsDecoder_data()
{
    QTest::addColumn<int>("lead");
    for (int lead = 0x80; lead <= 0xff; lead += 0x10)
        QTest::newRow(
            qPrintable(QStringLiteral("lead %1-%2").arg(lead, 0, 16).arg(lead + 15, 0, 16)))
            << lead;
}

void TestFormat::quotedAgreesWithQtsDecoder()
{
    QFETCH(int, lead);
    // 3-byte leads: every second and third byte, then an ASCII byte. Other leads: every second
    // byte, and the third (and fourth) at the edges of the ranges the rules name.
    const QList<int> all = [] {
        QList<int> v;
        for (int b = 0; b < 256; ++b)
            v.append(b);
        return v;
    }();
    const QList<int> edges = {0x00, 0x41, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xff};
    int checked = 0;
    for (int c0 = lead; c0 < lead + 16; ++c0)
        for (int c1 = 0; c1 < 256; ++c1)
            for (int c2 : c0 >= 0xe0 && c0 < 0xf0 ? all : edges)
                for (int c3 : c0 < 0xf0 ? QList<int>{0x41} : QList<int>{0x41, 0x80, 0xbf, 0xc0}) {
                    const char raw[5] = {char(c0), char(c1), char(c2), char(c3), 'z'};
                    const QByteArray bytes(raw, 5);
                    const QString fast = format::quoted(bytes, 64);
                    if (fast != referenceQuoted(bytes, 64))
                        QFAIL(qPrintable(QStringLiteral("%1: %2 vs %3")
                                             .arg(QString::fromLatin1(bytes.toHex(' ')), fast,
                                                  referenceQuoted(bytes, 64))));
                    ++checked;
                }
    QVERIFY(checked >= 16 * 256 * 11);
}

void TestFormat::epollEchoTickLine()
{
    Trace trace;
    TickRecord setup;
    setup.kind = TickRecord::Kind::Setup;
    setup.backend = Backend::Epoll;
    setup.interest = {{4, Readable}, {6, Readable}};
    trace.append(setup);
    TickRecord t;
    t.tick = 1;
    t.backend = Backend::Epoll;
    t.timeoutMs = 1000;
    t.ret = 1;
    t.ready = {{6, Readable | PeerClosed}};
    Action recv{Action::Actor::Server, Action::Call::Recv, -1, 6, 1024, 0, Site::None, 2, "hi"};
    Action send{Action::Actor::Server, Action::Call::Send, -1, 6, 0, 0, Site::None, 5, "hi好"};
    Action client{Action::Actor::Client, Action::Call::Send, 0, 7, 0, EPIPE, Site::None, -1, "x"};
    Action unwatch{
        Action::Actor::Server, Action::Call::Unwatch, -1, 6, Readable, 0, Site::None, Readable, {}};
    t.actions = {client, recv, send, unwatch};
    trace.append(t);
    QCOMPARE(format::tickLine(trace, 1, {QStringLiteral("A")}),
             QStringLiteral("tick 1  epoll_wait(watching 2, 1000) = 1 [{6, EPOLLIN|EPOLLRDHUP}]  | "
                            "A: send(7, \"x\") = -1 EPIPE · recv(6, 1024) = 2 \"hi\" · "
                            "send(6, \"hi好\") = 5 · epoll_ctl(DEL, 6)"));
}

QTEST_GUILESS_MAIN(TestFormat)
#include "tst_format.moc"
