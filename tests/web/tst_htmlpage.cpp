// The shared web page as a file: whole, self-contained, small, and carrying the run exactly.
// What it does in a browser is check_page.py's part (the `web` ctest entry).

#include "LongRun.h"
#include "lesson/LessonRun.h"
#include "share/ClientNames.h"
#include "share/HtmlPage.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace mux;

class TestHtmlPage : public QObject {
    Q_OBJECT
private slots:
    void lessonPageIsSelfContainedAndCarriesTheTrace_data();
    void lessonPageIsSelfContainedAndCarriesTheTrace();
    void aThousandTickRunStaysUnderTwoMegabytes();
    void aClientsBytesCannotEndTheScriptBlock();
    void longPayloadsAreLeftOutWithTheirSize();
    void anUnwritablePathIsOneSentence();
    void anEmptyRunIsRefused();
    void aTrimmedRunStartsWhereTheWholeRunStood_data();
    void aTrimmedRunStartsWhereTheWholeRunStood();
};

namespace {

QByteArray dataBlock(const QByteArray &page)
{
    const QByteArray open = "<script type=\"application/json\" id=\"muxlab-run\">";
    const qsizetype from = page.indexOf(open);
    if (from < 0)
        return {};
    const qsizetype to = page.indexOf("</script>", from);
    return page.mid(from + open.size(), to - from - open.size());
}

QJsonObject pageJson(const QByteArray &page)
{
    QJsonParseError e;
    const QJsonDocument doc = QJsonDocument::fromJson(dataBlock(page), &e);
    return e.error == QJsonParseError::NoError ? doc.object() : QJsonObject();
}

// What the page shows of each socket: its descriptor, name, label and role.
QMap<int, QStringList> shown(const QHash<int, SocketInfo> &sockets)
{
    QMap<int, QStringList> out;
    for (const SocketInfo &s : sockets)
        out.insert(s.fd, {s.name, s.label, roleName(s.role)});
    return out;
}

share::PageSource sourceOf(const LessonRun &run)
{
    share::PageSource s;
    s.trace = &run.engine().trace();
    s.lesson = &run.lesson();
    s.clientNames = run.engine().clientNames();
    return s;
}

} // namespace

void TestHtmlPage::lessonPageIsSelfContainedAndCarriesTheTrace_data()
{
    QTest::addColumn<Backend>("backend");
    for (Backend b : allBackends())
        QTest::newRow(qPrintable(backendName(b))) << b;
}

void TestHtmlPage::lessonPageIsSelfContainedAndCarriesTheTrace()
{
    QFETCH(Backend, backend);
    auto lesson = findLesson(QStringLiteral("select-echo"));
    QVERIFY(lesson);
    Engine::Options o;
    o.backend = backend;
    LessonRun run(*lesson, o);
    QVERIFY(run.start());
    run.runToEnd();
    const Trace &trace = run.engine().trace();

    auto page = share::pageHtml(sourceOf(run));
    QVERIFY2(page, qPrintable(page.error().text));
    QVERIFY2(page->size() < 300 * 1024, qPrintable(QString::number(page->size())));
    qInfo("select-echo on %s: %lld ticks, %lld bytes", qPrintable(backendName(backend)),
          qlonglong(trace.size()), qlonglong(page->size()));

    // Nothing loads from anywhere: no URL, no src or href attribute, and a policy that says so.
    const QString text = QString::fromUtf8(*page);
    QVERIFY(!text.contains(QRegularExpression(QStringLiteral("(https?|ftp)://"))));
    QVERIFY(!text.contains(QRegularExpression(QStringLiteral("\\s(src|href)\\s*="))));
    QVERIFY(text.contains(QStringLiteral("default-src 'none'")));
    QVERIFY(text.contains(QStringLiteral("<style>")));
    QVERIFY(!text.contains(QStringLiteral("{{")));

    // The trace goes in exactly as muxlab saves it, its delta encoding included.
    const QJsonObject data = pageJson(*page);
    QCOMPARE(data.value(QStringLiteral("trace")).toObject(), trace.toJson());
    auto back = Trace::fromJson(data.value(QStringLiteral("trace")).toObject());
    QVERIFY(back);
    QVERIFY(*back == trace);
    // One log entry per tick: the call, what came back, then one line per action.
    const QJsonArray log = data.value(QStringLiteral("log")).toArray();
    QCOMPARE(log.size(), trace.size());
    for (qsizetype i = 0; i < trace.size(); ++i)
        QCOMPARE(log.at(i).toArray().size(), 2 + trace.at(i).actions.size());
    QCOMPARE(log.at(2).toArray().at(0).toString().left(backend == Backend::Select ? 7 : 4),
             backend == Backend::Select ? QStringLiteral("select(")
             : backend == Backend::Poll ? QStringLiteral("poll")
                                        : QStringLiteral("epol"));
    const QJsonObject l = data.value(QStringLiteral("lesson")).toObject();
    QCOMPARE(l.value(QStringLiteral("id")).toString(), QStringLiteral("select-echo"));
    QCOMPARE(l.value(QStringLiteral("python")).toArray().size(), lesson->python.size());
    QCOMPARE(data.value(QStringLiteral("langs")).toArray(),
             (QJsonArray{QStringLiteral("zh"), QStringLiteral("en")}));
}

void TestHtmlPage::aThousandTickRunStaysUnderTwoMegabytes()
{
    auto lesson = findLesson(QStringLiteral("select-echo"));
    QVERIFY(lesson);
    // Only the page's size is measured here: a short settle budget keeps 1,000 ticks quick on
    // a busy machine (what each tick shows does not matter to the size).
    Engine::Options o;
    o.settleBudgetMs = 5;
    LessonRun run(*lesson, o);
    QVERIFY(run.start());
    run.runToEnd();
    // A busy echo after the script: B sends every tick, the server reads and answers.
    const int b = int(run.engine().clientNames().indexOf(QStringLiteral("B")));
    QVERIFY(b >= 0);
    while (run.engine().trace().size() < 1000) {
        ClientOp op;
        op.kind = ClientOp::Send;
        op.client = b;
        op.data = QByteArray("message ") + QByteArray::number(run.engine().trace().size());
        run.engine().queue(op);
        run.step();
    }
    auto page = share::pageHtml(sourceOf(run));
    QVERIFY2(page, qPrintable(page.error().text));
    qInfo("1,000 ticks: %lld bytes", qlonglong(page->size()));
    QVERIFY2(page->size() < 2 * 1024 * 1024, qPrintable(QString::number(page->size())));
    QCOMPARE(pageJson(*page).value(QStringLiteral("log")).toArray().size(), 1000);
}

void TestHtmlPage::aClientsBytesCannotEndTheScriptBlock()
{
    // Whatever a client sends is shown on the page; it must stay text, never become markup.
    auto lesson = findLesson(QStringLiteral("select-echo"));
    QVERIFY(lesson);
    LessonRun run(*lesson, {});
    QVERIFY(run.start());
    run.runToEnd();
    const QByteArray hostile = "</script><script>alert(1)</script><!--";
    ClientOp op;
    op.kind = ClientOp::Send;
    op.client = int(run.engine().clientNames().indexOf(QStringLiteral("B")));
    op.data = hostile;
    run.engine().queue(op);
    run.step();
    auto page = share::pageHtml(sourceOf(run));
    QVERIFY(page);
    // The data block's and the script's own end tags, and no other.
    QCOMPARE(page->count("</script"), 2);
    QVERIFY(!dataBlock(*page).contains('<'));
    const QString text = QString::fromUtf8(*page);
    QCOMPARE(text.count(QStringLiteral("<script")), 2);
    // …and the bytes are all there once parsed.
    const QJsonObject data = pageJson(*page);
    QVERIFY(QJsonDocument(data).toJson().contains(hostile));
}

void TestHtmlPage::longPayloadsAreLeftOutWithTheirSize()
{
    // chat-room fills a member's 16 KiB reply queue: its trace is mostly payload the log quotes
    // 64 bytes of.
    auto lesson = findLesson(QStringLiteral("chat-room"));
    QVERIFY(lesson);
    LessonRun run(*lesson, {});
    QVERIFY(run.start());
    run.runToEnd();
    auto page = share::pageHtml(sourceOf(run));
    QVERIFY(page);
    qInfo("chat-room: %lld ticks, %lld bytes", qlonglong(run.engine().trace().size()),
          qlonglong(page->size()));
    QVERIFY2(page->size() < 300 * 1024, qPrintable(QString::number(page->size())));
    const QJsonArray ticks = pageJson(*page)
                                 .value(QStringLiteral("trace"))
                                 .toObject()
                                 .value(QStringLiteral("ticks"))
                                 .toArray();
    QCOMPARE(ticks.size(), run.engine().trace().size());
    int omitted = 0;
    for (qsizetype i = 0; i < ticks.size(); ++i) {
        const QJsonArray actions =
            ticks.at(i).toObject().value(QStringLiteral("actions")).toArray();
        QCOMPARE(actions.size(), run.engine().trace().at(i).actions.size());
        for (qsizetype k = 0; k < actions.size(); ++k) {
            const QJsonObject a = actions.at(k).toObject();
            const Action &real = run.engine().trace().at(i).actions.at(k);
            if (a.contains(QStringLiteral("omitted_bytes"))) {
                ++omitted;
                QCOMPARE(qsizetype(a.value(QStringLiteral("omitted_bytes")).toDouble()),
                         real.data.size());
                QVERIFY(real.data.size() > 1024);
            } else {
                QVERIFY(real.data.size() <= 1024 * 4); // UTF-8: up to 4 bytes a character
            }
        }
    }
    QVERIFY(omitted > 0);
}

void TestHtmlPage::anUnwritablePathIsOneSentence()
{
    auto lesson = findLesson(QStringLiteral("select-echo"));
    QVERIFY(lesson);
    LessonRun run(*lesson, {});
    QVERIFY(run.start());
    run.step();
    QTemporaryDir dir;
    const QString path = dir.path() + QStringLiteral("/no/such/dir/page.html");
    auto r = share::writePage(path, sourceOf(run));
    QVERIFY(!r);
    QVERIFY(r.error().text.startsWith(QStringLiteral("Cannot write the web page ") + path));
    const QString good = dir.path() + QStringLiteral("/page.html");
    QVERIFY(share::writePage(good, sourceOf(run)));
    QVERIFY(QFileInfo(good).size() > 0);
}

void TestHtmlPage::anEmptyRunIsRefused()
{
    Trace empty;
    share::PageSource s;
    s.trace = &empty;
    auto page = share::pageHtml(s);
    QVERIFY(!page);
    QVERIFY(!page.error().text.isEmpty());
}

void TestHtmlPage::aTrimmedRunStartsWhereTheWholeRunStood_data()
{
    QTest::addColumn<Backend>("backend");
    QTest::newRow("select") << Backend::Select;
    QTest::newRow("epoll") << Backend::Epoll;
}

void TestHtmlPage::aTrimmedRunStartsWhereTheWholeRunStood()
{
    // The same lesson run twice, once keeping only its newest ticks (the engine drops the
    // oldest chunk for real): the trimmed page must start from the state the whole run stood
    // in at the tick before its first kept one, and show every kept tick as the whole page does.
    QFETCH(Backend, backend);
    auto lesson = findLesson(QStringLiteral("select-echo"));
    QVERIFY(lesson);
    // One run after the other, each gone before the next starts: both see the same descriptors.
    struct Made {
        Trace trace;
        QByteArray page;
    };
    const quint16 port = net::freePortBlock(1);
    QVERIFY(port);
    auto make = [&](qsizetype keep) -> std::optional<Made> {
        LessonRun run(*lesson, test::longRunOptions(backend, keep, port));
        QString why;
        if (!test::runLong(run, &why)) {
            qWarning("%s", qPrintable(why));
            return std::nullopt;
        }
        auto page = share::pageHtml(sourceOf(run));
        if (!page) {
            qWarning("%s", qPrintable(page.error().text));
            return std::nullopt;
        }
        return Made{run.engine().trace(), *page};
    };
    const auto wholeMade = make(0);
    const auto trimmedMade = make(1);
    QVERIFY(wholeMade && trimmedMade);
    const Trace &whole = wholeMade->trace;
    const Trace &trimmed = trimmedMade->trace;
    QCOMPARE(whole.firstKept(), qsizetype(0));
    const qsizetype first = trimmed.firstKept();
    QCOMPARE(first, TickStore::kChunk);
    QCOMPARE(trimmed.size(), whole.size());
    const QByteArray *page = &trimmedMade->page;
    const QByteArray *wholePage = &wholeMade->page;
    qInfo("kept %lld of %lld ticks: %lld bytes (the whole run: %lld)",
          qlonglong(trimmed.size() - first), qlonglong(trimmed.size()), qlonglong(page->size()),
          qlonglong(wholePage->size()));
    const QJsonObject data = pageJson(*page);
    const QJsonObject wholeData = pageJson(*wholePage);

    // The kept ticks, their log lines and lit program lines, as the whole page has them.
    const QJsonArray ticks =
        data.value(QStringLiteral("trace")).toObject().value(QStringLiteral("ticks")).toArray();
    QCOMPARE(ticks.size(), trimmed.size() - first);
    QCOMPARE(qsizetype(ticks.at(0).toObject().value(QStringLiteral("tick")).toDouble()),
             qsizetype(whole.at(first).tick));
    for (const char *key : {"log", "lit"}) {
        const QJsonArray kept = data.value(QLatin1String(key)).toArray();
        const QJsonArray all = wholeData.value(QLatin1String(key)).toArray();
        QCOMPARE(kept.size(), ticks.size());
        QCOMPARE(all.size(), whole.size());
        for (qsizetype k = 0; k < kept.size(); ++k)
            QCOMPARE(kept.at(k), all.at(first + k));
    }

    // The state the page starts from, read back as muxlab reads a trace: the sockets open, their
    // names and labels, the interest and what each client had received, as the whole run had
    // them at the end of the tick before the first kept one, and the same from there on.
    auto back = Trace::fromJson(data.value(QStringLiteral("trace")).toObject());
    QVERIFY2(back, qPrintable(back.error().text));
    QCOMPARE(back->firstKept(), first);
    // (The clients' own ports are the kernel's pick in each run: the page never shows them.)
    const QHash<int, SocketInfo> sockets = whole.socketsAt(first - 1);
    QVERIFY(std::any_of(sockets.begin(), sockets.end(),
                        [](const SocketInfo &s) { return s.name == QLatin1String("client:C"); }));
    for (qsizetype i = first - 1; i < whole.size(); ++i) {
        QCOMPARE(shown(back->socketsAt(i)), shown(whole.socketsAt(i)));
        QCOMPARE(back->receivedByClients(i), whole.receivedByClients(i));
        if (i >= first)
            QCOMPARE(back->interestAt(i), whole.interestAt(i));
    }
    const QHash<int, QByteArray> received = whole.receivedByClients(first - 1);
    QVERIFY(received.value(1).contains("before and after"));

    // The client the user added connected in the dropped ticks: its name comes from its socket.
    const QStringList names = {QStringLiteral("A"), QStringLiteral("B"), QStringLiteral("C")};
    QCOMPARE(share::clientNamesIn(trimmed, lesson->clients), names);
    QCOMPARE(share::clientNamesIn(whole, lesson->clients), names);
    QCOMPARE(share::clientNamesIn(*back, lesson->clients), names);
}

QTEST_GUILESS_MAIN(TestHtmlPage)
#include "tst_htmlpage.moc"
