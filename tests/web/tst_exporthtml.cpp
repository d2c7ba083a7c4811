// File > Export as Web Page in the window: the run so far, in the window's language.

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

QTEST_MAIN(TestExportHtml)
#include "tst_exporthtml.moc"
