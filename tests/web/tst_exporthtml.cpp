// File > Export as Web Page in the window: the run so far, in the window's language.

#include "LongRun.h"
#include "gui/Actions.h"
#include "gui/MainWindow.h"
#include "gui/Session.h"
#include "gui/TraceFiles.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMenuBar>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using gui::MainWindow;

class TestExportHtml : public QObject {
    Q_OBJECT
private slots:
    void theFileMenuExportsTheRunSoFar_data();
    void theFileMenuExportsTheRunSoFar();
    void aTrimmedTraceOpensAndExportsFromItsFirstKeptTick_data();
    void aTrimmedTraceOpensAndExportsFromItsFirstKeptTick();

private:
    QTemporaryDir m_dir;
    QString m_trimmed; ///< a long select-echo run's trace that kept only its newest ticks
};

void TestExportHtml::theFileMenuExportsTheRunSoFar_data()
{
    QTest::addColumn<QString>("lang");
    QTest::newRow("en") << QStringLiteral("en");
    QTest::newRow("zh") << QStringLiteral("zh");
}

void TestExportHtml::theFileMenuExportsTheRunSoFar()
{
    QFETCH(QString, lang);
    QStandardPaths::setTestModeEnabled(true);
    MainWindow::Config c;
    c.lesson = QStringLiteral("select-echo");
    c.backend = QStringLiteral("select");
    c.lang = lang;
    c.useLessonPorts = false;
    c.useSettings = false;
    MainWindow w(c);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));

    // The action sits in the File menu, beside the other exports.
    auto *exportHtml = w.findChild<QAction *>(QStringLiteral("exportHtml"));
    QVERIFY(exportHtml);
    QVERIFY(!exportHtml->text().isEmpty());
    const QList<QAction *> menus = w.menuBar()->actions();
    QVERIFY(!menus.isEmpty());
    QVERIFY(menus.first()->menu()->actions().contains(exportHtml));

    auto *session = w.findChild<gui::Session *>(QStringLiteral("session"));
    auto *files = w.findChild<gui::TraceFiles *>(QStringLiteral("traceFiles"));
    QVERIFY(session && files);
    for (int i = 0; i < 3; ++i)
        w.findChild<QAction *>(QStringLiteral("step"))->trigger();
    QTRY_COMPARE(session->trace()->size(), qsizetype(4));
    QVERIFY(exportHtml->isEnabled());

    QTemporaryDir dir;
    const QString path = dir.path() + QStringLiteral("/run.html");
    QVERIFY(files->exportHtml(path));
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray page = f.readAll();
    const QByteArray open = "<script type=\"application/json\" id=\"muxlab-run\">";
    const qsizetype from = page.indexOf(open) + open.size();
    const QJsonObject data =
        QJsonDocument::fromJson(page.mid(from, page.indexOf("</script>", from) - from)).object();
    // The run so far: setup and three ticks, the lesson's texts, the window's language.
    QCOMPARE(data.value(QStringLiteral("trace"))
                 .toObject()
                 .value(QStringLiteral("ticks"))
                 .toArray()
                 .size(),
             4);
    QCOMPARE(data.value(QStringLiteral("lang")).toString(), lang);
    QCOMPARE(data.value(QStringLiteral("lesson")).toObject().value(QStringLiteral("id")).toString(),
             QStringLiteral("select-echo"));
    QVERIFY(page.contains(lang == QLatin1String("zh") ? "<html lang=\"zh-CN\">"
                                                      : "<html lang=\"en\">"));

    // A path that cannot be written is said in the window, and nothing is left behind.
    QVERIFY(!files->exportHtml(dir.path() + QStringLiteral("/no/such/dir/run.html")));
}

void TestExportHtml::aTrimmedTraceOpensAndExportsFromItsFirstKeptTick_data()
{
    QTest::addColumn<QString>("lang");
    QTest::newRow("en") << QStringLiteral("en");
    QTest::newRow("zh") << QStringLiteral("zh");
}

void TestExportHtml::aTrimmedTraceOpensAndExportsFromItsFirstKeptTick()
{
    QFETCH(QString, lang);
    if (m_trimmed.isEmpty()) { // one run for both rows
        auto lesson = mux::findLesson(QStringLiteral("select-echo"));
        QVERIFY(lesson);
        mux::LessonRun run(*lesson, mux::test::longRunOptions(mux::Backend::Select, 1, 0));
        QString why;
        QVERIFY2(mux::test::runLong(run, &why), qPrintable(why));
        QCOMPARE(run.engine().trace().firstKept(), mux::TickStore::kChunk);
        const QString path = m_dir.path() + QStringLiteral("/trimmed.json");
        QVERIFY(run.engine().trace().save(path));
        m_trimmed = path;
    }
    QStandardPaths::setTestModeEnabled(true);
    MainWindow::Config c;
    c.lang = lang;
    c.useLessonPorts = false;
    c.useSettings = false;
    MainWindow w(c);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    auto *session = w.findChild<gui::Session *>(QStringLiteral("session"));
    auto *files = w.findChild<gui::TraceFiles *>(QStringLiteral("traceFiles"));
    QVERIFY(session && files);

    // File > Open trace: the window starts at the first kept tick, and the client the user
    // added in the dropped ticks keeps its name (it is only on its socket in the start state).
    QVERIFY(files->openTrace(m_trimmed));
    QCOMPARE(session->trace()->firstKept(), mux::TickStore::kChunk);
    QCOMPARE(session->cursor(), mux::TickStore::kChunk);
    QCOMPARE(session->clientNames(),
             (QStringList{QStringLiteral("A"), QStringLiteral("B"), QStringLiteral("C")}));

    // File > Export web page takes it: the page carries the kept ticks and the start state.
    const QString page =
        m_dir.path() + QStringLiteral("/trimmed-") + lang + QStringLiteral(".html");
    QVERIFY(files->exportHtml(page));
    QFile f(page);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray html = f.readAll();
    const QByteArray open = "<script type=\"application/json\" id=\"muxlab-run\">";
    const qsizetype from = html.indexOf(open) + open.size();
    const QJsonObject data =
        QJsonDocument::fromJson(html.mid(from, html.indexOf("</script>", from) - from)).object();
    const QJsonObject trace = data.value(QStringLiteral("trace")).toObject();
    QCOMPARE(qsizetype(trace.value(QStringLiteral("first")).toDouble()), mux::TickStore::kChunk);
    QCOMPARE(trace.value(QStringLiteral("ticks")).toArray().size(),
             mux::test::kLongRunTicks - mux::TickStore::kChunk);
    QVERIFY(trace.value(QStringLiteral("before_first"))
                .toObject()
                .value(QStringLiteral("sockets"))
                .toArray()
                .size() > 0);
    QCOMPARE(data.value(QStringLiteral("clients")).toArray(),
             (QJsonArray{QStringLiteral("A"), QStringLiteral("B"), QStringLiteral("C")}));
    QCOMPARE(data.value(QStringLiteral("lang")).toString(), lang);
}

QTEST_MAIN(TestExportHtml)
#include "tst_exporthtml.moc"
