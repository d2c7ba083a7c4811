// The window serving a classroom over a real network: the Class tab opened to an interface, a
// student's machine on that subnet and one on another, each in a network namespace the test
// makes itself (veth pairs, 10.213.0.0/24 and 10.214.0.0/24, nothing outside the namespaces);
// the lessons' Python clients waiting for a window nobody steps; the Help menu's pages.

#include "common/Widgets.h"
#include "gui/ClassPane.h"
#include "gui/Launcher.h"
#include "gui/MainWindow.h"
#include "gui/Session.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDialog>
#include <QLabel>
#include <QProcess>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QtTest>

#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <unistd.h>

#include <memory>

using gui::MainWindow;

namespace {

const QString kPython = QStringLiteral("/usr/bin/python3");
const QString kWaitNotice = QStringLiteral("waiting for the server's next tick");

std::unique_ptr<MainWindow> openWindow(const QString &lesson, bool lessonPorts,
                                       const QString &lang = QStringLiteral("en"),
                                       const QString &bind = QStringLiteral("127.0.0.1"))
{
    MainWindow::Config c;
    c.lesson = lesson;
    c.lang = lang;
    c.useLessonPorts = lessonPorts;
    c.useSettings = false;
    c.bind = bind;
    auto w = std::make_unique<MainWindow>(c);
    w->resize(1366, 768);
    w->show();
    return w;
}

QString listenersOf(const QObject *w)
{
    QStringList out;
    for (const mux::net::Endpoint &e : sessionOf(w)->listeners())
        out.append(e.toString());
    return out.join(QLatin1Char(' '));
}

/// Steps the window's lesson, a tick at a time, until every one of `ps` has printed (bounded).
bool stepUntilPrinted(MainWindow *w, const QList<QProcess *> &ps, QList<QByteArray> &out)
{
    out = QList<QByteArray>(ps.size());
    QElapsedTimer t;
    t.start();
    auto done = [&] {
        return std::all_of(out.begin(), out.end(),
                           [](const QByteArray &o) { return o.contains('\n'); });
    };
    while (!done() && t.elapsed() < 30000) {
        sessionOf(w)->stepForward();
        QTest::qWait(150);
        for (int i = 0; i < ps.size(); ++i)
            out[i] += ps[i]->readAllStandardOutput();
    }
    return done();
}

/// Steps the window's lesson, a tick at a time, until `p` has finished (bounded).
bool stepUntilFinished(MainWindow *w, QProcess &p, int ms = 30000)
{
    QElapsedTimer t;
    t.start();
    while (p.state() != QProcess::NotRunning && t.elapsed() < ms) {
        sessionOf(w)->stepForward();
        p.waitForFinished(150);
        QCoreApplication::processEvents();
    }
    return p.state() == QProcess::NotRunning;
}

/// Three network namespaces: the teacher's (the window runs there), a student's on the same
/// /24 through one veth pair, and an outsider's on another /24, routed through a second pair.
/// The namespaces and everything in them go away in the destructor, whatever happened.
class Classroom {
public:
    static constexpr const char *kTeacher = "10.213.0.1";
    static constexpr const char *kStudent = "10.213.0.2";
    static constexpr const char *kTeacherOther = "10.214.0.1";
    static constexpr const char *kOutsider = "10.214.0.2";

    /// Why the test cannot make namespaces here, or empty.
    static QString unavailable()
    {
        if (::geteuid() != 0)
            return QStringLiteral("Making network namespaces needs root; this test runs as "
                                  "another user.");
        if (QStandardPaths::findExecutable(QStringLiteral("ip")).isEmpty())
            return QStringLiteral("iproute2's ip is not installed, so no namespace can be made.");
        if (run({QStringLiteral("netns"), QStringLiteral("list")}).isEmpty())
            return {};
        return QStringLiteral("`ip netns list` fails here, so no namespace can be made.");
    }
    /// Namespaces a crashed earlier run left behind (its process is gone).
    static void removeStale()
    {
        QProcess p;
        p.start(QStringLiteral("ip"), {QStringLiteral("netns"), QStringLiteral("list")});
        p.waitForFinished(5000);
        for (const QByteArray &line : p.readAllStandardOutput().split('\n')) {
            const QString name = QString::fromLatin1(line.split(' ').value(0));
            static const QRegularExpression ours(QStringLiteral("^mxlt(\\d+)[abc]$"));
            const auto m = ours.match(name);
            if (m.hasMatch() && ::kill(m.captured(1).toInt(), 0) != 0)
                run({QStringLiteral("netns"), QStringLiteral("del"), name});
        }
    }

    Classroom()
    {
        const QString base = QStringLiteral("mxlt%1").arg(::getpid());
        m_teacher = base + QLatin1Char('a');
        m_student = base + QLatin1Char('b');
        m_outsider = base + QLatin1Char('c');
        // %1 the teacher's namespace, %2 the student's, %3 the outsider's.
        static const char *const steps[] = {
            "netns add %1",
            "netns add %2",
            "netns add %3",
            "link add name vst netns %1 type veth peer name vts netns %2",
            "link add name vot netns %1 type veth peer name vto netns %3",
            "-n %1 addr add 10.213.0.1/24 dev vst",
            "-n %1 addr add 10.214.0.1/24 dev vot",
            "-n %2 addr add 10.213.0.2/24 dev vts",
            "-n %3 addr add 10.214.0.2/24 dev vto",
            "-n %1 link set lo up",
            "-n %1 link set vst up",
            "-n %1 link set vot up",
            "-n %2 link set lo up",
            "-n %2 link set vts up",
            "-n %3 link set lo up",
            "-n %3 link set vto up",
            "-n %3 route add 10.213.0.0/24 via 10.214.0.1",
        };
        for (const char *step : steps) {
            const QString line = QString::fromLatin1(step)
                                     .replace(QStringLiteral("%1"), m_teacher)
                                     .replace(QStringLiteral("%2"), m_student)
                                     .replace(QStringLiteral("%3"), m_outsider);
            if (const QString e = run(line.split(QLatin1Char(' '))); !e.isEmpty()) {
                m_error = e;
                return;
            }
        }
    }
    ~Classroom()
    {
        leave();
        for (const QString &ns : {m_teacher, m_student, m_outsider})
            run({QStringLiteral("netns"), QStringLiteral("del"), ns});
    }
    QString error() const { return m_error; }

    /// This process's main thread moves into the teacher's namespace: every socket the window
    /// opens from now on, and every child it starts, is there.
    bool enterTeacher()
    {
        m_home = ::open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
        const int ns =
            ::open(qPrintable(QStringLiteral("/run/netns/") + m_teacher), O_RDONLY | O_CLOEXEC);
        const bool ok = m_home >= 0 && ns >= 0 && ::setns(ns, CLONE_NEWNET) == 0;
        if (ns >= 0)
            ::close(ns);
        return ok;
    }
    void leave()
    {
        if (m_home < 0)
            return;
        ::setns(m_home, CLONE_NEWNET);
        ::close(m_home);
        m_home = -1;
    }

    /// `program args…` run in namespace `ns` ("ip netns exec").
    void start(QProcess &p, const QString &ns, const QString &program, const QStringList &args)
    {
        p.start(QStringLiteral("ip"),
                QStringList{QStringLiteral("netns"), QStringLiteral("exec"), ns, program} + args);
    }
    QString teacher() const { return m_teacher; }
    QString student() const { return m_student; }
    QString outsider() const { return m_outsider; }

private:
    /// `ip args…`; the error text when it failed, else empty.
    static QString run(const QStringList &args)
    {
        QProcess p;
        p.start(QStringLiteral("ip"), args);
        if (!p.waitForFinished(10000))
            return QStringLiteral("ip %1 did not finish").arg(args.join(QLatin1Char(' ')));
        if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
            return QStringLiteral("ip %1: %2")
                .arg(args.join(QLatin1Char(' ')),
                     QString::fromLocal8Bit(p.readAllStandardError()).trimmed());
        return {};
    }

    QString m_teacher, m_student, m_outsider, m_error;
    int m_home = -1;
};

/// A few lines of Python that connect to HOST:PORT, print the first bytes the server sends and
/// then hold the connection until the server closes it.
QStringList firstWords(const QString &host, quint16 port)
{
    return {QStringLiteral("-c"),
            QStringLiteral("import socket, sys\n"
                           "s = socket.create_connection(('%1', %2), timeout=30)\n"
                           "print(s.recv(4096).decode('utf-8', 'replace').strip(), flush=True)\n"
                           "s.settimeout(None)\n"
                           "s.recv(1)\n")
                .arg(host)
                .arg(port)};
}

QString echoClient()
{
    return QStringLiteral(MUXLAB_SOURCE_DIR "/lessons/000-select-socket/echo_client.py");
}

} // namespace

class TestGuiNetwork : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void theClassTabOpensTheLessonToANetworkAndClosesIt();
    void theWindowListensWhereBindSays();
    void aClientWaitsForAWindowNobodySteps();
    void helpPagesOpenInBothLanguages_data();
    void helpPagesOpenInBothLanguages();
};

void TestGuiNetwork::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    if (Classroom::unavailable().isEmpty())
        Classroom::removeStale();
}

void TestGuiNetwork::theClassTabOpensTheLessonToANetworkAndClosesIt()
{
    if (const QString why = Classroom::unavailable(); !why.isEmpty())
        QSKIP(qPrintable(why));
    Classroom room;
    QVERIFY2(room.error().isEmpty(), qPrintable(room.error()));
    QVERIFY(room.enterTeacher());

    // The lesson's own port: inside the teacher's namespace nothing else holds it.
    auto w = openWindow(QStringLiteral("select-echo"), true);
    QCOMPARE(listenersOf(w.get()), QStringLiteral("127.0.0.1:9991"));
    auto *iface = child<QComboBox>(w.get(), "networkInterface");
    // The machine's addresses on its networks, loopback left out.
    QStringList offered;
    for (int i = 0; i < iface->count(); ++i)
        offered.append(iface->itemData(i).toString());
    QVERIFY2(offered.contains(QLatin1String(Classroom::kTeacher)),
             qPrintable(offered.join(QLatin1Char(' '))));
    QVERIFY(!offered.contains(QStringLiteral("127.0.0.1")));
    QVERIFY(child<QCheckBox>(w.get(), "onlyLocalSubnet")->isChecked());
    QVERIFY(!child<QLabel>(w.get(), "classAddress")->isVisible());
    QVERIFY(!child<QPushButton>(w.get(), "closeNetwork")->isEnabled());

    iface->setCurrentIndex(iface->findData(QLatin1String(Classroom::kTeacher)));
    child<QPushButton>(w.get(), "openNetwork")->click();
    QCOMPARE(listenersOf(w.get()), QStringLiteral("10.213.0.1:9991"));
    auto *address = child<QLabel>(w.get(), "classAddress");
    auto *commands = child<QLabel>(w.get(), "classCommands");
    QVERIFY(address->isVisible());
    QVERIFY2(address->text().contains(QStringLiteral("10.213.0.1")), qPrintable(address->text()));
    QVERIFY2(commands->text().contains(QStringLiteral("nc 10.213.0.1 9991")),
             qPrintable(commands->text()));
    QVERIFY2(commands->text().contains(QStringLiteral("echo_client.py --host 10.213.0.1")),
             qPrintable(commands->text()));
    // Larger than the pane's other text: it is read from the back of the room.
    QVERIFY(address->font().pointSizeF() >
            child<QPushButton>(w.get(), "openNetwork")->font().pointSizeF() * 1.5);

    // A student on the same subnet runs the lesson's client, exactly as the window shows it.
    QProcess student;
    room.start(student, room.student(), kPython,
               {echoClient(), QStringLiteral("--host"), QLatin1String(Classroom::kTeacher),
                QStringLiteral("--port"), QStringLiteral("9991"), QStringLiteral("--wait")});
    QVERIFY(student.waitForStarted(10000));
    QVERIFY(stepUntilFinished(w.get(), student));
    const QByteArray said = student.readAllStandardOutput();
    QVERIFY2(student.exitCode() == 0, (said + student.readAllStandardError()).constData());
    QVERIFY2(said.contains("sent 'select', got 'select好'"), said.constData());

    // A machine on another network reaches the address but is told why it cannot come in.
    QProcess outsider;
    room.start(outsider, room.outsider(), kPython,
               firstWords(QLatin1String(Classroom::kTeacher), 9991));
    QVERIFY(outsider.waitForStarted(10000));
    QVERIFY(stepUntilFinished(w.get(), outsider));
    const QString told = QString::fromUtf8(outsider.readAllStandardOutput());
    QVERIFY2(told.contains(QLatin1String(Classroom::kOutsider)) &&
                 told.contains(QStringLiteral("10.213.0.0/24")),
             qPrintable(told + QString::fromLocal8Bit(outsider.readAllStandardError())));
    // …and the window logs the refusal.
    const mux::Trace *trace = sessionOf(w.get())->trace();
    bool logged = false;
    for (qsizetype i = 0; i < trace->size(); ++i)
        for (const mux::Action &a : trace->at(i).actions)
            logged = logged ||
                     (a.call == mux::Action::Call::Refuse && a.data.contains(Classroom::kOutsider));
    QVERIFY(logged);

    // The class limit still holds on the network: one more than allowed is told so.
    // (after the server has closed the conns of the clients that left)
    for (int i = 0; i < 100 && sessionOf(w.get())->run()->engine().server().externalOpen() > 0;
         ++i) {
        sessionOf(w.get())->stepForward();
        QTest::qWait(50);
    }
    QCOMPARE(sessionOf(w.get())->run()->engine().server().externalOpen(), 0);
    child<QSpinBox>(w.get(), "classLimit")->setValue(1);
    QProcess first, second;
    for (QProcess *p : {&first, &second}) {
        room.start(*p, room.student(), kPython,
                   firstWords(QLatin1String(Classroom::kTeacher), 9991));
        QVERIFY(p->waitForStarted(10000));
    }
    QList<QByteArray> heard;
    QVERIFY(stepUntilPrinted(w.get(), {&first, &second}, heard));
    QVERIFY2(heard[0].contains("class is full") != heard[1].contains("class is full"),
             (heard[0] + '|' + heard[1]).constData());

    // With "only this network's machines" off, the outsider comes in like anyone else.
    child<QSpinBox>(w.get(), "classLimit")->setValue(0);
    child<QCheckBox>(w.get(), "onlyLocalSubnet")->setChecked(false);
    QProcess welcome;
    room.start(welcome, room.outsider(), kPython,
               firstWords(QLatin1String(Classroom::kTeacher), 9991));
    QVERIFY(welcome.waitForStarted(10000));
    QVERIFY(stepUntilPrinted(w.get(), {&welcome}, heard));
    QVERIFY2(heard[0].startsWith("你好"), heard[0].constData());

    // One click back to this machine only, on the same port.
    child<QPushButton>(w.get(), "closeNetwork")->click();
    QCOMPARE(listenersOf(w.get()), QStringLiteral("127.0.0.1:9991"));
    QVERIFY(!address->isVisible());
    w.reset();
    room.leave();
}

void TestGuiNetwork::theWindowListensWhereBindSays()
{
    if (const QString why = Classroom::unavailable(); !why.isEmpty())
        QSKIP(qPrintable(why));
    Classroom room;
    QVERIFY2(room.error().isEmpty(), qPrintable(room.error()));
    // `muxlab --lesson select-echo --bind ADDR`, the window itself, in the teacher's namespace.
    QTemporaryDir home;
    QProcess window;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("HOME"), home.path());
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.path());
    window.setProcessEnvironment(env);
    room.start(window, room.teacher(), QStringLiteral(MUXLAB_BINARY),
               {QStringLiteral("--lesson"), QStringLiteral("select-echo"), QStringLiteral("--bind"),
                QLatin1String(Classroom::kTeacher)});
    QVERIFY(window.waitForStarted(10000));
    // A student connects (the kernel completes the handshake; the window holds the tick).
    bool connected = false;
    for (int i = 0; i < 100 && !connected; ++i) {
        QProcess probe;
        room.start(probe, room.student(), kPython,
                   {QStringLiteral("-c"),
                    QStringLiteral("import socket; socket.create_connection(('%1', 9991), "
                                   "timeout=5)")
                        .arg(QLatin1String(Classroom::kTeacher))});
        probe.waitForFinished(10000);
        connected = probe.exitStatus() == QProcess::NormalExit && probe.exitCode() == 0;
        if (!connected)
            QTest::qWait(100);
    }
    window.terminate();
    if (!window.waitForFinished(10000))
        window.kill();
    window.waitForFinished(5000);
    QVERIFY2(connected, window.readAllStandardError().constData());
}

void TestGuiNetwork::aClientWaitsForAWindowNobodySteps()
{
    // Ports the kernel picks, on this machine's loopback: no namespace needed.
    auto w = openWindow(QStringLiteral("select-echo"), false);
    auto *pane = child<gui::ClassPane>(w.get(), "class");
    const QList<gui::ClientCommand> commands = pane->launcher()->commandsFor(
        *sessionOf(w.get())->lesson(), sessionOf(w.get())->listeners());
    const auto python = std::find_if(commands.begin(), commands.end(), [](const auto &c) {
        return c.kind == QLatin1String("python3");
    });
    QVERIFY(python != commands.end());
    QVERIFY2(python->args.contains(QStringLiteral("--wait")),
             qPrintable(python->args.join(QLatin1Char(' '))));
    QProcess client;
    client.start(kPython, python->args);
    QVERIFY(client.waitForStarted(10000));
    // Longer than the 5 s timeout a client has without --wait: nobody steps meanwhile.
    QTest::qWait(6500);
    QCOMPARE(client.state(), QProcess::Running);
    QVERIFY(stepUntilFinished(w.get(), client));
    const QString out = QString::fromUtf8(client.readAllStandardOutput());
    const QString err = QString::fromUtf8(client.readAllStandardError());
    QVERIFY2(client.exitCode() == 0 && !err.contains(QStringLiteral("Traceback")),
             qPrintable(out + err));
    QCOMPARE(err.count(kWaitNotice), 1);
    // The client's own output is what it prints without --wait.
    QVERIFY2(out.startsWith(QStringLiteral("greeting: 你好\n")), qPrintable(out));
}

void TestGuiNetwork::helpPagesOpenInBothLanguages_data()
{
    QTest::addColumn<QString>("lang");
    QTest::addColumn<QString>("action");
    QTest::addColumn<QString>("page");
    for (const QString &lang : {QStringLiteral("en"), QStringLiteral("zh")}) {
        QTest::newRow(qPrintable(lang + QStringLiteral(" shortcuts")))
            << lang << QStringLiteral("helpShortcuts") << QStringLiteral("shortcutsHelp");
        QTest::newRow(qPrintable(lang + QStringLiteral(" tick")))
            << lang << QStringLiteral("helpTick") << QStringLiteral("tickHelp");
        QTest::newRow(qPrintable(lang + QStringLiteral(" connect")))
            << lang << QStringLiteral("helpConnect") << QStringLiteral("connectHelp");
    }
}

void TestGuiNetwork::helpPagesOpenInBothLanguages()
{
    QFETCH(QString, lang);
    QFETCH(QString, action);
    QFETCH(QString, page);
    auto w = openWindow(QStringLiteral("select-echo"), false, lang);
    w->findChild<QAction *>(action)->trigger();
    auto *dialog = w->findChild<QDialog *>(page);
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    const QString text =
        dialog->findChild<QTextBrowser *>(QStringLiteral("helpText"))->toPlainText();
    // Chinese pages are written in Chinese, not left in English.
    static const QRegularExpression han(QStringLiteral("\\p{Han}"));
    QCOMPARE(han.match(dialog->windowTitle() + text).hasMatch(), lang == QLatin1String("zh"));
    if (page == QLatin1String("shortcutsHelp")) {
        QVERIFY2(text.contains(QStringLiteral("F10")), qPrintable(text));
    } else if (page == QLatin1String("tickHelp")) {
        QVERIFY(text.contains(QStringLiteral("rlist")));
        QVERIFY(dialog->findChild<QWidget *>(QStringLiteral("chipLegend")));
    } else {
        const quint16 port = sessionOf(w.get())->listeners().value(0).port;
        QVERIFY2(text.contains(QStringLiteral("nc 127.0.0.1 %1").arg(port)), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("--host 127.0.0.1 --port %1 --wait").arg(port)),
                 qPrintable(text));
    }
}

QTEST_MAIN(TestGuiNetwork)
#include "tst_gui_network.moc"
