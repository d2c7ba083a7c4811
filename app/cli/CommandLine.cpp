#include "CommandLine.h"

#include "HtmlCommand.h"
#include "lesson/LessonFiles.h"

#include "lesson/LessonRun.h"
#include "programs/ProgramFactory.h"
#include "trace/TickFormat.h"

#include <QCoreApplication>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <thread>

#include <unistd.h>

namespace cli {

namespace {

void outUtf8(const std::string &line, bool flush = true)
{
    std::fwrite(line.data(), 1, line.size(), stdout);
    std::fputc('\n', stdout);
    if (flush)
        std::fflush(stdout);
}

void out(const QString &line, bool flush = true)
{
    outUtf8(line.toStdString(), flush);
}

void err(const QString &line)
{
    std::fputs((QStringLiteral("muxlab: ") + line).toUtf8().constData(), stderr);
    std::fputc('\n', stderr);
}

std::atomic<bool> g_stop{false};

void onStopSignal(int)
{
    g_stop.store(true);
}

} // namespace

bool wantsTerminal(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i) {
        const QByteArray a(argv[i]);
        if (a == "--") // what follows is a traced program's own command line
            break;
        if (a == "--headless" || a == "--serve" || a == "--list-lessons" || a == "--help" ||
            a == "-h" || a == "--version" || a == "-v" || a == "--help-all" || a == "--no-window" ||
            a == "--html" || a == "--client-script")
            return true;
    }
    return false;
}

bool parse(QCommandLineParser &p, const QStringList &args, Options &o, QString &error)
{
    p.setApplicationDescription(QStringLiteral(
        "muxlab: a playground that teaches I/O multiplexing (select, poll, epoll) on real "
        "sockets.\nWith no option it opens the window."));
    p.addHelpOption();
    p.addVersionOption();
    const QCommandLineOption list(QStringLiteral("list-lessons"),
                                  QStringLiteral("List every lesson: <id><TAB><title>."));
    const QCommandLineOption headless(
        QStringLiteral("headless"), QStringLiteral("Run a lesson's script to its end, one line per "
                                                   "tick; exit 0 iff every checkpoint held."));
    const QCommandLineOption serve(
        QStringLiteral("serve"),
        QStringLiteral("Run the lesson's server for real external clients (nc, telnet, python3)."));
    const QCommandLineOption lesson(QStringLiteral("lesson"), QStringLiteral("The lesson to run."),
                                    QStringLiteral("ID"));
    const QCommandLineOption backend(
        QStringLiteral("backend"),
        QStringLiteral("select, poll, epoll or epoll-et (default: the lesson's first)."),
        QStringLiteral("B"));
    const QCommandLineOption lang(QStringLiteral("lang"), QStringLiteral("zh or en (default: en)."),
                                  QStringLiteral("zh|en"), QStringLiteral("en"));
    const QCommandLineOption trace(QStringLiteral("trace"),
                                   QStringLiteral("Write the recorded ticks as JSON to FILE."),
                                   QStringLiteral("FILE"));
    const QCommandLineOption port(
        QStringLiteral("port"),
        QStringLiteral("First port to listen on (a lesson with several listeners uses P, P+1…)."),
        QStringLiteral("P"));
    const QCommandLineOption bind(
        QStringLiteral("bind"),
        QStringLiteral("Address the lesson listens on, in the window or with --serve "
                       "(default 127.0.0.1)."),
        QStringLiteral("ADDR"), QStringLiteral("127.0.0.1"));
    const QCommandLineOption dataDir(QStringLiteral("data-dir"),
                                     QStringLiteral("Where uploaded files land (file lessons)."),
                                     QStringLiteral("DIR"));
    // muxlab's own client (app/client/)
    const QCommandLineOption client(QStringLiteral("client"),
                                    QStringLiteral("Connect to a server as a client: stdin to it, "
                                                   "its bytes to stdout, or a small window."));
    const QCommandLineOption host(
        QStringLiteral("host"),
        QStringLiteral("The server's address for --client (default 127.0.0.1)."),
        QStringLiteral("H"), QStringLiteral("127.0.0.1"));
    const QCommandLineOption framed(
        QStringLiteral("framed"),
        QStringLiteral(
            "Speak the framed message/file protocol (msg-and-file, file-upload lessons)."));
    const QCommandLineOption upload(QStringLiteral("upload"),
                                    QStringLiteral("With --framed: send FILE (may be repeated)."),
                                    QStringLiteral("FILE"));
    const QCommandLineOption noWindow(
        QStringLiteral("no-window"),
        QStringLiteral("With --client: stay in the terminal even when a display exists."));
    const QCommandLineOption clientScript(
        QStringLiteral("client-script"),
        QStringLiteral("Print the path of lesson ID's Python client (python3 \"$(muxlab "
                       "--client-script ID)\")."),
        QStringLiteral("ID"));
    const QCommandLineOption server(
        QStringLiteral("server"),
        QStringLiteral("With --headless or in the window: builtin (muxlab's server, the default) "
                       "or python (the lesson's own Python program, traced)."),
        QStringLiteral("builtin|python"), QStringLiteral("builtin"));
    p.addOptions({list, headless, serve, lesson, backend, lang, trace, port, bind, dataDir, client,
                  host, framed, upload, noWindow, clientScript, server});
    addHtmlOptions(p);
    addExecOptions(p);
    // --pace is registered with --exec's options (it paces a traced program too).
    const QString pace = QStringLiteral("pace");

    if (!p.parse(args)) {
        error = p.errorText();
        return false;
    }
    if (p.isSet(QStringLiteral("help")) || p.isSet(QStringLiteral("help-all")))
        p.showHelp(0);
    if (p.isSet(QStringLiteral("version")))
        p.showVersion();
    if (p.isSet(QStringLiteral("exec")))
        return parseExec(p, o, error);

    const int modes =
        int(p.isSet(list)) + int(p.isSet(headless)) + int(p.isSet(serve)) + int(p.isSet(client));
    if (modes > 1) {
        error =
            QStringLiteral("--list-lessons, --headless, --serve and --client cannot be combined.");
        return false;
    }
    o.mode = p.isSet(list)       ? Mode::ListLessons
             : p.isSet(headless) ? Mode::Headless
             : p.isSet(serve)    ? Mode::Serve
             : p.isSet(client)   ? Mode::Client
                                 : Mode::Gui;
    if (!readHtmlOptions(p, o, error))
        return false;
    // --client-script only prints a path: it goes with no other mode.
    if (p.isSet(clientScript)) {
        if (o.mode != Mode::Gui) {
            error = QStringLiteral("--client-script cannot be combined with another mode.");
            return false;
        }
        o.mode = Mode::ClientScript;
    }
    o.host = p.value(host);
    o.framed = p.isSet(framed);
    o.uploads = p.values(upload);
    o.noWindow = p.isSet(noWindow);
    if (o.mode == Mode::Client && !p.isSet(port)) {
        error = QStringLiteral("--client needs --port P, the port the server listens on.");
        return false;
    }
    if (!o.uploads.isEmpty() && !o.framed) {
        error = QStringLiteral(
            "--upload needs --framed: a file is sent with the message/file protocol.");
        return false;
    }
    o.lesson = o.mode == Mode::ClientScript ? p.value(clientScript) : p.value(lesson);
    o.backend = p.value(backend);
    o.lang = p.value(lang);
    o.langGiven = p.isSet(lang);
    o.traceFile = p.value(trace);
    o.bind = p.value(bind);
    o.dataDir = p.value(dataDir);
    if ((o.mode == Mode::Headless || o.mode == Mode::Serve) && o.lesson.isEmpty()) {
        error = QStringLiteral("--%1 needs --lesson ID (see --list-lessons).")
                    .arg(o.mode == Mode::Headless ? QStringLiteral("headless")
                                                  : QStringLiteral("serve"));
        return false;
    }
    if (!o.backend.isEmpty() && !mux::backendFromName(o.backend)) {
        error = QStringLiteral("Unknown backend \"%1\": use select, poll, epoll or epoll-et.")
                    .arg(o.backend);
        return false;
    }
    if (o.lang != QLatin1String("zh") && o.lang != QLatin1String("en")) {
        error = QStringLiteral("Unknown language \"%1\": use zh or en.").arg(o.lang);
        return false;
    }
    if (p.isSet(pace)) {
        bool ok = false;
        o.paceMs = p.value(pace).toInt(&ok);
        if (!ok || o.paceMs < 0 || o.paceMs > 3600000) {
            error = QStringLiteral("--pace must be a number of milliseconds from 0 to 3600000, "
                                   "not \"%1\".")
                        .arg(p.value(pace));
            return false;
        }
        if (o.mode == Mode::Gui || o.mode == Mode::ListLessons || o.mode == Mode::Serve ||
            o.mode == Mode::Client) {
            error = QStringLiteral("--pace goes with --headless: it paces a lesson's script.");
            return false;
        }
    }
    if (p.isSet(server)) {
        const QString which = p.value(server);
        if (which != QLatin1String("builtin") && which != QLatin1String("python")) {
            error = QStringLiteral("Unknown server \"%1\": use builtin or python.").arg(which);
            return false;
        }
        o.pythonServer = which == QLatin1String("python");
        o.serverGiven = true;
        if (o.pythonServer && o.mode != Mode::Headless && o.mode != Mode::Gui) {
            error = QStringLiteral("--server python goes with --headless --lesson ID, or with "
                                   "the window.");
            return false;
        }
    }
    if (p.isSet(port)) {
        bool ok = false;
        o.port = p.value(port).toInt(&ok);
        if (!ok || o.port < 1 || o.port > 65535) {
            error = QStringLiteral("--port must be a number from 1 to 65535, not \"%1\".")
                        .arg(p.value(port));
            return false;
        }
    }
    return true;
}

mux::Backend backendFor(const Options &o, const mux::Lesson &lesson)
{
    if (const auto asked = mux::backendFromName(o.backend))
        return *asked;
    return lesson.backends.value(0, mux::Backend::Select);
}

int listLessons()
{
    QStringList problems;
    const QList<mux::Lesson> lessons = mux::loadLessons(&problems);
    for (const QString &p : problems)
        err(p);
    for (const mux::Lesson &l : lessons)
        out(l.id + QLatin1Char('\t') + l.title.en);
    return problems.isEmpty() ? 0 : 1;
}

int printClientScript(const Options &o)
{
    auto lesson = mux::findLesson(o.lesson);
    if (!lesson) {
        err(lesson.error().text);
        return 2;
    }
    if (lesson->clientScript.isEmpty()) {
        err(QStringLiteral("Lesson %1 has no Python client; nc or muxlab --client connect to it.")
                .arg(o.lesson));
        return 1;
    }
    const QString path = mux::lessonFile(lesson->clientScript);
    if (path.isEmpty()) {
        err(QStringLiteral("The lesson's client %1 is not installed: no share/muxlab/lessons "
                           "beside this muxlab (MUXLAB_LESSONS_DIR can point at a lessons folder).")
                .arg(lesson->clientScript));
        return 1;
    }
    out(path);
    return 0;
}

int runHeadless(const Options &o)
{
    auto lesson = mux::findLesson(o.lesson);
    if (!lesson) {
        err(lesson.error().text);
        return 2;
    }
    const mux::Backend backend = backendFor(o, *lesson);
    if (!lesson->backends.contains(backend)) {
        err(QStringLiteral("Lesson %1 does not run on %2.").arg(o.lesson, o.backend));
        return 2;
    }
    if (o.pythonServer)
        return runHeadlessPython(o, *lesson);
    mux::Engine::Options eo;
    eo.backend = backend;
    mux::LessonRun run(*lesson, eo);
    run.setDataDir(o.dataDir);
    if (auto r = run.start(); !r) {
        err(r.error().text);
        return 1;
    }
    out(QStringLiteral("# %1 — %2 (%3)")
            .arg(lesson->id, lesson->titleFor(backend, o.lang), mux::backendName(backend)));
    bool allOk = true;
    const mux::Trace &trace = run.engine().trace();
    const QStringList names = run.engine().clientNames();
    for (qsizetype i = 0; i < trace.size() || !run.finished(); ++i) {
        if (i >= trace.size()) {
            // A person stepping: the engine idles while real time passes, so the kernel's
            // timers (delayed ACKs, window updates, probes) run between ticks as in the window.
            if (o.paceMs > 0)
                std::this_thread::sleep_for(std::chrono::milliseconds(o.paceMs));
            run.step();
        }
        for (const mux::SocketInfo &s : trace.at(i).extrasOrEmpty().opened)
            out(QStringLiteral("  + fd %1 = %2 (%3)").arg(s.fd).arg(s.label, s.name));
        out(mux::format::tickLine(trace, i, names));
        if (const mux::LessonStep *step =
                trace.at(i).tick ? lesson->stepAt(trace.at(i).tick) : nullptr) {
            out(QStringLiteral("    %1%2")
                    .arg(step->correction ? QStringLiteral("[correction] ") : QString(),
                         step->sayFor(backend, o.lang)));
            for (const mux::CheckResult &c : run.checkStep(*step)) {
                allOk = allOk && c.ok;
                out(QStringLiteral("    %1 %2%3")
                        .arg(c.ok ? QStringLiteral("ok  ") : QStringLiteral("FAIL"), c.what,
                             c.ok ? QString() : QStringLiteral(": ") + c.detail));
            }
        }
    }
    if (!o.traceFile.isEmpty())
        if (auto r = trace.save(o.traceFile); !r) {
            err(r.error().text);
            return 1;
        }
    if (!o.htmlFile.isEmpty())
        if (const int rc = writeHtml(o, trace, &*lesson, names))
            return rc;
    out(allOk ? QStringLiteral("# every checkpoint held")
              : QStringLiteral("# a checkpoint failed"));
    return allOk ? 0 : 1;
}

int runServe(const Options &o)
{
    auto lesson = mux::findLesson(o.lesson);
    if (!lesson) {
        err(lesson.error().text);
        return 2;
    }
    const mux::Backend backend = backendFor(o, *lesson);
    mux::Engine::Options eo;
    eo.backend = backend;
    eo.host = o.bind;
    eo.basePort = o.port > 0 ? quint16(o.port) : mux::defaultBasePort(lesson->params);
    eo.probe = false;
    // A server left running for a class records every tick and prints it; without --trace
    // nothing reads the old ones again, and a whole run kept in memory grows by ~400 bytes a
    // request until the machine runs out (a million ticks: ~380 MB). The newest ~64k stay.
    if (o.traceFile.isEmpty())
        eo.keepTicks = 65536;
    // Check for SIGTERM at least four times a second even when the program blocks forever.
    eo.stepTimeoutCapMs = 250;
    if (o.bind != QLatin1String("127.0.0.1"))
        err(QStringLiteral("warning: listening on %1, not only on this machine: anyone who can "
                           "reach it can connect.")
                .arg(o.bind));
    mux::LessonRun run(*lesson, eo);
    run.setDataDir(o.dataDir);
    if (auto r = run.start(false); !r) {
        err(r.error().text);
        return 1;
    }
    for (const mux::net::Endpoint &e : run.engine().server().listenAddresses())
        out(QStringLiteral("listening %1").arg(e.toString()));
    if (o.dataDir.isEmpty() && !run.dataDir().isEmpty())
        err(QStringLiteral("files go to %1, removed on exit (--data-dir DIR keeps them)")
                .arg(run.dataDir()));

    // No SA_RESTART: the signal interrupts the wait (EINTR, zero events) and the loop ends.
    struct sigaction sa {};
    sa.sa_handler = onStopSignal;
    sigemptyset(&sa.sa_mask);
    ::sigaction(SIGINT, &sa, nullptr);
    ::sigaction(SIGTERM, &sa, nullptr);

    // One line per tick. On a terminal each line shows at once; into a pipe or a file the lines
    // gather in one buffer, written at most every 100 ms (or per 64 KiB): a write() per tick
    // would double the syscalls per request. The time is the engine's own clock reading.
    const mux::Trace &trace = run.engine().trace();
    const bool terminal = ::isatty(STDOUT_FILENO);
    constexpr long long kFlushNs = 100'000'000;
    constexpr size_t kFlushBytes = 64 * 1024;
    std::string lines; // kept for the whole run: its capacity is reused
    long long lastWriteNs = run.engine().lastCallEndNs();
    auto writeLines = [&] {
        std::fwrite(lines.data(), 1, lines.size(), stdout);
        std::fflush(stdout);
        lines.clear();
    };
    QObject::connect(&run.engine(), &mux::Engine::tickRecorded, [&](quint32) {
        const mux::TickRecord &t = run.engine().lastTick();
        if (t.ret != 0 || !t.actions.isEmpty()) {
            mux::format::appendTickLine(lines, trace, trace.size() - 1);
            lines += '\n';
        }
        const long long now = run.engine().lastCallEndNs();
        if (lines.empty() ||
            (!terminal && lines.size() < kFlushBytes && now - lastWriteNs < kFlushNs))
            return;
        writeLines();
        lastWriteNs = now;
    });
    run.engine().serve(g_stop);
    writeLines();
    if (!o.traceFile.isEmpty())
        if (auto r = trace.save(o.traceFile); !r) {
            err(r.error().text);
            return 1;
        }
    return 0;
}

} // namespace cli
