// The program pane lights the lines that made the tick, and the syscall log lists a tick's
// calls in the order they were made: every lesson's scripted run checked tick by tick against
// its actions, known ticks to their exact lines, and the clients' reads of a reply placed
// after the server's send in the trace, its file, the window's log and the web page's data.

#include "common/Widgets.h"
#include "gui/MainWindow.h"
#include "gui/PythonModel.h"
#include "gui/Session.h"
#include "gui/SyscallLogModel.h"
#include "lesson/LessonRun.h"
#include "share/HtmlPage.h"

#include <QAbstractItemView>
#include <QJsonArray>
#include <QListView>
#include <QScrollBar>
#include <QTableView>
#include <QtTest>

#include <memory>

using namespace mux;

namespace {

/// A lesson's scripted run to its end on `backend`, its checkpoints held.
std::unique_ptr<LessonRun> runLesson(const Lesson &lesson, Backend backend)
{
    Engine::Options o;
    o.backend = backend;
    auto run = std::make_unique<LessonRun>(lesson, o);
    if (auto r = run->start(); !r)
        qFatal("%s does not start: %s", qPrintable(lesson.id), qPrintable(r.error().text));
    run->runToEnd();
    return run;
}

QString callOf(const QString &tag)
{
    return tag.section(QLatin1Char('@'), 0, 0);
}

/// The tick's actions as "call@site" words, for failure messages.
QString describe(const TickRecord &t)
{
    QStringList s;
    for (const Action &a : t.actions)
        if (a.actor == Action::Actor::Server)
            s.append(callName(a.call) +
                     (a.site == Site::None ? QString() : QLatin1Char('@') + siteName(a.site)));
    return s.join(QLatin1Char(' '));
}

std::unique_ptr<gui::MainWindow> openWindow(const QString &lesson)
{
    gui::MainWindow::Config c;
    c.lesson = lesson;
    c.lang = QStringLiteral("en");
    c.useLessonPorts = false; // kernel-chosen ports: no documented port is held
    c.useSettings = false;
    auto w = std::make_unique<gui::MainWindow>(c);
    w->resize(1366, 768);
    w->show();
    return w;
}

} // namespace

class TestLitLines : public QObject {
    Q_OBJECT
private slots:
    void everyTickLightsTheLinesOfItsActions_data();
    void everyTickLightsTheLinesOfItsActions();
    void aTagNamesOneStatement_data();
    void aTagNamesOneStatement();
    void knownTicksLightExactlyTheirLines_data();
    void knownTicksLightExactlyTheirLines();
    void unknownBranchIsRefused();
    void repliesAreReadAfterTheServerSent();
    void aTraceFileKeepsWhereTheCallWas();
    void theLogListsTheReplyReadAfterTheSend();
    void theProgramPaneShowsTheLitLine();
};

void TestLitLines::everyTickLightsTheLinesOfItsActions_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<int>("backend");
    for (const Lesson &l : loadLessons())
        for (Backend b : l.backends)
            QTest::addRow("%s/%s", qPrintable(l.id), qPrintable(backendName(b))) << l.id << int(b);
}

// Each lit line was made by an action of the tick (its call, in its branch), and each of the
// server's actions whose call the lesson tags names one tag: its own branch's line (or, with a
// tag of no lines, that the program has none there).
void TestLitLines::everyTickLightsTheLinesOfItsActions()
{
    QFETCH(QString, id);
    QFETCH(int, backend);
    const Lesson lesson = *findLesson(id);
    auto run = runLesson(lesson, Backend(backend));
    QSet<QString> tagged; // the calls the lesson tags in some branch
    for (auto it = lesson.tags.begin(); it != lesson.tags.end(); ++it)
        tagged.insert(callOf(it.key()));
    const Trace &trace = run->engine().trace();
    QVERIFY(trace.size() > 1);
    for (qsizetype i = 0; i < trace.size(); ++i) {
        const TickRecord &t = trace.at(i);
        QSet<QString> made;
        for (const Action &a : t.actions) {
            if (a.actor != Action::Actor::Server)
                continue;
            const QStringList tags = lineTagsOf(a, lesson.tags);
            for (const QString &tag : tags)
                made.insert(tag);
            // The engine's programs mark every branch: each such action names one tag.
            if (tagged.contains(callName(a.call)))
                QVERIFY2(tags.size() == 1 && lesson.tags.contains(tags.first()),
                         qPrintable(QStringLiteral("tick %1: %2 in branch \"%3\" has no line "
                                                   "(tags: %4)")
                                        .arg(t.tick)
                                        .arg(callName(a.call), siteName(a.site),
                                             lesson.tags.keys().join(QLatin1Char(' ')))));
        }
        for (int row : lesson.litLines(t)) {
            const QString tag = lesson.python[row].tag;
            if (tag == QLatin1String("select"))
                QVERIFY2(t.kind == TickRecord::Kind::Call, qPrintable(QString::number(t.tick)));
            else
                QVERIFY2(made.contains(tag), qPrintable(QStringLiteral("tick %1 lights line %2 "
                                                                       "(%3), made: %4")
                                                            .arg(t.tick)
                                                            .arg(row + 1)
                                                            .arg(tag, describe(t))));
        }
    }
}

void TestLitLines::aTagNamesOneStatement_data()
{
    QTest::addColumn<QString>("id");
    for (const Lesson &l : loadLessons())
        QTest::addRow("%s", qPrintable(l.id)) << l.id;
}

// A tag on two lines apart would light both whenever either runs: the lines of one tag are one
// statement (at most a line apart: `outputs.remove(s)` under its `if`), except `listen`, which
// is the setup's socket/bind/listen of each listener.
void TestLitLines::aTagNamesOneStatement()
{
    QFETCH(QString, id);
    const Lesson lesson = *findLesson(id);
    for (auto it = lesson.tags.begin(); it != lesson.tags.end(); ++it) {
        if (it.key() == QLatin1String("listen"))
            continue;
        QList<int> lines = it.value();
        std::sort(lines.begin(), lines.end());
        for (qsizetype k = 1; k < lines.size(); ++k)
            QVERIFY2(lines[k] - lines[k - 1] <= 2,
                     qPrintable(QStringLiteral("\"%1\" names lines %2 and %3: which branch?")
                                    .arg(it.key())
                                    .arg(lines[k - 1])
                                    .arg(lines[k])));
    }
}

void TestLitLines::knownTicksLightExactlyTheirLines_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<quint32>("tick");
    QTest::addColumn<QList<int>>("lines"); // 1-based, as the pane numbers them
    // Both conns echo: the listener branch's greeting (line 25) stays dark.
    QTest::newRow("select-echo tick 4: the conn branch echoes")
        << QStringLiteral("select-echo") << 4u << QList<int>{20, 28, 32};
    // A tick that takes conn A out of the wlist: lib2.remove, not lib2.append (line 39).
    QTest::newRow("rw-separation tick 3: the write loop replies and leaves the wlist")
        << QStringLiteral("rw-separation") << 3u << QList<int>{23, 42, 43};
    // The rest of the big reply goes from the write loop: not the first send(big) (line 50),
    // not the ok: reply (line 55).
    QTest::newRow("send-vs-sendall tick 13: the write loop sends the rest")
        << QStringLiteral("send-vs-sendall") << 13u << QList<int>{32, 59};
}

void TestLitLines::knownTicksLightExactlyTheirLines()
{
    QFETCH(QString, id);
    QFETCH(quint32, tick);
    QFETCH(QList<int>, lines);
    const Lesson lesson = *findLesson(id);
    auto run = runLesson(lesson, lesson.backends.first());
    const Trace &trace = run->engine().trace();
    QVERIFY(qsizetype(tick) < trace.size());
    QCOMPARE(trace.at(tick).tick, tick);
    QList<int> lit;
    for (int row : lesson.litLines(trace.at(tick)))
        lit.append(row + 1);
    QVERIFY2(lit == lines, qPrintable(describe(trace.at(tick))));
}

void TestLitLines::unknownBranchIsRefused()
{
    QFile f(QStringLiteral(MUXLAB_SOURCE_DIR "/lessons/000-select-socket/select-echo.json"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    QByteArray json = f.readAll();
    json.replace("\"send@conn\"", "\"send@kitchen\"");
    const auto l = parseLesson(
        json, QStringLiteral(MUXLAB_SOURCE_DIR "/lessons/000-select-socket/select-echo.json"));
    QVERIFY(!l);
    QVERIFY2(l.error().text.contains(QStringLiteral("send@kitchen")), qPrintable(l.error().text));
}

// select-echo tick 2: A sends, the call reports conn A, the server echoes, A reads the echo.
void TestLitLines::repliesAreReadAfterTheServerSent()
{
    const Lesson lesson = *findLesson(QStringLiteral("select-echo"));
    auto run = runLesson(lesson, Backend::Select);
    const TickRecord &t = run->engine().trace().at(2);
    QCOMPARE(t.actionsBeforeCall, 1);
    QCOMPARE(t.actions.first().actor, Action::Actor::Client);
    QCOMPARE(t.actions.first().call, Action::Call::Send);
    qsizetype send = -1, read = -1;
    for (qsizetype k = 0; k < t.actions.size(); ++k) {
        const Action &a = t.actions[k];
        if (a.actor == Action::Actor::Server && a.call == Action::Call::Send && send < 0)
            send = k;
        if (a.actor == Action::Actor::Client && a.call == Action::Call::Recv && read < 0)
            read = k;
    }
    QVERIFY(send >= t.actionsBeforeCall);
    QVERIFY2(read > send, qPrintable(QStringLiteral("send at %1, read at %2").arg(send).arg(read)));
}

void TestLitLines::aTraceFileKeepsWhereTheCallWas()
{
    const Lesson lesson = *findLesson(QStringLiteral("select-echo"));
    auto run = runLesson(lesson, Backend::Select);
    const Trace &trace = run->engine().trace();
    const QJsonObject json = trace.toJson();
    QCOMPARE(json.value(QStringLiteral("version")).toInt(), 2);
    const auto back = Trace::fromJson(json);
    QVERIFY(back);
    QVERIFY(*back == trace);
    // A file written before actions knew their branch and ticks their call's place: the
    // clients' leading actions were made before the call, and every branch is none.
    QJsonObject old = json;
    QJsonArray ticks = old.value(QStringLiteral("ticks")).toArray();
    for (qsizetype i = 0; i < ticks.size(); ++i) {
        QJsonObject t = ticks.at(i).toObject();
        t.remove(QStringLiteral("before_call"));
        QJsonArray actions = t.value(QStringLiteral("actions")).toArray();
        for (qsizetype k = 0; k < actions.size(); ++k) {
            QJsonObject a = actions.at(k).toObject();
            a.remove(QStringLiteral("site"));
            actions.replace(k, a);
        }
        t.insert(QStringLiteral("actions"), actions);
        ticks.replace(i, t);
    }
    old.insert(QStringLiteral("ticks"), ticks);
    const auto read = Trace::fromJson(old);
    QVERIFY(read);
    QCOMPARE(read->size(), trace.size());
    QCOMPARE(read->at(2).actionsBeforeCall, 1);
    for (const Action &a : read->at(2).actions)
        QCOMPARE(a.site, Site::None);
}

// The window's log, and the web page's data for the same run: A's send, the call, the server's
// recv and send, then A's read of the echo.
void TestLitLines::theLogListsTheReplyReadAfterTheSend()
{
    auto w = openWindow(QStringLiteral("select-echo"));
    auto *step = w->findChild<QAction *>(QStringLiteral("step"));
    QVERIFY(step);
    step->trigger(); // tick 1: A connects, the server accepts and greets, A reads 你好
    step->trigger(); // tick 2: A sends, the server echoes, A reads the echo
    QAbstractItemModel *log = child<QTableView>(w.get(), "syscallLog")->model();
    QStringList order;
    for (int r = 0; r < log->rowCount(); ++r) {
        const QModelIndex i = log->index(r, 0);
        if (i.data(gui::SyscallLogModel::TickIndexRole).toLongLong() != 2)
            continue;
        const QString who = log->index(r, gui::SyscallLogModel::WhoColumn).data().toString();
        const QString call = log->index(r, gui::SyscallLogModel::CallColumn).data().toString();
        order << (i.data(gui::SyscallLogModel::IsCallRole).toBool()
                      ? QStringLiteral("call")
                      : who.section(QLatin1Char(' '), 0, 0) + QLatin1Char(':') +
                            call.trimmed().section(QLatin1Char('('), 0, 0));
    }
    QCOMPARE(order, (QStringList{QStringLiteral("client:send"), QStringLiteral("call"),
                                 QStringLiteral("server:recv"), QStringLiteral("server:send"),
                                 QStringLiteral("client:recv")}));

    // The page places its call row after the trace's before_call actions (or the clients'
    // leading ones): the same order, from the data the page reads.
    gui::Session *session = child<gui::Session>(w.get(), "session");
    share::PageSource s;
    s.trace = session->trace();
    s.lesson = session->lesson();
    s.clientNames = session->clientNames();
    s.lang = QStringLiteral("en");
    const QJsonObject page = share::pageData(s);
    const QJsonObject tick = page.value(QStringLiteral("trace"))
                                 .toObject()
                                 .value(QStringLiteral("ticks"))
                                 .toArray()
                                 .at(2)
                                 .toObject();
    const QJsonArray actions = tick.value(QStringLiteral("actions")).toArray();
    qsizetype leading = 0;
    while (leading < actions.size() &&
           actions.at(leading).toObject().value(QStringLiteral("by")).toString() ==
               QLatin1String("client"))
        ++leading;
    const int beforeCall = tick.value(QStringLiteral("before_call")).toInt(int(leading));
    QCOMPARE(beforeCall, 1);
    QCOMPARE(actions.last().toObject().value(QStringLiteral("by")).toString(),
             QStringLiteral("client"));
    QCOMPARE(actions.last().toObject().value(QStringLiteral("call")).toString(),
             QStringLiteral("recv"));
    // And its program lights, tick by tick, what the window lights.
    const QJsonArray lit = page.value(QStringLiteral("lit")).toArray();
    QCOMPARE(lit.size(), session->trace()->size());
    QJsonArray expected;
    for (int row : session->lesson()->litLines(session->trace()->at(2)))
        expected.append(row);
    QCOMPARE(lit.at(2).toArray(), expected);
}

// send-vs-sendall's write loop is far below its select line: stepping there scrolls the pane
// so the lit send shows.
void TestLitLines::theProgramPaneShowsTheLitLine()
{
    auto w = openWindow(QStringLiteral("send-vs-sendall"));
    auto *view = child<QListView>(w.get(), "python");
    view->resize(view->width(), 160); // a pane too short for the whole program
    auto *step = w->findChild<QAction *>(QStringLiteral("step"));
    for (int i = 0; i < 13; ++i)
        step->trigger();
    auto *model = qobject_cast<gui::PythonModel *>(view->model());
    QVERIFY(model);
    QVERIFY(model->litTags().contains(QStringLiteral("send@writable")));
    const int row = model->firstActionRow();
    QCOMPARE(row + 1, 59);
    // Vertically in view (a long line may run past the right edge: the pane scrolls sideways).
    const auto shown = [&] {
        const QRect r = view->visualRect(model->index(row));
        return r.top() >= 0 && r.bottom() < view->viewport()->height();
    };
    QTRY_VERIFY2(shown(),
                 qPrintable(QStringLiteral("row %1 at %2,%3 in a viewport %4x%5, visible %6")
                                .arg(row)
                                .arg(view->visualRect(model->index(row)).x())
                                .arg(view->visualRect(model->index(row)).y())
                                .arg(view->viewport()->width())
                                .arg(view->viewport()->height())
                                .arg(view->isVisible())));
    QVERIFY(model->index(row).data(gui::PythonModel::LitRole).toBool());
    QVERIFY(!model->index(54).data(gui::PythonModel::LitRole).toBool()); // line 55: ok: reply
}

QTEST_MAIN(TestLitLines)
#include "tst_litlines.moc"
