// The window on a real program (muxlab --exec without --headless), offscreen. Prints:
//   1. step latency: F10 to the painted tick, on a Python program that calls select(timeout 0)
//      in a tight loop (untraced it makes ~10^5-10^6 calls a second)             target <= 50 ms
//   2. Run at the fastest timed speed for S seconds (default 30): ticks made, the longest the
//      event loop was late for a 10 ms timer, and the resident memory before and after.
//   3. Run at full speed (the program runs freely) for S seconds: calls a second, how late the
//      event loop got (worst, median), the time from Pause to the program held (median, 90th
//      percentile over 20 pauses), and the resident memory before and after.
// Figures only: the machines are shared and noisy.

#include "BenchUtil.h"
#include "gui/MainWindow.h"
#include "gui/ProgramRun.h"
#include "gui/Session.h"
#include "gui/TickView.h"

#include <QAction>
#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QKeyEvent>
#include <QSlider>
#include <QStandardPaths>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <vector>

namespace {

long rssKb()
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLong();
    return -1;
}

void waitUntil(const std::function<bool()> &done, int ms)
{
    QElapsedTimer t;
    t.start();
    while (!done() && t.elapsed() < ms)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
}

QtMessageHandler g_defaultHandler = nullptr;

void quietOffscreen(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (message.contains(QLatin1String("propagateSizeHints")))
        return;
    if (g_defaultHandler)
        g_defaultHandler(type, context, message);
}

} // namespace

int main(int argc, char **argv)
{
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    g_defaultHandler = qInstallMessageHandler(quietOffscreen);
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    const int seconds = argc > 1 ? std::max(1, atoi(argv[1])) : 30;
    QFile load(QStringLiteral("/proc/loadavg"));
    if (load.open(QIODevice::ReadOnly))
        std::printf("load average: %s\n", load.readLine().trimmed().constData());

    gui::MainWindow::Config c;
    c.useLessonPorts = false;
    c.useSettings = false;
    c.lang = QStringLiteral("en");
    c.program = {QStringLiteral("/usr/bin/python3"),
                 QStringLiteral(MUXLAB_SOURCE_DIR "/tests/bench/select_loop.py"),
                 QStringLiteral("1000000000")};
    gui::MainWindow w(c);
    w.resize(1366, 768);
    w.show();
    auto *s = w.findChild<gui::Session *>(QStringLiteral("session"));
    if (!s->hasProgram()) {
        std::printf("the program did not start\n");
        return 1;
    }
    waitUntil([s] { return s->program()->isHeld(); }, 20000);
    // The warm-up loop's 1,000 calls first, as the run would make them.
    for (int i = 0; i < 1000 && !s->program()->isFinished(); ++i) {
        const qsizetype before = s->trace()->size();
        s->stepForward();
        waitUntil([&] { return s->trace()->size() > before && s->program()->isHeld(); }, 5000);
    }

    struct PaintSpy : QObject {
        bool painted = false;
        bool eventFilter(QObject *, QEvent *e) override
        {
            if (e->type() == QEvent::Paint)
                painted = true;
            return false;
        }
    } spy;
    auto *view = w.findChild<gui::TickView *>(QStringLiteral("tickView"));
    view->installEventFilter(&spy);
    view->setAnimated(false);
    std::vector<double> latency;
    for (int run = 0; run < 100; ++run) {
        spy.painted = false;
        const qsizetype before = s->trace()->size();
        QElapsedTimer t;
        t.start();
        QKeyEvent press(QEvent::KeyPress, Qt::Key_F10, Qt::NoModifier);
        QCoreApplication::sendEvent(&w, &press);
        QKeyEvent release(QEvent::KeyRelease, Qt::Key_F10, Qt::NoModifier);
        QCoreApplication::sendEvent(&w, &release);
        waitUntil([&] { return s->trace()->size() > before && spy.painted; }, 5000);
        latency.push_back(t.nsecsElapsed() / 1e6);
    }
    std::printf("step latency on a tight select loop, F10 to painted tick: %s steps  target <= "
                "50 ms\n",
                qPrintable(bench::spreadMs(latency)));

    // Run at the fastest notch while a 10 ms timer measures how late the event loop gets.
    const long rssBefore = rssKb();
    const qsizetype ticksBefore = s->trace()->size();
    auto *speed = w.findChild<QSlider *>(QStringLiteral("speed"));
    speed->setValue(speed->maximum() - 1); // the last timed notch; the one after is full speed
    w.findChild<QAction *>(QStringLiteral("run"))->setChecked(true);
    QElapsedTimer since;
    since.start();
    qint64 last = 0, worstLate = 0;
    QTimer probe;
    QObject::connect(&probe, &QTimer::timeout, [&] {
        const qint64 now = since.elapsed();
        worstLate = std::max(worstLate, now - last - 10);
        last = now;
    });
    probe.start(10);
    waitUntil([] { return false; }, seconds * 1000);
    probe.stop();
    w.findChild<QAction *>(QStringLiteral("run"))->setChecked(false);
    std::printf("run at the fastest speed for %d s: %lld ticks (%.1f a second); the event loop "
                "was at most %lld ms late; resident memory %ld -> %ld KB\n",
                seconds, (long long)(s->trace()->size() - ticksBefore),
                (s->trace()->size() - ticksBefore) / double(seconds), (long long)worstLate,
                rssBefore, rssKb());

    // Full speed: the program runs freely; the panes hear of its ticks a frame at a time.
    waitUntil([s] { return s->program()->isHeld(); }, 20000);
    const long rssFree = rssKb();
    const qsizetype ticksFree = s->trace()->size();
    speed->setValue(speed->maximum());
    std::vector<double> late;
    last = 0;
    since.restart();
    QObject::disconnect(&probe, nullptr, nullptr, nullptr);
    QObject::connect(&probe, &QTimer::timeout, [&] {
        const qint64 now = since.elapsed();
        late.push_back(double(std::max<qint64>(0, now - last - 10)));
        last = now;
    });
    auto *run = w.findChild<QAction *>(QStringLiteral("run"));
    run->setChecked(true);
    probe.start(10);
    waitUntil([] { return false; }, seconds * 1000);
    probe.stop();
    const double elapsed = since.elapsed() / 1000.0;
    const qsizetype made = s->trace()->size() - ticksFree;
    std::vector<double> pause;
    for (int i = 0; i < 20 && !s->program()->isFinished(); ++i) {
        if (i > 0) {
            run->setChecked(true);
            waitUntil([] { return false; }, 200);
        }
        QElapsedTimer t;
        t.start();
        run->setChecked(false);
        waitUntil([s] { return s->program()->isHeld(); }, 10000);
        pause.push_back(t.nsecsElapsed() / 1e6);
    }
    std::printf("full speed for %d s: %lld ticks (%.0f calls a second); the event loop was late "
                "by at most %.0f ms, median %.0f ms; Pause to held: %s pauses; %lld ticks kept; "
                "resident memory %ld -> %ld KB\n",
                seconds, (long long)made, made / elapsed, bench::percentile(late, 1),
                bench::median(late), qPrintable(bench::spreadMs(pause)),
                (long long)(s->trace()->size() - s->trace()->firstKept()), rssFree, rssKb());
    return 0;
}
