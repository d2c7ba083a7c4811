// The timeline scrubbed: a slider under the tick boxes shows any recorded tick and the keyboard
// moves one tick at a time; and a tick read as a screen reader reads it, through the
// accessibility tree: every chip and list has a name and a description in the window's
// language, and every control the keyboard reaches has a name.
// Widgets are reached by objectName, as a screen reader or a script would find them.

#include "common/Widgets.h"
#include "gui/MainWindow.h"
#include "gui/Session.h"
#include "gui/TickView.h"
#include "gui/TickViewModel.h"
#include "gui/TimelineView.h"

#include <QAccessible>
#include <QApplication>
#include <QDockWidget>
#include <QSlider>
#include <QStandardPaths>
#include <QStyle>
#include <QStyleOptionSlider>
#include <QtTest>

#include <memory>

using gui::MainWindow;

namespace {

std::unique_ptr<MainWindow> openWindow(const QString &lesson, const QString &lang)
{
    MainWindow::Config c;
    c.lesson = lesson;
    c.lang = lang;
    c.useLessonPorts = false; // kernel ports: nothing here depends on 9991
    c.useSettings = false;
    auto w = std::make_unique<MainWindow>(c);
    w->setGeometry(0, 0, 1366, 768);
    w->show();
    return w;
}

void step(const MainWindow *w, int ticks)
{
    for (int i = 0; i < ticks; ++i)
        child<QAction>(w, "step")->trigger();
}

/// The tick the tick view shows (its number, as its title says "tick N").
int shownTick(const MainWindow *w)
{
    return int(child<gui::TickView>(w, "tickView")->model()->tickNumber());
}

/// Drags `slider`'s handle with the mouse to the position of `value`.
void dragSlider(QSlider *slider, int value)
{
    QStyleOptionSlider opt;
    opt.initFrom(slider);
    opt.orientation = slider->orientation();
    opt.minimum = slider->minimum();
    opt.maximum = slider->maximum();
    opt.sliderPosition = slider->sliderPosition();
    opt.sliderValue = slider->value();
    opt.subControls = QStyle::SC_All;
    const QRect handle =
        slider->style()->subControlRect(QStyle::CC_Slider, &opt, QStyle::SC_SliderHandle, slider);
    const QRect groove =
        slider->style()->subControlRect(QStyle::CC_Slider, &opt, QStyle::SC_SliderGroove, slider);
    const int span = groove.width() - handle.width();
    const int x =
        groove.left() + handle.width() / 2 +
        QStyle::sliderPositionFromValue(slider->minimum(), slider->maximum(), value, span);
    QTest::mousePress(slider, Qt::LeftButton, {}, handle.center());
    QTest::mouseMove(slider, QPoint(x, handle.center().y()));
    QTest::mouseRelease(slider, Qt::LeftButton, {}, QPoint(x, handle.center().y()));
}

/// Every interface under `iface`, depth first.
void walk(QAccessibleInterface *iface, QList<QAccessibleInterface *> &out, int depth = 0)
{
    if (!iface || !iface->isValid() || depth > 12)
        return;
    out << iface;
    for (int i = 0; i < iface->childCount(); ++i)
        walk(iface->child(i), out, depth + 1);
}

} // namespace

class TestGuiTimeline : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void theSliderAndKeysShowAnyRecordedTick_data();
    void theSliderAndKeysShowAnyRecordedTick();
    void aScreenReaderReadsTheReadyChip_data();
    void aScreenReaderReadsTheReadyChip();
    void everyFocusableControlHasAName_data();
    void everyFocusableControlHasAName();
};

void TestGuiTimeline::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestGuiTimeline::theSliderAndKeysShowAnyRecordedTick_data()
{
    QTest::addColumn<QString>("lang");
    QTest::addRow("en") << QStringLiteral("en");
    QTest::addRow("zh") << QStringLiteral("zh");
}

void TestGuiTimeline::theSliderAndKeysShowAnyRecordedTick()
{
    QFETCH(QString, lang);
    auto w = openWindow(QStringLiteral("select-echo"), lang);
    QVERIFY(QTest::qWaitForWindowExposed(w.get()));
    auto *session = child<gui::Session>(w.get(), "session");
    auto *timeline = child<gui::TimelineView>(w.get(), "timeline");
    auto *slider = child<QSlider>(w.get(), "timelineSlider");
    QVERIFY(slider->isVisibleTo(w.get()));
    QVERIFY(!slider->toolTip().isEmpty());

    step(w.get(), 4);
    const qsizetype newest = session->cursor();
    QCOMPARE(newest, 4);
    QCOMPARE(slider->maximum(), int(newest));
    QCOMPARE(slider->value(), int(newest)); // it follows the cursor
    QCOMPARE(shownTick(w.get()), 4);

    dragSlider(slider, 1);
    QCOMPARE(slider->value(), 1);
    QCOMPARE(session->cursor(), 1);
    QCOMPARE(shownTick(w.get()), 1);

    timeline->setFocus();
    QTest::keyClick(timeline, Qt::Key_Right);
    QCOMPARE(shownTick(w.get()), 2);
    QCOMPARE(slider->value(), 2);
    QTest::keyClick(timeline, Qt::Key_Left);
    QCOMPARE(shownTick(w.get()), 1);
    QTest::keyClick(timeline, Qt::Key_End);
    QCOMPARE(shownTick(w.get()), 4);
    QTest::keyClick(timeline, Qt::Key_Right); // scrubbing never makes a new tick
    QCOMPARE(session->cursor(), newest);
    QCOMPARE(shownTick(w.get()), 4);
    QTest::keyClick(timeline, Qt::Key_Home);
    QCOMPARE(shownTick(w.get()), 0);

    // The slider's own keys do the same.
    slider->setFocus();
    QTest::keyClick(slider, Qt::Key_Right);
    QCOMPARE(session->cursor(), 1);
    QTest::keyClick(slider, Qt::Key_End);
    QCOMPARE(session->cursor(), newest);
    QCOMPARE(session->trace()->size(), newest + 1);
}

void TestGuiTimeline::aScreenReaderReadsTheReadyChip_data()
{
    theSliderAndKeysShowAnyRecordedTick_data();
}

void TestGuiTimeline::aScreenReaderReadsTheReadyChip()
{
    QFETCH(QString, lang);
    auto w = openWindow(QStringLiteral("select-echo"), lang);
    QVERIFY(QTest::qWaitForWindowExposed(w.get()));
    QAccessible::setActive(true);
    auto *view = child<gui::TickView>(w.get(), "tickView");
    const gui::TickViewModel *m = view->model();
    for (int i = 0; i < 6 && m->tickNumber() != 2; ++i)
        step(w.get(), 1);
    QCOMPARE(m->tickNumber(), 2u);
    QVERIFY(m->isReadyIn(gui::LaneKind::Read, QStringLiteral("conn:A")));

    // What the chip shows: its label and why it came back ready, in the window's language.
    QString label, reason;
    const QModelIndex rlist = m->index(m->laneRow(gui::LaneKind::Read), 0);
    for (int row = 0; row < m->rowCount(rlist); ++row) {
        const QModelIndex ci = m->index(row, 0, rlist);
        if (ci.data(gui::TickViewModel::NameRole).toString() == QLatin1String("conn:A")) {
            label = ci.data().toString();
            reason = ci.data(gui::TickViewModel::ReasonRole).toString();
        }
    }
    QVERIFY(!reason.isEmpty());
    if (lang == QLatin1String("en")) {
        QCOMPARE(label, QStringLiteral("conn A"));
        QVERIFY2(reason.contains(QLatin1String("bytes to read")), qPrintable(reason));
    }

    QList<QAccessibleInterface *> tree;
    walk(QAccessible::queryAccessibleInterface(view), tree);
    QAccessibleInterface *lane = nullptr, *chip = nullptr;
    for (QAccessibleInterface *i : std::as_const(tree)) {
        if (i->role() == QAccessible::List && i->text(QAccessible::Name) == QLatin1String("rlist"))
            lane = i;
        if (i->role() == QAccessible::ListItem && i->parent() == lane && lane &&
            i->text(QAccessible::Name).contains(label))
            chip = i;
    }
    QVERIFY2(lane, "the rlist is a list in the tick view's accessibility tree");
    QVERIFY(!lane->text(QAccessible::Description).isEmpty());
    QVERIFY2(chip, "conn A is an item of the rlist");
    const QString said = chip->text(QAccessible::Description);
    QVERIFY2(said.contains(reason), qPrintable(said));
    QVERIFY2(said.contains(gui::TickView::tr("came back ready")), qPrintable(said));
    if (lang == QLatin1String("en"))
        QVERIFY2(said.contains(QLatin1String("came back ready")), qPrintable(said));
    QVERIFY(chip->rect().intersects(QRect(view->mapToGlobal(QPoint(0, 0)), view->size())));
    int at = -1;
    for (int i = 0; i < lane->childCount(); ++i)
        if (lane->child(i) == chip)
            at = i;
    QCOMPARE(lane->indexOfChild(chip), at);
    QCOMPARE(chip->parent(), lane);

    // Every lane and chip says something; so does every recorded tick of the timeline.
    for (QAccessibleInterface *i : std::as_const(tree))
        if (i->role() == QAccessible::List || i->role() == QAccessible::ListItem)
            QVERIFY2(!i->text(QAccessible::Name).isEmpty() &&
                         !i->text(QAccessible::Description).isEmpty(),
                     qPrintable(i->text(QAccessible::Name)));
    QList<QAccessibleInterface *> cells;
    walk(QAccessible::queryAccessibleInterface(child<QWidget>(w.get(), "timeline")), cells);
    int ticks = 0;
    for (QAccessibleInterface *i : std::as_const(cells))
        if (i->role() == QAccessible::ListItem) {
            ++ticks;
            QVERIFY(!i->text(QAccessible::Name).isEmpty());
            QVERIFY(!i->text(QAccessible::Description).isEmpty());
        }
    QCOMPARE(ticks, int(child<gui::Session>(w.get(), "session")->trace()->size()));
}

void TestGuiTimeline::everyFocusableControlHasAName_data()
{
    theSliderAndKeysShowAnyRecordedTick_data();
}

void TestGuiTimeline::everyFocusableControlHasAName()
{
    QFETCH(QString, lang);
    auto w = openWindow(QStringLiteral("select-echo"), lang);
    QVERIFY(QTest::qWaitForWindowExposed(w.get()));
    step(w.get(), 2);
    QStringList nameless;
    for (QWidget *c : w->findChildren<QWidget *>()) {
        if (!c->isVisibleTo(w.get()) || c->focusPolicy() == Qt::NoFocus || !c->isEnabled())
            continue;
        QAccessibleInterface *i = QAccessible::queryAccessibleInterface(c);
        QVERIFY(i);
        if (i->text(QAccessible::Name).trimmed().isEmpty() &&
            i->text(QAccessible::Value).trimmed().isEmpty())
            nameless << QStringLiteral("%1 \"%2\"")
                            .arg(QLatin1String(c->metaObject()->className()), c->objectName());
    }
    QVERIFY2(nameless.isEmpty(), qPrintable(nameless.join(QStringLiteral(", "))));

    // A table without a name of its own is called by its pane's title, in the new language
    // after a switch.
    auto *log = child<QWidget>(w.get(), "syscallLog");
    const QDockWidget *dock = nullptr;
    for (QWidget *p = log; p && !dock; p = p->parentWidget())
        dock = qobject_cast<QDockWidget *>(p);
    QVERIFY(dock);
    QCOMPARE(log->accessibleName(), dock->windowTitle());
    const QString before = log->accessibleName();
    child<QAction>(w.get(), lang == QLatin1String("en") ? "langZh" : "langEn")->trigger();
    QTRY_VERIFY(log->accessibleName() != before);
    QCOMPARE(log->accessibleName(), dock->windowTitle());
}

QTEST_MAIN(TestGuiTimeline)
#include "tst_gui_timeline.moc"
