// Every lesson on every backend it declares: it loads, its texts exist in zh and en, its
// checkpoints and predict-the-next-tick answers hold, and repeated runs give identical traces.

#include "common/Canonical.h"
#include "common/CpuLoad.h"
#include "lesson/LessonRun.h"
#include "lesson/Narration.h"

#include <QFile>
#include <QtTest>

using namespace mux;

namespace {

// The ids of ../shared/LESSONS.md, in the documents' order.
const QStringList kLessonIds = {
    QStringLiteral("multiport-welcome"),
    QStringLiteral("select-echo"),
    QStringLiteral("rw-separation"),
    QStringLiteral("multiport-hello"),
    QStringLiteral("select-reply"),
    QStringLiteral("rw-separation-pitfalls"),
    QStringLiteral("send-vs-sendall"),
    QStringLiteral("threads-vs-select"),
    QStringLiteral("mux-history"),
    QStringLiteral("select-server"),
    QStringLiteral("poll-server"),
    QStringLiteral("epoll-server"),
    QStringLiteral("selectors"),
    QStringLiteral("blocking-server"),
    QStringLiteral("conversation-loop"),
    QStringLiteral("file-upload"),
    QStringLiteral("remote-login"),
    QStringLiteral("udp-echo"),
    QStringLiteral("sticky-packets"),
    QStringLiteral("length-prefix"),
    QStringLiteral("msg-and-file"),
    QStringLiteral("nonblocking"),
    QStringLiteral("select-many-clients"),
    QStringLiteral("client-side-select"),
    QStringLiteral("lt-vs-et"),
    QStringLiteral("select-semantics"),
    QStringLiteral("queue-server"),
    QStringLiteral("chat-room"),
    QStringLiteral("socket-options"),
    QStringLiteral("xlist-truth"),
    QStringLiteral("fd-setsize"),
    QStringLiteral("scaling"),
};

// The foundation's three lessons are run 20 times per backend, the rest 3 times.
const QStringList kFoundation = {QStringLiteral("multiport-welcome"), QStringLiteral("select-echo"),
                                 QStringLiteral("rw-separation")};

struct Run {
    QByteArray canonical;
    QList<CheckResult> failures;
};

Run runLesson(const Lesson &lesson, Backend backend)
{
    Engine::Options o;
    o.backend = backend;
    LessonRun run(lesson, o);
    Run out;
    if (auto r = run.start(); !r) {
        out.failures.append({0, false, QStringLiteral("start"), r.error().text});
        return out;
    }
    run.runToEnd();
    for (const CheckResult &c : run.check())
        if (!c.ok)
            out.failures.append(c);
    out.canonical = canonicalTrace(run.engine().trace());
    return out;
}

QString describe(const QList<CheckResult> &failures)
{
    QStringList s;
    for (const CheckResult &c : failures)
        s.append(QStringLiteral("tick %1 %2: %3").arg(c.tick).arg(c.what, c.detail));
    return s.join(QLatin1Char('\n'));
}

void addLessonBackendRows()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<int>("backend");
    for (const Lesson &l : loadLessons())
        for (Backend b : l.backends)
            QTest::addRow("%s/%s", qPrintable(l.id), qPrintable(backendName(b))) << l.id << int(b);
}

} // namespace

class TestLessons : public QObject {
    Q_OBJECT
private slots:
    void everyLessonLoads();
    void everyIdOfTheDocumentsIsPresent();
    void textsInBothLanguages_data() { addLessonRows(); }
    void textsInBothLanguages();
    void checkpointsAndQuestionsHold_data() { addLessonBackendRows(); }
    void checkpointsAndQuestionsHold();
    void repeatedRunsAreIdentical_data() { addLessonBackendRows(); }
    void repeatedRunsAreIdentical();
    void identicalUnderLoad_data();
    void identicalUnderLoad();
    void clientScriptsExist_data() { addLessonRows(); }
    void clientScriptsExist();
    void placeholdersRender_data();
    void placeholdersRender();
    void unknownPlaceholderIsRefused();
    void narrationFitsTheBackend_data();
    void narrationFitsTheBackend();

private:
    static void addLessonRows()
    {
        QTest::addColumn<QString>("id");
        for (const Lesson &l : loadLessons())
            QTest::newRow(qPrintable(l.id)) << l.id;
    }
};

void TestLessons::everyLessonLoads()
{
    QStringList errors;
    const QList<Lesson> lessons = loadLessons(&errors);
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
    QVERIFY(lessons.size() >= 3);
    QStringList ids;
    for (const Lesson &l : lessons) {
        QVERIFY2(!ids.contains(l.id), qPrintable(QStringLiteral("duplicate id ") + l.id));
        ids.append(l.id);
    }
}

void TestLessons::everyIdOfTheDocumentsIsPresent()
{
    QStringList ids;
    for (const Lesson &l : loadLessons())
        ids.append(l.id);
    QStringList missing;
    for (const QString &id : kLessonIds)
        if (!ids.contains(id))
            missing.append(id);
    QVERIFY2(missing.isEmpty(),
             qPrintable(QStringLiteral("missing: ") + missing.join(QLatin1Char(' '))));
}

void TestLessons::textsInBothLanguages()
{
    QFETCH(QString, id);
    auto lesson = findLesson(id);
    QVERIFY(lesson);
    QVERIFY(lesson->title.complete());
    QVERIFY(lesson->section.complete());
    QVERIFY(lesson->summary.complete());
    QVERIFY2(!lesson->python.isEmpty(), "the lesson needs its own Python program");
    bool tagged = false;
    for (const PythonLine &line : lesson->python)
        tagged =
            tagged || line.tag == QLatin1String("select") || line.tag == QLatin1String("accept");
    QVERIFY2(tagged, "the Python program tags no line with an action");
    int questions = 0;
    for (const LessonStep &s : lesson->steps) {
        QVERIFY2(s.say.complete(),
                 qPrintable(QStringLiteral("tick %1 lacks zh or en").arg(s.tick)));
        // One correction marker: "纠正：" and "Correction:", and only on a step that says it
        // corrects the document (the window marks that step).
        QVERIFY2(!s.say.zh.contains(QStringLiteral("更正")),
                 qPrintable(QStringLiteral("tick %1: the marker is 纠正：").arg(s.tick)));
        QCOMPARE(s.say.zh.count(QStringLiteral("纠正：")),
                 s.say.en.count(QLatin1String("Correction:")));
        if (s.say.en.contains(QLatin1String("Correction:")))
            QVERIFY2(s.correction, qPrintable(QStringLiteral("tick %1 corrects the document but "
                                                             "is not marked \"correction\"")
                                                  .arg(s.tick)));
        if (s.question) {
            ++questions;
            QVERIFY(s.question->ask.complete());
        }
    }
    QVERIFY2(questions >= 1, "every lesson asks at least one predict-the-next-tick question");
}

void TestLessons::checkpointsAndQuestionsHold()
{
    QFETCH(QString, id);
    QFETCH(int, backend);
    auto lesson = findLesson(id);
    QVERIFY(lesson);
    const Run run = runLesson(*lesson, Backend(backend));
    QVERIFY2(run.failures.isEmpty(), qPrintable(describe(run.failures)));
    // The questions are checkpoints too; make sure each was actually checked.
    int asked = 0;
    for (const LessonStep &s : lesson->steps)
        asked += s.question ? 1 : 0;
    QVERIFY(asked >= 1);
}

void TestLessons::repeatedRunsAreIdentical()
{
    QFETCH(QString, id);
    QFETCH(int, backend);
    auto lesson = findLesson(id);
    QVERIFY(lesson);
    const int runs = kFoundation.contains(id) ? 20 : 2;
    const Run first = runLesson(*lesson, Backend(backend));
    QVERIFY2(first.failures.isEmpty(), qPrintable(describe(first.failures)));
    for (int i = 1; i < runs; ++i) {
        const Run again = runLesson(*lesson, Backend(backend));
        QVERIFY2(again.failures.isEmpty(), qPrintable(describe(again.failures)));
        QVERIFY2(again.canonical == first.canonical,
                 qPrintable(QStringLiteral("run %1 differs: %2")
                                .arg(i + 1)
                                .arg(firstDifference(first.canonical, again.canonical))));
    }
}

void TestLessons::identicalUnderLoad_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<int>("backend");
    for (const QString &id : kFoundation)
        for (Backend b : allBackends())
            QTest::addRow("%s/%s", qPrintable(id), qPrintable(backendName(b))) << id << int(b);
}

void TestLessons::identicalUnderLoad()
{
    QFETCH(QString, id);
    QFETCH(int, backend);
    auto lesson = findLesson(id);
    QVERIFY(lesson);
    const Run quiet = runLesson(*lesson, Backend(backend));
    CpuLoad load;
    QVERIFY(load.running());
    for (int i = 0; i < 20; ++i) {
        const Run loaded = runLesson(*lesson, Backend(backend));
        QVERIFY2(loaded.failures.isEmpty(), qPrintable(describe(loaded.failures)));
        QVERIFY2(loaded.canonical == quiet.canonical,
                 qPrintable(QStringLiteral("run %1 under load differs: %2")
                                .arg(i + 1)
                                .arg(firstDifference(quiet.canonical, loaded.canonical))));
    }
    QVERIFY(load.running());
}

void TestLessons::clientScriptsExist()
{
    QFETCH(QString, id);
    auto lesson = findLesson(id);
    QVERIFY(lesson);
    if (lesson->clientScript.isEmpty())
        QSKIP("this lesson has no external client script");
    QVERIFY2(QFile::exists(QStringLiteral(MUXLAB_SOURCE_DIR "/lessons/") + lesson->clientScript),
             qPrintable(lesson->clientScript));
}

void TestLessons::placeholdersRender_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("backend");
    QTest::addColumn<QString>("lang");
    QTest::addColumn<QString>("said");
    const QString en = QStringLiteral("conn A is in the {rlist}; {call} returns {empty_lists}.");
    const QString zh = QStringLiteral("conn A 在 {rlist} 里，{call} 返回{empty_lists}。");
    QTest::newRow("select en") << en << int(Backend::Select) << "en"
                               << "conn A is in the rlist; select returns three empty lists.";
    QTest::newRow("poll en") << en << int(Backend::Poll) << "en"
                             << "conn A is in the POLLIN set; poll returns 0, nothing ready.";
    QTest::newRow("epoll-et en")
        << en << int(Backend::EpollEt) << "en"
        << "conn A is in the EPOLLIN interest; epoll_wait returns 0, nothing ready.";
    QTest::newRow("select zh") << zh << int(Backend::Select) << "zh"
                               << "conn A 在 rlist 里，select 返回三个空列表。";
    // A character after a Han word loses the space, a Latin word after a character gains one.
    QTest::newRow("epoll zh") << zh << int(Backend::Epoll) << "zh"
                              << "conn A 在 EPOLLIN 关注列表里，epoll_wait 返回 0，什么也没就绪。";
    QTest::newRow("json is not a placeholder")
        << QStringLiteral("{\"msg_type\": \"msg\"} and {wlist}") << int(Backend::Poll) << "en"
        << "{\"msg_type\": \"msg\"} and POLLOUT set";
}

void TestLessons::placeholdersRender()
{
    QFETCH(QString, text);
    QFETCH(int, backend);
    QFETCH(QString, lang);
    QFETCH(QString, said);
    QCOMPARE(narrate(text, Backend(backend), lang), said);
}

void TestLessons::unknownPlaceholderIsRefused()
{
    const QByteArray json = R"({"id": "x", "program": "echo",
        "title": {"zh": "t", "en": "t"}, "section": {"zh": "s", "en": "s"},
        "summary": {"zh": "s", "en": "s"},
        "steps": [{"tick": 1, "say": {"zh": "{rlst} 里", "en": "in the {rlst}"}}]})";
    const auto lesson = parseLesson(json, QStringLiteral("x.json"));
    QVERIFY(!lesson);
    QVERIFY2(lesson.error().text.contains(QLatin1String("{rlst}")),
             qPrintable(lesson.error().text));
}

void TestLessons::narrationFitsTheBackend_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<int>("backend");
    QTest::addColumn<int>("tick"); // 0: the summary
    QTest::addColumn<QString>("lang");
    for (const Lesson &l : loadLessons())
        for (Backend b : l.backends)
            for (const QString &lang : {QStringLiteral("en"), QStringLiteral("zh")}) {
                QTest::addRow("%s/%s/title+summary/%s", qPrintable(l.id),
                              qPrintable(backendName(b)), qPrintable(lang))
                    << l.id << int(b) << 0 << lang;
                for (const LessonStep &s : l.steps)
                    QTest::addRow("%s/%s/t%u/%s", qPrintable(l.id), qPrintable(backendName(b)),
                                  s.tick, qPrintable(lang))
                        << l.id << int(b) << int(s.tick) << lang;
            }
}

// What a run on poll or epoll shows must not speak of select's lists or of select returning:
// the learner sees a poll or epoll_wait line beside it. A code quote (`select.select(...)`, in
// backticks) says what the document's code says and is left out.
void TestLessons::narrationFitsTheBackend()
{
    QFETCH(QString, id);
    QFETCH(int, backend);
    QFETCH(int, tick);
    QFETCH(QString, lang);
    auto lesson = findLesson(id);
    QVERIFY(lesson);
    const Backend b = Backend(backend);
    QStringList texts;
    if (tick == 0) {
        texts << lesson->titleFor(b, lang) << lesson->summaryFor(b, lang);
    } else {
        const LessonStep *step = lesson->stepAt(quint32(tick));
        QVERIFY(step);
        texts << step->sayFor(b, lang);
        if (step->question)
            texts << step->askFor(b, lang);
    }
    static const QRegularExpression unrendered(QStringLiteral("\\{[a-z_]+\\}"));
    static const QRegularExpression code(QStringLiteral("`[^`]*`"));
    static const QRegularExpression selectSays(
        QStringLiteral("(?<![\\w-])(rlist|wlist|xlist)(?![\\w-])|"
                       "select (returns|returned|hands|交回|返回)"),
        QRegularExpression::CaseInsensitiveOption);
    for (const QString &text : texts) {
        QVERIFY2(!unrendered.match(text).hasMatch(), qPrintable(text));
        if (b == Backend::Select)
            continue;
        QString prose = text;
        prose.remove(code);
        const QRegularExpressionMatch m = selectSays.match(prose);
        QVERIFY2(
            !m.hasMatch(),
            qPrintable(
                QStringLiteral("says \"%1\" on %2: %3").arg(m.captured(0), backendName(b), text)));
    }
}

QTEST_GUILESS_MAIN(TestLessons)
#include "tst_lessons.moc"
