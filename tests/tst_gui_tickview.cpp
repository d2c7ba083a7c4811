// The tick on a projector and in a full classroom: presenter mode shows the lesson beside the
// tick and nothing cut at 1366×768 and 1920×1080 at every zoom, in English and Chinese; a
// crowded lane puts the ready sockets first and folds the idle ones into a count; a refused
// connection and bytes waiting in the kernel show in the tick view itself.
// Widgets are reached by objectName, as a screen reader or a script would find them.

#include "common/Widgets.h"
#include "gui/MainWindow.h"
#include "gui/Session.h"
#include "gui/TickView.h"
#include "gui/TickViewModel.h"
#include "gui/WrapCheckBox.h"
#include "net/Socket.h"

#include <QAbstractButton>
#include <QApplication>
#include <QCheckBox>
#include <QDockWidget>
#include <QGroupBox>
#include <QLabel>
#include <QMenuBar>
#include <QScreen>
#include <QScrollArea>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QToolBar>
#include <QtTest>

#include <fstream>
#include <memory>
#include <unistd.h>

using gui::MainWindow;
using gui::TickViewModel;

namespace {

/// The two projector screens the tests present on, side by side on one offscreen desktop.
const QSize kScreens[] = {{1366, 768}, {1920, 1080}};

QScreen *screenOfSize(const QSize &size)
{
    for (QScreen *s : QGuiApplication::screens())
        if (s->geometry().size() == size)
            return s;
    return nullptr;
}

QAction *action(const QObject *w, const char *name)
{
    return child<QAction>(w, name);
}

std::unique_ptr<MainWindow> openWindow(const QString &lesson, const QString &lang,
                                       QScreen *screen = nullptr)
{
    MainWindow::Config c;
    c.lesson = lesson;
    c.lang = lang;
    c.useLessonPorts = false; // kernel ports: nothing here depends on 9991
    c.useSettings = false;
    auto w = std::make_unique<MainWindow>(c);
    const QRect at = screen ? screen->geometry() : QRect(0, 0, 1366, 768);
    w->setGeometry(at.adjusted(0, 0, -at.width() / 4, -at.height() / 4));
    w->show();
    if (screen)
        w->windowHandle()->setScreen(screen);
    return w;
}

/// Lets posted layout requests and resizes run out (bounded, no timing assumed).
void settle()
{
    for (int i = 0; i < 5; ++i) {
        QCoreApplication::processEvents();
        QTest::qWait(20);
    }
}

/// Why `w` shows less than its whole text, or empty when it shows all of it inside `viewport`.
QString clipped(const QWidget *w, const QString &text, const QWidget *viewport)
{
    const QString name =
        QStringLiteral("%1 \"%2\"").arg(QLatin1String(w->metaObject()->className()), text);
    const int right = w->mapTo(viewport, QPoint(w->width(), 0)).x();
    if (right > viewport->width() + 1)
        return name +
               QStringLiteral(" reaches x=%1 of a %2 px pane").arg(right).arg(viewport->width());
    if (w->hasHeightForWidth()) {
        if (w->heightForWidth(w->width()) > w->height() + 1)
            return name + QStringLiteral(" needs %1 px at width %2, has %3")
                              .arg(w->heightForWidth(w->width()))
                              .arg(w->width())
                              .arg(w->height());
    } else if (w->sizeHint().width() > w->width() + 1) {
        return name + QStringLiteral(" needs %1 px wide, has %2 (no wrap)")
                          .arg(w->sizeHint().width())
                          .arg(w->width());
    }
    return {};
}

QList<QModelIndex> laneRows(const QAbstractItemModel *m, int lane)
{
    QList<QModelIndex> out;
    const QModelIndex li = m->index(lane, 0);
    for (int row = 0; row < m->rowCount(li); ++row)
        out << m->index(row, 0, li);
    return out;
}

gui::TickViewModel *tickModel(const QObject *w)
{
    return child<gui::TickView>(w, "tickView")->model();
}

} // namespace

class TestGuiTickView : public QObject {
    Q_OBJECT
    QFont m_font;
    QPalette m_palette;
private slots:
    void initTestCase();
    void cleanup();
    void presenterModeShowsEveryListAndTheWholeLesson_data();
    void presenterModeShowsEveryListAndTheWholeLesson();
    void aRelaunchWidensANarrowLessonPane();
    void aCrowdedListFoldsItsIdleConnections_data();
    void aCrowdedListFoldsItsIdleConnections();
    void aRefusedConnectionShowsInTheTick_data();
    void aRefusedConnectionShowsInTheTick();
};

void TestGuiTickView::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    m_font = QApplication::font();
    m_palette = QApplication::palette();
    for (const QSize &s : kScreens)
        QVERIFY2(screenOfSize(s), "the offscreen desktop has both projector screens");
}

void TestGuiTickView::cleanup()
{
    // The window's zoom and theme are the application's: a failed row must not pass its
    // presenter font on to the next.
    QApplication::setFont(m_font);
    QApplication::setPalette(m_palette);
}

void TestGuiTickView::presenterModeShowsEveryListAndTheWholeLesson_data()
{
    QTest::addColumn<QSize>("screen");
    QTest::addColumn<int>("zoomSteps");
    QTest::addColumn<QString>("lang");
    for (const QSize &s : kScreens)
        for (int zoom = 0; zoom <= 3; ++zoom)
            for (const char *lang : {"en", "zh"})
                QTest::addRow("%dx%d zoom +%d %s", s.width(), s.height(), zoom, lang)
                    << s << zoom << QString::fromLatin1(lang);
}

void TestGuiTickView::presenterModeShowsEveryListAndTheWholeLesson()
{
    QFETCH(QSize, screen);
    QFETCH(int, zoomSteps);
    QFETCH(QString, lang);
    auto w = openWindow(QStringLiteral("select-echo"), lang, screenOfSize(screen));
    // Step until the lesson asks about the next tick: the narration, a verdict and the
    // question's options are all on screen.
    QWidget *question = child<QWidget>(w.get(), "quizQuestion");
    for (int i = 0; i < 6 && !question->isVisibleTo(w.get()); ++i)
        action(w.get(), "step")->trigger();
    QVERIFY(question->isVisibleTo(w.get()));

    action(w.get(), "presenter")->trigger();
    for (int i = 0; i < zoomSteps; ++i)
        action(w.get(), "zoomIn")->trigger();
    settle();
    QCOMPARE(w->geometry().size(), screen);

    // Only the lesson beside the tick.
    QVERIFY(w->menuBar()->isHidden());
    for (const QToolBar *bar : w->findChildren<QToolBar *>())
        QVERIFY2(bar->isHidden(), qPrintable(bar->objectName()));
    for (const QDockWidget *d : w->findChildren<QDockWidget *>())
        QCOMPARE(d->isVisible(), d->objectName() == QLatin1String("narrationDock"));

    // Every list in view: the tick needs no more height than its viewport shows.
    auto *tick = child<gui::TickView>(w.get(), "tickView");
    const QWidget *tickViewport = tick->parentWidget();
    QCOMPARE(tick->model()->rowCount(), 3); // rlist, wlist, xlist
    QVERIFY2(tick->minimumHeight() <= tickViewport->height(),
             qPrintable(QStringLiteral("the tick needs %1 px, %2 px are shown")
                            .arg(tick->minimumHeight())
                            .arg(tickViewport->height())));
    const QRect shown = tick->visibleRegion().boundingRect();
    QVERIFY2(
        shown.contains(QRect(0, 0, tick->width(), tick->minimumHeight())),
        qPrintable(
            QStringLiteral("%1 px of %2 visible").arg(shown.height()).arg(tick->minimumHeight())));
    QVERIFY(tick->width() > screen.width() / 2);

    // The whole lesson wraps inside its pane: no label or option is cut at the right edge.
    auto *narration = child<QWidget>(w.get(), "narration");
    const QWidget *viewport = narration->parentWidget();
    QVERIFY2(narration->width() <= viewport->width(),
             qPrintable(QStringLiteral("the lesson is %1 px wide in a %2 px pane")
                            .arg(narration->width())
                            .arg(viewport->width())));
    QVERIFY(viewport->width() >= screen.width() / 4);
    int options = 0;
    for (const QLabel *l : narration->findChildren<QLabel *>())
        if (l->isVisibleTo(w.get()) && !l->text().isEmpty()) {
            const QString why = clipped(l, l->text(), viewport);
            QVERIFY2(why.isEmpty(), qPrintable(why));
        }
    for (const QCheckBox *box : narration->findChildren<QCheckBox *>())
        if (box->isVisibleTo(w.get())) {
            ++options;
            const QString why = clipped(box, box->text(), viewport);
            QVERIFY2(why.isEmpty(), qPrintable(why));
        }
    QVERIFY(options >= 2);

    // Leaving puts the teacher's window back.
    action(w.get(), "presenter")->trigger();
    settle();
    QVERIFY(!w->menuBar()->isHidden());
    for (const QToolBar *bar : w->findChildren<QToolBar *>())
        QVERIFY2(!bar->isHidden(), qPrintable(bar->objectName()));
    QVERIFY(child<QDockWidget>(w.get(), "pythonDock")->isVisible());
    QVERIFY(child<QDockWidget>(w.get(), "lessonsDock")->isVisible());
}

void TestGuiTickView::aRelaunchWidensANarrowLessonPane()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    for (auto format : {QSettings::NativeFormat, QSettings::IniFormat})
        QSettings::setPath(format, QSettings::UserScope, dir.path());
    auto open = [] {
        MainWindow::Config c;
        c.lesson = QStringLiteral("select-echo");
        c.lang = QStringLiteral("en");
        c.useLessonPorts = false;
        c.useSettings = true;
        auto w = std::make_unique<MainWindow>(c);
        w->show();
        return w;
    };
    {
        auto w = open();
        w->setGeometry(QRect(0, 0, 1366, 768));
        settle();
        // The teacher drags the Lesson pane down to a sliver, then quits.
        auto *lesson = child<QDockWidget>(w.get(), "narrationDock");
        w->resizeDocks({lesson}, {60}, Qt::Horizontal);
        settle();
        QVERIFY(lesson->width() < 150);
        w->close();
    }
    auto w = open();
    settle();
    auto *lesson = child<QDockWidget>(w.get(), "narrationDock");
    QVERIFY2(lesson->width() >= w->fontMetrics().averageCharWidth() * 30 &&
                 lesson->width() >= w->width() / 5,
             qPrintable(QStringLiteral("%1 px").arg(lesson->width())));
    const QWidget *viewport = child<QWidget>(w.get(), "narration")->parentWidget();
    const auto *title = child<QLabel>(w.get(), "narrationTitle");
    const QString why = clipped(title, title->text(), viewport);
    QVERIFY2(why.isEmpty(), qPrintable(why));
    w->close();
}

void TestGuiTickView::aCrowdedListFoldsItsIdleConnections_data()
{
    QTest::addColumn<QString>("lang");
    QTest::addColumn<QString>("foldFormat");
    QTest::newRow("en") << QStringLiteral("en")
                        << QStringLiteral("%1 connections with nothing to read");
    QTest::newRow("zh") << QStringLiteral("zh") << QStringLiteral("%1 个连接没有可读的数据");
}

void TestGuiTickView::aCrowdedListFoldsItsIdleConnections()
{
    QFETCH(QString, lang);
    QFETCH(QString, foldFormat);
    constexpr int kStudents = 40;
    auto w = openWindow(QStringLiteral("select-echo"), lang);
    auto *s = child<gui::Session>(w.get(), "session");
    const quint16 port = s->run()->engine().server().listenAddresses().value(0).port;
    QVERIFY(port > 0);
    std::vector<mux::Fd> students;
    for (int i = 0; i < kStudents; ++i) {
        auto fd = mux::net::tcpConnectBlocking({QStringLiteral("127.0.0.1"), port});
        QVERIFY2(fd, qPrintable(fd ? QString() : fd.error().text));
        students.push_back(std::move(*fd));
    }
    // select-echo accepts one connection a tick: step until every student is in the rlist.
    TickViewModel *m = tickModel(w.get());
    auto passedIn = [m] {
        int n = 0;
        for (const QModelIndex &i : laneRows(m, 0))
            n += i.data(TickViewModel::PassedInRole).toBool() &&
                 i.data(TickViewModel::SocketRoleRole).toInt() == int(mux::Role::External);
        return n;
    };
    for (int i = 0; i < 3 * kStudents && passedIn() < kStudents; ++i)
        action(w.get(), "step")->trigger();
    QCOMPARE(passedIn(), kStudents);

    // Three students type. Their bytes wait in the kernel and show on their chips before the
    // tick that reads them.
    const int talkers[] = {5, 17, 33};
    for (int t : talkers)
        QCOMPARE(::write(students[size_t(t)].get(), "hi\n", 3), ssize_t(3));
    auto waitingChips = [m] {
        int n = 0;
        for (const QModelIndex &i : laneRows(m, 0))
            n += i.data(TickViewModel::WaitingRole).toInt() == 3;
        return n;
    };
    QTRY_COMPARE_WITH_TIMEOUT(waitingChips(), 3, 5000);
    // A chip waiting for the next call is never folded away.
    for (const QModelIndex &i : laneRows(m, 0))
        if (i.data(TickViewModel::WaitingRole).toInt() > 0)
            QVERIFY(!i.data(TickViewModel::FoldedRole).toBool());

    action(w.get(), "step")->trigger();
    const QList<QModelIndex> rows = laneRows(m, 0);
    // The ones that came back ready come first, then what else is shown (the listener), then
    // one count chip; every idle conn is behind it.
    qsizetype fold = -1;
    for (qsizetype i = 0; i < rows.size() && fold < 0; ++i)
        if (TickViewModel::ChipKind(rows[i].data(TickViewModel::ChipKindRole).toInt()) ==
            TickViewModel::ChipKind::Fold)
            fold = i;
    QVERIFY(fold > 3);
    bool pastReady = false;
    QSet<QString> readyPorts;
    for (qsizetype i = 0; i < fold; ++i) {
        const bool ready = rows[i].data(TickViewModel::ReadyRole).toBool();
        QVERIFY2(!(ready && pastReady), qPrintable(rows[i].data().toString()));
        pastReady |= !ready;
        QVERIFY(!rows[i].data(TickViewModel::FoldedRole).toBool());
        const QString label = rows[i].data().toString();
        if (ready && label.contains(QLatin1Char(':')))
            readyPorts.insert(label.section(QLatin1Char(':'), -1));
    }
    for (int t : talkers) {
        // Each student is named by the shortest label that tells them apart: one machine, so
        // the program and the port, without the address.
        const QString port =
            QString::number(mux::net::localEndpoint(students[size_t(t)].get()).port);
        QVERIFY2(readyPorts.contains(port), qPrintable(port));
    }
    for (qsizetype i = 0; i < fold; ++i)
        QVERIFY2(!rows[i].data().toString().contains(QStringLiteral("127.0.0.1")),
                 qPrintable(rows[i].data().toString()));
    int folded = 0;
    for (qsizetype i = fold + 1; i < rows.size(); ++i) {
        QVERIFY(rows[i].data(TickViewModel::FoldedRole).toBool());
        QVERIFY(!rows[i].data(TickViewModel::ReadyRole).toBool());
        ++folded;
    }
    QVERIFY(folded >= kStudents - 3 - 2);
    const QString foldText = foldFormat.arg(folded);
    QCOMPARE(rows[fold].data().toString(), foldText);

    // The count opens on a click, and folds again on another.
    auto *foldButton = child<QAbstractButton>(w.get(), "fold:rlist");
    QVERIFY(foldButton->isVisible());
    QCOMPARE(foldButton->text(), foldText);
    QTest::mouseClick(foldButton, Qt::LeftButton);
    for (const QModelIndex &i : laneRows(m, 0))
        QVERIFY(!i.data(TickViewModel::FoldedRole).toBool());
    action(w.get(), "step")->trigger(); // it stays open tick after tick
    for (const QModelIndex &i : laneRows(m, 0))
        QVERIFY(!i.data(TickViewModel::FoldedRole).toBool());
    QTest::mouseClick(child<QAbstractButton>(w.get(), "fold:rlist"), Qt::LeftButton);
    folded = 0;
    for (const QModelIndex &i : laneRows(m, 0))
        folded += i.data(TickViewModel::FoldedRole).toBool();
    QVERIFY(folded >= kStudents - 5);
}

void TestGuiTickView::aRefusedConnectionShowsInTheTick_data()
{
    QTest::addColumn<QString>("lang");
    QTest::addColumn<QString>("word");
    QTest::newRow("en") << QStringLiteral("en") << QStringLiteral("refused");
    QTest::newRow("zh") << QStringLiteral("zh") << QStringLiteral("拒绝");
}

void TestGuiTickView::aRefusedConnectionShowsInTheTick()
{
    QFETCH(QString, lang);
    QFETCH(QString, word);
    auto w = openWindow(QStringLiteral("fd-setsize"), lang);
    auto *s = child<gui::Session>(w.get(), "session");
    if (!s->run())
        QSKIP("fd-setsize cannot run here (the descriptor limit is below FD_SETSIZE)");
    TickViewModel *m = tickModel(w.get());
    // Tick 3: B's connection gets descriptor 1025, which select cannot watch.
    QModelIndex refused;
    for (int i = 0; i < 3; ++i)
        action(w.get(), "step")->trigger();
    for (const QModelIndex &i : laneRows(m, 0))
        if (TickViewModel::ChipKind(i.data(TickViewModel::ChipKindRole).toInt()) ==
            TickViewModel::ChipKind::Refused)
            refused = i;
    QVERIFY2(refused.isValid(), "the refused connection has a chip in the rlist's lane");
    const QString why = refused.data(TickViewModel::ReasonRole).toString();
    QVERIFY2(why.contains(word) && why.contains(QStringLiteral("1025")) &&
                 why.contains(QStringLiteral("FD_SETSIZE")),
             qPrintable(why));
    QVERIFY(!refused.data(TickViewModel::PassedInRole).toBool());
    // Only that tick: the next one has no refusal.
    action(w.get(), "step")->trigger();
    for (const QModelIndex &i : laneRows(m, 0))
        QCOMPARE(TickViewModel::ChipKind(i.data(TickViewModel::ChipKindRole).toInt()),
                 TickViewModel::ChipKind::Socket);
}

int main(int argc, char **argv)
{
    // Two screens, one of each projector size, so presenter mode fills a real screen of each.
    const std::string config =
        QDir::temp()
            .filePath(QStringLiteral("tst_gui_tickview-%1.json").arg(getpid()))
            .toStdString();
    {
        std::ofstream out(config);
        out << R"({"screens":[)"
            << R"({"name":"a","x":0,"y":0,"width":1366,"height":768,"logicalDpi":96,"dpr":1},)"
            << R"({"name":"b","x":1366,"y":0,"width":1920,"height":1080,"logicalDpi":96,"dpr":1}]})";
    }
    qputenv("QT_QPA_PLATFORM", QByteArray("offscreen:configfile=") + config.c_str());
    QApplication app(argc, argv);
    std::remove(config.c_str());
    TestGuiTickView t;
    return QTest::qExec(&t, argc, argv);
}

#include "tst_gui_tickview.moc"
