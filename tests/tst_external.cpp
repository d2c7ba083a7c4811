// Real external clients against the GUI's embedded server: nc, a lesson's Python
// client and `muxlab --client`, each a separate process on a real loopback connection. The
// window runs offscreen; the server is stepped one tick at a time, as a class would see it.
// Every wait is bounded (QTRY_*, or a deadline); nothing asserts on how long anything took.

#include "gui/ClassPane.h"
#include "gui/ConnectDialog.h"
#include "gui/ConnectedModel.h"
#include "gui/ExternalWatch.h"
#include "gui/Launcher.h"
#include "gui/MainWindow.h"
#include "gui/NarrationPane.h"
#include "gui/Session.h"
#include "gui/SocketsModel.h"

#include <QAbstractItemModelTester>
#include <QCryptographicHash>
#include <QLabel>
#include <QProcess>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtTest>

#include <functional>
#include <memory>

using gui::MainWindow;
using gui::SocketsModel;

class TestExternal : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanup();
    void externalClientsAreNamedAndAnswered_data();
    void externalClientsAreNamedAndAnswered();
    void waitingBytesShowBeforeTheTick();
    void unfinishedFrameShowsItsDeadline();
    void outsideClientExplainsAFailedCheckpoint();
    void framedUploadOfOneMebibyte();
    void windowClientUploadsToo();
    void connectFallsBackToOwnClientWindow();
    void ownClientSpeaksTheWindowsLanguage();
    void terminalArgsPerEmulator_data();
    void terminalArgsPerEmulator();
    void launchRunsTheCommandInTheTerminalFound();
    void limitRefusesPolitely();
    void freezeRunsNoTick();
    void clientUsageErrors_data();
    void clientUsageErrors();
    void terminalClientEscapesWhatIsNotText();
    void clientThatCannotConnectSaysSo();

private:
    std::unique_ptr<MainWindow> window(const QString &lesson);
    QProcess *start(const QString &program, const QStringList &args);
    /// Steps the server until `done` holds or 60 s pass; true when it held. The bound is for a
    /// loaded machine, where a client process (a whole Qt program for `muxlab --client`) can
    /// take tens of seconds to start and connect.
    bool stepUntil(gui::Session *s, const std::function<bool()> &done);
    /// The sockets table's row of the external conn whose label contains `who`, or -1.
    static int externalRow(const SocketsModel *m, const QString &who);
    quint16 port(gui::Session *s) const
    {
        return s->run()->engine().server().listenAddresses().value(0).port;
    }

    std::vector<std::unique_ptr<QProcess>> m_procs;
};

void TestExternal::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    if (QStandardPaths::findExecutable(QStringLiteral("nc")).isEmpty() ||
        QStandardPaths::findExecutable(QStringLiteral("python3")).isEmpty())
        QSKIP("nc and python3 are needed (.ci/setup installs them)");
}

void TestExternal::cleanup()
{
    for (auto &p : m_procs)
        if (p->state() != QProcess::NotRunning) {
            p->kill();
            p->waitForFinished(5000);
        }
    m_procs.clear();
}

std::unique_ptr<MainWindow> TestExternal::window(const QString &lesson)
{
    MainWindow::Config c;
    c.lesson = lesson;
    c.lang = QStringLiteral("en");
    c.useLessonPorts = false; // suites run side by side: the kernel picks the ports
    c.useSettings = false;
    auto w = std::make_unique<MainWindow>(c);
    w->resize(1366, 768);
    w->show();
    return w;
}

QProcess *TestExternal::start(const QString &program, const QStringList &args)
{
    auto p = std::make_unique<QProcess>();
    p->start(program, args);
    m_procs.push_back(std::move(p));
    return m_procs.back().get();
}

bool TestExternal::stepUntil(gui::Session *s, const std::function<bool()> &done)
{
    QDeadlineTimer deadline(60000);
    while (!deadline.hasExpired()) {
        if (done())
            return true;
        s->stepForward();
        // Let the client processes run and the window take in the tick.
        QTest::qWait(2);
    }
    return done();
}

int TestExternal::externalRow(const SocketsModel *m, const QString &who)
{
    for (int r = 0; r < m->rowCount(); ++r) {
        const QModelIndex i = m->index(r, SocketsModel::LabelColumn);
        if (i.data(SocketsModel::SocketRoleRole).toInt() == int(mux::Role::External) &&
            i.data().toString().contains(who))
            return r;
    }
    return -1;
}

void TestExternal::externalClientsAreNamedAndAnswered_data()
{
    QTest::addColumn<QString>("program");
    QTest::addColumn<QStringList>("args"); // %PORT% is replaced by the server's port
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("named");    // in the socket's label
    QTest::addColumn<QByteArray>("reply"); // on the client's stdout

    const QString p = QStringLiteral("%PORT%");
    QTest::newRow("nc") << QStringLiteral("nc") << QStringList{QStringLiteral("127.0.0.1"), p}
                        << QByteArray("hello\n") << QStringLiteral("(nc)")
                        << QByteArray("hello\n好");
    QTest::newRow("python3") << QStringLiteral("python3")
                             << QStringList{QStringLiteral(
                                                MUXLAB_SOURCE_DIR
                                                "/lessons/000-select-socket/echo_client.py"),
                                            QStringLiteral("--port"), p}
                             << QByteArray() << QStringLiteral("(python3 echo_client.py)")
                             << QByteArray("sent 'select', got 'select好'");
    QTest::newRow("muxlab --client")
        << QStringLiteral(MUXLAB_BINARY)
        << QStringList{QStringLiteral("--client"), QStringLiteral("--no-window"),
                       QStringLiteral("--port"), p}
        << QByteArray("hello\n") << QStringLiteral("(muxlab)") << QByteArray("hello\n好");
}

void TestExternal::externalClientsAreNamedAndAnswered()
{
    QFETCH(QString, program);
    QFETCH(QStringList, args);
    QFETCH(QByteArray, input);
    QFETCH(QString, named);
    QFETCH(QByteArray, reply);

    auto w = window(QStringLiteral("select-echo"));
    QAbstractItemModelTester tester(qobject_cast<gui::SocketsModel *>(
        w->findChild<QTableView *>(QStringLiteral("sockets"))->model()));
    gui::Session *s = w->findChild<gui::Session *>(QStringLiteral("session"));
    QVERIFY(s->hasEngine());
    args.replaceInStrings(QStringLiteral("%PORT%"), QString::number(port(s)));
    QProcess *client = start(program, args);
    QVERIFY2(client->waitForStarted(5000), qPrintable(client->errorString()));

    // Accepted, and labelled with the program the kernel says is at the other end.
    QVERIFY2(stepUntil(
                 s,
                 [&] {
                     return externalRow(
                                qobject_cast<gui::SocketsModel *>(
                                    w->findChild<QTableView *>(QStringLiteral("sockets"))->model()),
                                named) >= 0;
                 }),
             qPrintable(QStringLiteral("no external socket labelled %1").arg(named)));
    QCOMPARE(w->findChild<gui::ClassPane *>(QStringLiteral("class"))->model()->rowCount() >= 0,
             true);
    QTRY_VERIFY_WITH_TIMEOUT(
        w->findChild<gui::ClassPane *>(QStringLiteral("class"))
                ->model()
                ->match(
                    w->findChild<gui::ClassPane *>(QStringLiteral("class"))->model()->index(0, 0),
                    Qt::DisplayRole, named.mid(1).chopped(1), 1, Qt::MatchExactly)
                .size() == 1,
        5000);

    if (!input.isEmpty())
        client->write(input);
    QByteArray out;
    QVERIFY2(stepUntil(s,
                       [&] {
                           out += client->readAllStandardOutput();
                           return out.contains(reply);
                       }),
             out.constData());
    QVERIFY2(out.contains("你好"), out.constData()); // the lesson's greeting came first
    if (program == QLatin1String("python3"))
        QVERIFY(stepUntil(s, [&] { return client->state() == QProcess::NotRunning; }) &&
                client->exitCode() == 0);
}

void TestExternal::waitingBytesShowBeforeTheTick()
{
    auto w = window(QStringLiteral("select-echo"));
    gui::Session *s = w->findChild<gui::Session *>(QStringLiteral("session"));
    QProcess *nc =
        start(QStringLiteral("nc"), {QStringLiteral("127.0.0.1"), QString::number(port(s))});
    QVERIFY(nc->waitForStarted(5000));
    int row = -1;
    QVERIFY(stepUntil(s, [&] {
        return (row =
                    externalRow(qobject_cast<gui::SocketsModel *>(
                                    w->findChild<QTableView *>(QStringLiteral("sockets"))->model()),
                                QStringLiteral("(nc)"))) >= 0;
    }));
    const quint32 before = s->trace()->last().tick;

    nc->write("twelve bytes");
    // No tick runs: the bytes wait in the kernel, and the table says so.
    const QModelIndex queue = qobject_cast<gui::SocketsModel *>(
                                  w->findChild<QTableView *>(QStringLiteral("sockets"))->model())
                                  ->index(row, SocketsModel::QueueColumn);
    QTRY_COMPARE_WITH_TIMEOUT(queue.data(SocketsModel::WaitingRole).toInt(), 12, 5000);
    QVERIFY2(queue.data().toString().contains(QStringLiteral("12 bytes waiting")),
             qPrintable(queue.data().toString()));
    QCOMPARE(s->trace()->last().tick, before);

    // The next tick reads them, and nothing is left waiting.
    s->stepForward();
    QTRY_COMPARE_WITH_TIMEOUT(qobject_cast<gui::SocketsModel *>(
                                  w->findChild<QTableView *>(QStringLiteral("sockets"))->model())
                                  ->index(row, SocketsModel::QueueColumn)
                                  .data(SocketsModel::WaitingRole)
                                  .toInt(),
                              0, 5000);
    bool received = false;
    for (const mux::Action &a : s->trace()->last().actions)
        received = received || (a.call == mux::Action::Call::Recv && a.data == "twelve bytes");
    QVERIFY(received);
}

void TestExternal::unfinishedFrameShowsItsDeadline()
{
    auto w = window(QStringLiteral("length-prefix"));
    gui::Session *s = w->findChild<gui::Session *>(QStringLiteral("session"));
    QProcess *nc =
        start(QStringLiteral("nc"), {QStringLiteral("127.0.0.1"), QString::number(port(s))});
    QVERIFY(nc->waitForStarted(5000));
    int row = -1;
    QVERIFY(stepUntil(s, [&] {
        return (row =
                    externalRow(qobject_cast<gui::SocketsModel *>(
                                    w->findChild<QTableView *>(QStringLiteral("sockets"))->model()),
                                QStringLiteral("(nc)"))) >= 0;
    }));
    QCOMPARE(qobject_cast<gui::SocketsModel *>(
                 w->findChild<QTableView *>(QStringLiteral("sockets"))->model())
                 ->index(row, 0)
                 .data(SocketsModel::DeadlineRole)
                 .toString(),
             QString());

    // Two bytes of a four-byte length header: a frame begun and not finished holds a slot,
    // and the table says how long it has.
    nc->write("he");
    QTRY_COMPARE_WITH_TIMEOUT(qobject_cast<gui::SocketsModel *>(
                                  w->findChild<QTableView *>(QStringLiteral("sockets"))->model())
                                  ->index(row, 0)
                                  .data(SocketsModel::WaitingRole)
                                  .toInt(),
                              2, 5000);
    s->stepForward();
    // The step may open and close sockets of the lesson's own clients: find nc's row again.
    auto state = [&] {
        return qobject_cast<gui::SocketsModel *>(
                   w->findChild<QTableView *>(QStringLiteral("sockets"))->model())
            ->index(externalRow(qobject_cast<gui::SocketsModel *>(
                                    w->findChild<QTableView *>(QStringLiteral("sockets"))->model()),
                                QStringLiteral("(nc)")),
                    SocketsModel::StateColumn);
    };
    QTRY_VERIFY_WITH_TIMEOUT(state()
                                 .data(SocketsModel::DeadlineRole)
                                 .toString()
                                 .contains(QStringLiteral("s left to finish")),
                             5000);
    QVERIFY2(state().data().toString().contains(QStringLiteral("no whole frame")),
             qPrintable(state().data().toString()));
    // The reason comes from core, marked for translation: in Chinese it is Chinese too (the
    // client itself is told in English, the language of the wire).
    w->setLanguage(QStringLiteral("zh"));
    QTRY_VERIFY_WITH_TIMEOUT(
        state().data(SocketsModel::DeadlineRole).toString().contains(QStringLiteral("完整的一帧")),
        5000);
    QVERIFY2(!state().data(SocketsModel::DeadlineRole).toString().contains(QStringLiteral("frame")),
             qPrintable(state().data(SocketsModel::DeadlineRole).toString()));
    w->setLanguage(QStringLiteral("en"));
}

void TestExternal::outsideClientExplainsAFailedCheckpoint()
{
    // A student's nc joins the lesson at its start and talks: the ready lists are no longer the
    // script's, a checkpoint fails, and the lesson pane says why instead of looking broken.
    auto w = window(QStringLiteral("select-echo"));
    gui::Session *s = w->findChild<gui::Session *>(QStringLiteral("session"));
    QProcess *nc =
        start(QStringLiteral("nc"), {QStringLiteral("127.0.0.1"), QString::number(port(s))});
    QVERIFY(nc->waitForStarted(5000));
    nc->write("from a student\n");
    bool failedAndSaidWhy = false;
    for (int i = 0; i < 12 && !failedAndSaidWhy; ++i) {
        s->stepForward();
        QTest::qWait(20);
        const QString checks = w->findChild<QLabel *>(QStringLiteral("narrationChecks"))->text();
        if (checks.contains(QStringLiteral("✗"))) {
            QVERIFY2(checks.contains(QStringLiteral("Outside clients are connected")),
                     qPrintable(checks));
            failedAndSaidWhy = true;
        }
    }
    QVERIFY(failedAndSaidWhy);
}

void TestExternal::framedUploadOfOneMebibyte()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QByteArray data(1024 * 1024, Qt::Uninitialized);
    QRandomGenerator gen(5);
    gen.fillRange(reinterpret_cast<quint32 *>(data.data()), data.size() / 4);
    const QString path = dir.filePath(QStringLiteral("big.bin"));
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        QCOMPARE(f.write(data), data.size());
    }

    // The GUI's own session, without the window: a thousand ticks of 1 KiB recvs each.
    gui::Session s;
    s.setUseLessonPorts(false);
    QVERIFY(s.openLesson(QStringLiteral("msg-and-file"), mux::Backend::Select));
    QProcess *client = start(QStringLiteral(MUXLAB_BINARY),
                             {QStringLiteral("--client"), QStringLiteral("--no-window"),
                              QStringLiteral("--framed"), QStringLiteral("--upload"), path,
                              QStringLiteral("--port"), QString::number(port(&s))});
    QVERIFY(client->waitForStarted(5000));
    client->closeWriteChannel(); // nothing typed: upload, say close, wait for the server to close
    QByteArray out, err;
    const bool ended = stepUntil(&s, [&] {
        out += client->readAllStandardOutput();
        err += client->readAllStandardError();
        return client->state() == QProcess::NotRunning;
    });
    out += client->readAllStandardOutput();
    err += client->readAllStandardError();
    QVERIFY2(ended, err.constData());
    QCOMPARE(client->exitCode(), 0);

    // The server prints what it saved, as the document's does, and sends nothing back.
    const QByteArray md5 = QCryptographicHash::hash(data, QCryptographicHash::Md5).toHex();
    bool printed = false;
    for (qsizetype i = 0; i < s.trace()->size(); ++i)
        for (const mux::Action &a : s.trace()->at(i).actions)
            printed =
                printed || (a.call == mux::Action::Call::Note &&
                            a.data == "file big.bin: 1048576 bytes saved as big.bin, md5 " + md5);
    QVERIFY(printed);
    QVERIFY2(out.isEmpty(), out.constData());
    QFile saved(QDir(s.run()->dataDir()).filePath(QStringLiteral("big.bin")));
    QVERIFY(saved.open(QIODevice::ReadOnly));
    QVERIFY(saved.readAll() == data);

    // Progress was reported along the way, not only at the end.
    QVERIFY2(err.contains("upload big.bin: 1048576/1048576 bytes (100%)"), err.constData());
    const QRegularExpression partial(
        QStringLiteral("upload big\\.bin: ([1-9][0-9]*)/1048576 bytes \\(([1-9][0-9]?)%\\)"));
    QVERIFY2(partial.match(QString::fromUtf8(err)).hasMatch(), err.constData());
}

void TestExternal::windowClientUploadsToo()
{
    // The same upload from muxlab's client window (offscreen): it sends what --upload names
    // once connected. The window never exits by itself, so what the server printed is read
    // from the trace and the file from the data directory.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QByteArray data(300 * 1024 + 7, Qt::Uninitialized);
    for (qsizetype i = 0; i < data.size(); ++i)
        data[i] = char((i * 31 + 7) % 251);
    const QString path = dir.filePath(QStringLiteral("from-window.bin"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly) && f.write(data) == data.size());
    f.close();

    gui::Session s;
    s.setUseLessonPorts(false);
    QVERIFY(s.openLesson(QStringLiteral("msg-and-file"), mux::Backend::Select));
    QProcess *client =
        start(QStringLiteral(MUXLAB_BINARY),
              {QStringLiteral("--client"), QStringLiteral("--framed"), QStringLiteral("--upload"),
               path, QStringLiteral("--port"), QString::number(port(&s))});
    QVERIFY(client->waitForStarted(5000));
    const QByteArray saved =
        "file from-window.bin: " + QByteArray::number(data.size()) + " bytes saved";
    QVERIFY(stepUntil(&s, [&] {
        for (const mux::Action &a : s.trace()->last().actions)
            if (a.call == mux::Action::Call::Note && a.data.startsWith(saved))
                return true;
        return false;
    }));
    QFile out(QDir(s.run()->dataDir()).filePath(QStringLiteral("from-window.bin")));
    QVERIFY(out.open(QIODevice::ReadOnly));
    QVERIFY(out.readAll() == data);
}

void TestExternal::connectFallsBackToOwnClientWindow()
{
    auto w = window(QStringLiteral("select-echo"));
    gui::Session *s = w->findChild<gui::Session *>(QStringLiteral("session"));
    QTemporaryDir empty; // PATH for the launcher: no terminal emulator in it
    QVERIFY(empty.isValid());
    gui::Launcher *launcher = w->findChild<gui::ClassPane *>(QStringLiteral("class"))->launcher();
    launcher->setSearchPaths({empty.path()});
    launcher->setMuxlabPath(QStringLiteral(MUXLAB_BINARY));
    QVERIFY(launcher->terminal().isEmpty());

    QAction *connectAction = w->findChild<QAction *>(QStringLiteral("connectClient"));
    QVERIFY(connectAction);
    connectAction->trigger();
    auto *dialog = w->findChild<gui::ConnectDialog *>(QStringLiteral("connectDialog"));
    QVERIFY(dialog);
    // The commands name this port, and the lesson's own client by its path.
    const QString portText = QString::number(port(s));
    QStringList kinds;
    for (const gui::ClientCommand &c : dialog->commands()) {
        kinds.append(c.kind);
        QVERIFY2(c.text().contains(portText), qPrintable(c.text()));
    }
    QCOMPARE(kinds, (QStringList{QStringLiteral("nc"), QStringLiteral("telnet"),
                                 QStringLiteral("python3"), QStringLiteral("muxlab")}));

    QSignalSpy launched(launcher, &gui::Launcher::launched);
    auto *launchNc = dialog->findChild<QPushButton *>(QStringLiteral("launch_nc"));
    QVERIFY(launchNc);
    launchNc->click();
    QCOMPARE(launched.size(), 1);
    QVERIFY(launched.at(0).at(0).toString().contains(QStringLiteral("own client window")));
    QProcess *p = launcher->findChild<QProcess *>();
    QVERIFY(p);
    QCOMPARE(p->program(), QStringLiteral(MUXLAB_BINARY));
    QVERIFY(p->waitForStarted(5000));

    // It works: it connects, is named muxlab, and the server's greeting reaches it.
    int row = -1;
    QVERIFY(stepUntil(s, [&] {
        return (row =
                    externalRow(qobject_cast<gui::SocketsModel *>(
                                    w->findChild<QTableView *>(QStringLiteral("sockets"))->model()),
                                QStringLiteral("(muxlab)"))) >= 0;
    }));
    const int fd = qobject_cast<gui::SocketsModel *>(
                       w->findChild<QTableView *>(QStringLiteral("sockets"))->model())
                       ->index(row, SocketsModel::FdColumn)
                       .data()
                       .toInt();
    QVERIFY(stepUntil(s, [&] {
        for (qsizetype i = 0; i < s->trace()->size(); ++i)
            for (const mux::Action &a : s->trace()->at(i).actions)
                if (a.call == mux::Action::Call::Send && a.fd == fd && a.ret > 0)
                    return true;
        return false;
    }));
    // The greeting left the server and the client read it: nothing waits in its send queue.
    QTRY_COMPARE_WITH_TIMEOUT(w->findChild<gui::ExternalWatch *>()->now().value(fd).unsent, 0,
                              5000);
    p->kill();
    p->waitForFinished(5000);
}

void TestExternal::ownClientSpeaksTheWindowsLanguage()
{
    auto w = window(QStringLiteral("select-echo"));
    gui::Launcher *launcher = w->findChild<gui::ClassPane *>(QStringLiteral("class"))->launcher();
    const QList<mux::net::Endpoint> listeners{
        {QStringLiteral("127.0.0.1"),
         port(w->findChild<gui::Session *>(QStringLiteral("session")))}};
    auto ownArgs = [&] {
        return launcher
            ->commandsFor(*w->findChild<gui::Session *>(QStringLiteral("session"))->lesson(),
                          listeners)
            .last()
            .args;
    };
    QVERIFY(!ownArgs().contains(QStringLiteral("--lang")));
    w->setLanguage(QStringLiteral("zh"));
    QCOMPARE(w->language(), QStringLiteral("zh"));
    const QStringList zh = ownArgs();
    const qsizetype lang = zh.indexOf(QStringLiteral("--lang"));
    QVERIFY2(lang >= 0 && zh.value(lang + 1) == QStringLiteral("zh"),
             qPrintable(zh.join(QLatin1Char(' '))));
    w->setLanguage(QStringLiteral("en"));
    QVERIFY(!ownArgs().contains(QStringLiteral("--lang")));
}

void TestExternal::terminalArgsPerEmulator_data()
{
    QTest::addColumn<QString>("terminal");
    QTest::addColumn<QStringList>("head"); // what comes before the command itself
    QTest::newRow("x-terminal-emulator")
        << QStringLiteral("/usr/bin/x-terminal-emulator") << QStringList{QStringLiteral("-e")};
    QTest::newRow("konsole") << QStringLiteral("/usr/bin/konsole")
                             << QStringList{QStringLiteral("-e")};
    QTest::newRow("gnome-terminal")
        << QStringLiteral("/usr/bin/gnome-terminal")
        << QStringList{QStringLiteral("--title"), QStringLiteral("muxlab — nc :9991"),
                       QStringLiteral("--")};
    QTest::newRow("xfce4-terminal")
        << QStringLiteral("/usr/bin/xfce4-terminal")
        << QStringList{QStringLiteral("--title"), QStringLiteral("muxlab — nc :9991"),
                       QStringLiteral("-x")};
    QTest::newRow("xterm") << QStringLiteral("/usr/bin/xterm")
                           << QStringList{QStringLiteral("-T"), QStringLiteral("muxlab — nc :9991"),
                                          QStringLiteral("-e")};
}

void TestExternal::terminalArgsPerEmulator()
{
    QFETCH(QString, terminal);
    QFETCH(QStringList, head);
    // A path with a space and a quote stays one argument: no shell ever parses it.
    const gui::ClientCommand nc{QStringLiteral("nc"),
                                QStringLiteral("nc"),
                                {QStringLiteral("127.0.0.1"), QStringLiteral("9991")},
                                {QStringLiteral("127.0.0.1"), 9991}};
    const QStringList expected =
        head +
        QStringList{QStringLiteral("nc"), QStringLiteral("127.0.0.1"), QStringLiteral("9991")};
    QCOMPARE(gui::Launcher::terminalArgs(terminal, nc), expected);
    const gui::ClientCommand py{QStringLiteral("python3"),
                                QStringLiteral("python3"),
                                {QStringLiteral("/tmp/it's here/client.py")},
                                {QStringLiteral("127.0.0.1"), 9991}};
    QCOMPARE(gui::Launcher::terminalArgs(terminal, py).last(),
             QStringLiteral("/tmp/it's here/client.py"));
    QCOMPARE(py.text(), QStringLiteral("python3 '/tmp/it'\\''s here/client.py'"));
}

void TestExternal::launchRunsTheCommandInTheTerminalFound()
{
    // The only terminal on the launcher's path is a stand-in "xterm" that runs what follows
    // its -e, as xterm does, without a display of its own: the arguments the launcher built
    // must make a real nc that reaches the server.
    QTemporaryDir bin;
    QVERIFY(bin.isValid());
    QFile xterm(bin.filePath(QStringLiteral("xterm")));
    QVERIFY(xterm.open(QIODevice::WriteOnly));
    xterm.write("#!/bin/sh\nwhile [ \"$1\" != -e ]; do shift; done\nshift\nexec \"$@\"\n");
    xterm.close();
    xterm.setPermissions(xterm.permissions() | QFileDevice::ExeOwner);

    auto w = window(QStringLiteral("select-echo"));
    gui::Session *s = w->findChild<gui::Session *>(QStringLiteral("session"));
    gui::Launcher *launcher = w->findChild<gui::ClassPane *>(QStringLiteral("class"))->launcher();
    launcher->setSearchPaths({bin.path()});
    QCOMPARE(launcher->terminal(), xterm.fileName());
    gui::ConnectDialog *dialog =
        w->findChild<gui::ClassPane *>(QStringLiteral("class"))->openConnectDialog();
    QVERIFY(dialog);
    // nc is not on the launcher's path, but the stand-in finds it on the real one.
    dialog->findChild<QPushButton *>(QStringLiteral("launch_nc"))->click();
    QProcess *p = launcher->findChild<QProcess *>();
    QVERIFY(p);
    QCOMPARE(p->program(), xterm.fileName());
    QVERIFY(p->waitForStarted(5000));
    QVERIFY(stepUntil(s, [&] {
        return externalRow(qobject_cast<gui::SocketsModel *>(
                               w->findChild<QTableView *>(QStringLiteral("sockets"))->model()),
                           QStringLiteral("(nc)")) >= 0;
    }));
    p->kill();
    p->waitForFinished(5000);
}

void TestExternal::limitRefusesPolitely()
{
    gui::Session s;
    s.setUseLessonPorts(false);
    QVERIFY(s.openLesson(QStringLiteral("select-echo"), mux::Backend::Select));
    s.setExternalLimit(1);
    const QStringList args{QStringLiteral("127.0.0.1"), QString::number(port(&s))};
    QProcess *first = start(QStringLiteral("nc"), args);
    QVERIFY(first->waitForStarted(5000));
    QVERIFY(stepUntil(&s, [&] { return s.run()->engine().server().externalOpen() == 1; }));
    QProcess *second = start(QStringLiteral("nc"), args);
    QVERIFY(second->waitForStarted(5000));
    QByteArray heard;
    QVERIFY(stepUntil(&s, [&] {
        heard += second->readAllStandardOutput();
        return heard.contains("the class is full");
    }));
    // Let go: the server closed its end (nc leaves when its own input ends too).
    QCOMPARE(s.run()->engine().server().externalOpen(), 1);
    bool refused = false;
    for (qsizetype i = 0; i < s.trace()->size(); ++i)
        for (const mux::Action &a : s.trace()->at(i).actions)
            refused = refused || a.call == mux::Action::Call::Refuse;
    QVERIFY(refused);
    second->closeWriteChannel();
    QVERIFY(stepUntil(&s, [&] { return second->state() == QProcess::NotRunning; }));
    QCOMPARE(first->state(), QProcess::Running); // the first is still served
}

void TestExternal::freezeRunsNoTick()
{
    gui::Session s;
    s.setUseLessonPorts(false);
    QVERIFY(s.openLesson(QStringLiteral("select-echo"), mux::Backend::Select));
    s.stepForward();
    const qsizetype ticks = s.trace()->size();
    QSignalSpy frozen(&s, &gui::Session::frozenChanged);
    QSignalSpy notices(&s, &gui::Session::noticeRaised);
    s.setFrozen(true);
    QCOMPARE(frozen.size(), 1);
    s.stepForward();
    QCOMPARE(s.trace()->size(), ticks);
    QCOMPARE(notices.size(), 1);
    s.setFrozen(false);
    s.stepForward();
    QCOMPARE(s.trace()->size(), ticks + 1);
}

void TestExternal::clientUsageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("says");
    QTest::newRow("no port") << QStringList{QStringLiteral("--client")}
                             << QStringLiteral("needs --port");
    QTest::newRow("upload unframed")
        << QStringList{QStringLiteral("--client"), QStringLiteral("--port"), QStringLiteral("9"),
                       QStringLiteral("--upload"), QStringLiteral("x")}
        << QStringLiteral("--upload needs --framed");
    QTest::newRow("port 0") << QStringList{QStringLiteral("--client"), QStringLiteral("--port"),
                                           QStringLiteral("0")}
                            << QStringLiteral("--port must be");
    QTest::newRow("two modes") << QStringList{QStringLiteral("--client"), QStringLiteral("--serve"),
                                              QStringLiteral("--port"), QStringLiteral("9")}
                               << QStringLiteral("cannot be combined");
}

void TestExternal::clientUsageErrors()
{
    QFETCH(QStringList, args);
    QFETCH(QString, says);
    QProcess *p = start(QStringLiteral(MUXLAB_BINARY), args << QStringLiteral("--no-window"));
    QVERIFY(p->waitForFinished(10000));
    QCOMPARE(p->exitCode(), 2);
    const QString err = QString::fromUtf8(p->readAllStandardError());
    QVERIFY2(err.contains(says), qPrintable(err));
    QCOMPARE(err.count(QLatin1Char('\n')), 1); // one sentence
}

void TestExternal::terminalClientEscapesWhatIsNotText()
{
    // A server of our own that says four things a terminal cannot show as they are.
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost));
    QProcess *p = start(QStringLiteral(MUXLAB_BINARY),
                        {QStringLiteral("--client"), QStringLiteral("--no-window"),
                         QStringLiteral("--port"), QString::number(server.serverPort())});
    QVERIFY(server.waitForNewConnection(10000));
    QTcpSocket *conn = server.nextPendingConnection();
    // NUL, an invalid byte, 你 split across two writes, a bell, then a newline.
    conn->write(QByteArray("a\0b\xff\xe4\xbd", 6));
    QVERIFY(conn->waitForBytesWritten(5000));
    QTest::qWait(50); // two segments: the client most likely reads the character in two pieces
    conn->write(QByteArray("\xa0\x07\n", 3));
    QVERIFY(conn->waitForBytesWritten(5000));
    conn->disconnectFromHost();
    p->closeWriteChannel();
    QVERIFY(p->waitForFinished(10000));
    QCOMPARE(p->exitCode(), 0);
    QCOMPARE(QString::fromUtf8(p->readAllStandardOutput()),
             QStringLiteral("a\\x00b\\xff你\\x07\n"));
}

void TestExternal::clientThatCannotConnectSaysSo()
{
    quint16 closedPort = 0;
    {
        QTcpServer s; // a port that was free a moment ago, and nobody listens on now
        QVERIFY(s.listen(QHostAddress::LocalHost));
        closedPort = s.serverPort();
    }
    QProcess *p = start(QStringLiteral(MUXLAB_BINARY),
                        {QStringLiteral("--client"), QStringLiteral("--no-window"),
                         QStringLiteral("--port"), QString::number(closedPort)});
    QVERIFY(p->waitForFinished(10000));
    QCOMPARE(p->exitCode(), 1);
    const QString err = QString::fromUtf8(p->readAllStandardError());
    QVERIFY2(err.startsWith(
                 QStringLiteral("muxlab: Could not connect to 127.0.0.1:%1: ").arg(closedPort)),
             qPrintable(err));
    QCOMPARE(err.count(QLatin1Char('\n')), 1);
}

QTEST_MAIN(TestExternal)
#include "tst_external.moc"
