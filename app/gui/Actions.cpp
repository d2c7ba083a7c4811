#include "Actions.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace gui {

namespace {

QAction *make(QObject *owner, const QString &name, const QList<QKeySequence> &keys = {})
{
    auto *a = new QAction(owner);
    a->setObjectName(name);
    // A platform's standard key can be the one we list as well (ZoomOut is Ctrl+- on X11):
    // the same sequence twice on one action is "ambiguous" and then never fires.
    QList<QKeySequence> unique;
    for (const QKeySequence &k : keys)
        if (!k.isEmpty() && !unique.contains(k))
            unique.append(k);
    a->setShortcuts(unique);
    return a;
}

QString tr(const char *text)
{
    // lupdate files these strings under the struct's own context.
    return QCoreApplication::translate("gui::Actions", text);
}

// The tooltip repeats the shortcut: on a projector nobody can see the menus.
void describe(QAction *a, const QString &text, const QString &tip)
{
    a->setText(text);
    // Toolbar buttons show no mnemonics: drop "(&S)" (the Chinese form) and a bare "&".
    QString plain = text;
    plain.remove(QRegularExpression(QStringLiteral("\\(&.\\)")));
    plain.remove(QLatin1Char('&'));
    a->setIconText(plain.remove(QStringLiteral("…")).trimmed());
    const QString keys = a->shortcut().toString(QKeySequence::NativeText);
    a->setToolTip(keys.isEmpty() ? tip : QStringLiteral("%1 (%2)").arg(tip, keys));
    a->setStatusTip(tip);
}

} // namespace

Actions::Actions(QObject *owner)
{
    step = make(owner, QStringLiteral("step"), {Qt::Key_F10});
    back = make(owner, QStringLiteral("back"),
                {QKeySequence(Qt::SHIFT | Qt::Key_F10), QKeySequence::Back});
    forward = make(owner, QStringLiteral("forward"), {QKeySequence::Forward});
    live = make(owner, QStringLiteral("live"), {QKeySequence(Qt::CTRL | Qt::Key_End)});
    run = make(owner, QStringLiteral("run"), {Qt::Key_Space});
    run->setCheckable(true);
    restart = make(owner, QStringLiteral("restart"), {QKeySequence(Qt::CTRL | Qt::Key_R)});
    replayHere =
        make(owner, QStringLiteral("replayHere"), {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R)});
    jumpTo = make(owner, QStringLiteral("jumpTo"), {QKeySequence(Qt::CTRL | Qt::Key_G)});
    openTrace = make(owner, QStringLiteral("openTrace"), {QKeySequence::Open});
    saveTrace = make(owner, QStringLiteral("saveTrace"), {QKeySequence::Save});
    exportPng = make(owner, QStringLiteral("exportPng"), {QKeySequence(Qt::CTRL | Qt::Key_E)});
    exportSvg =
        make(owner, QStringLiteral("exportSvg"), {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E)});
    exportHtml = make(owner, QStringLiteral("exportHtml"), {});
    quit = make(owner, QStringLiteral("quit"), {QKeySequence::Quit});
    // Ctrl+= as well as Ctrl++: on most keyboards "+" needs Shift, and teachers press "=".
    zoomIn = make(owner, QStringLiteral("zoomIn"),
                  {QKeySequence(Qt::CTRL | Qt::Key_Equal), QKeySequence::ZoomIn});
    zoomOut = make(owner, QStringLiteral("zoomOut"),
                   {QKeySequence(Qt::CTRL | Qt::Key_Minus), QKeySequence::ZoomOut});
    zoomReset = make(owner, QStringLiteral("zoomReset"), {QKeySequence(Qt::CTRL | Qt::Key_0)});
    presenter = make(owner, QStringLiteral("presenter"), {Qt::Key_F5});
    presenter->setCheckable(true);
    animate = make(owner, QStringLiteral("animate"));
    animate->setCheckable(true);
    animate->setChecked(true);
    lessonPorts = make(owner, QStringLiteral("lessonPorts"));
    lessonPorts->setCheckable(true);
    langEn = make(owner, QStringLiteral("langEn"));
    langZh = make(owner, QStringLiteral("langZh"));
    langs = new QActionGroup(owner);
    for (QAction *a : {langEn, langZh}) {
        a->setCheckable(true);
        langs->addAction(a);
    }
    backendSelect = make(owner, QStringLiteral("backend-select"));
    backendPoll = make(owner, QStringLiteral("backend-poll"));
    backendEpoll = make(owner, QStringLiteral("backend-epoll"));
    backendEpollEt = make(owner, QStringLiteral("backend-epoll-et"));
    backends = new QActionGroup(owner);
    for (QAction *a : {backendSelect, backendPoll, backendEpoll, backendEpollEt}) {
        a->setCheckable(true);
        backends->addAction(a);
    }
    backendSelect->setData(QStringLiteral("select"));
    backendPoll->setData(QStringLiteral("poll"));
    backendEpoll->setData(QStringLiteral("epoll"));
    backendEpollEt->setData(QStringLiteral("epoll-et"));
    firstLesson =
        make(owner, QStringLiteral("firstLesson"), {QKeySequence(Qt::CTRL | Qt::Key_Home)});
    about = make(owner, QStringLiteral("about"));
    connectClient = make(owner, QStringLiteral("connectClient"),
                         {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C)});
    retranslate();
}

void Actions::retranslate()
{
    describe(step, tr("&Step"),
             tr("Run one tick: clients act, the call is made, the server handles what came back"));
    describe(back, tr("Step &Back"),
             tr("Show the tick before (history; nothing is undone in the kernel)"));
    describe(forward, tr("Step &Forward"),
             tr("Show the next recorded tick, or run a new one at the newest"));
    describe(live, tr("Return to &Live"), tr("Show the newest tick again"));
    describe(run, tr("&Run / Pause"),
             tr("Run tick after tick at the chosen speed; pauses before a question"));
    describe(restart, tr("Res&tart Lesson"),
             tr("Start the lesson again from tick 0 with fresh sockets"));
    describe(replayHere, tr("Replay to &Here"),
             tr("Restart the lesson and run it again up to the tick shown, rebuilding the real "
                "sockets"));
    describe(jumpTo, tr("&Jump to Tick…"), tr("Show a recorded tick by its number"));
    describe(openTrace, tr("&Open Trace…"), tr("Open a saved trace (JSON) to browse it"));
    describe(saveTrace, tr("&Save Trace…"), tr("Save every recorded tick as JSON"));
    describe(exportPng, tr("Export Tick as &PNG…"), tr("Save the tick view as a picture"));
    describe(exportSvg, tr("Export Tick as S&VG…"), tr("Save the tick view as a scalable drawing"));
    describe(exportHtml, tr("Export as &Web Page…"),
             tr("Save the run so far as one web page that steps through it in any browser, "
                "offline"));
    describe(quit, tr("&Quit"), tr("Close muxlab"));
    describe(zoomIn, tr("Zoom &In"), tr("Make every pane bigger"));
    describe(zoomOut, tr("Zoom &Out"), tr("Make every pane smaller"));
    describe(zoomReset, tr("&Normal Size"), tr("Every pane at its normal size"));
    describe(presenter, tr("&Presenter Mode"),
             tr("For a projector: full screen, everything bigger, high contrast, secondary panes "
                "hidden"));
    describe(
        animate, tr("&Animate Steps"),
        tr("Show a step in the order it happened: lists in, ready ones light up, list changes"));
    describe(lessonPorts, tr("Listen on the Lesson's &Ports"),
             tr("Use the documents' ports (9991…) so their Python clients can connect; takes "
                "effect at the next restart"));
    describe(langEn, QStringLiteral("English"), QStringLiteral("English"));
    describe(langZh, QStringLiteral("中文"), QStringLiteral("中文"));
    describe(backendSelect, QStringLiteral("select"),
             tr("select(): three lists in, three lists out"));
    describe(backendPoll, QStringLiteral("poll"),
             tr("poll(): an array of pollfd with events and revents"));
    describe(backendEpoll, QStringLiteral("epoll"),
             tr("epoll: interest registered once, only the ready ones come back"));
    describe(backendEpollEt, QStringLiteral("epoll (ET)"),
             tr("epoll edge-triggered: told once per change, not while it stays ready"));
    describe(firstLesson, tr("&First Lesson"), tr("Open the first lesson"));
    describe(about, tr("&About muxlab"), tr("What muxlab is"));
    describe(connectClient, tr("&Connect a client…"),
             tr("Commands to connect nc, telnet, the lesson's Python client or muxlab's own "
                "client to this server, and a button to start one"));
}

} // namespace gui
