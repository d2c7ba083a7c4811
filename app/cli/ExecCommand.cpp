// muxlab --exec: a real program with its select/poll/epoll calls traced (core/exec).
//   muxlab --exec [--headless] [--max-ticks N] [--pace MS] [--lang zh|en] [--trace FILE.json]
//          -- COMMAND [ARGS...]

#include "CommandLine.h"

#include "exec/TracedProcess.h"
#include "gui/MainWindow.h"
#include "trace/TickFormat.h"

#include <QApplication>
#include <QSocketNotifier>
#include <QTimer>

#include <csignal>
#include <cstdio>

#include <fcntl.h>
#include <unistd.h>

namespace cli {

namespace {

void errLine(const QString &line)
{
    std::fputs((QStringLiteral("muxlab: ") + line).toUtf8().constData(), stderr);
    std::fputc('\n', stderr);
    std::fflush(stderr);
}

const QString kExec = QStringLiteral("exec");
const QString kMaxTicks = QStringLiteral("max-ticks");
const QString kPace = QStringLiteral("pace");

int g_signalPipe[2] = {-1, -1};

void onSignal(int)
{
    const char b = 1;
    (void)!::write(g_signalPipe[1], &b, 1);
}

} // namespace

void addExecOptions(QCommandLineParser &p)
{
    p.addOption({kExec, QStringLiteral("Run a real program (after --) with its select, poll and "
                                       "epoll calls traced, one tick per call.")});
    p.addOption({kMaxTicks, QStringLiteral("With --exec: stop the program after N ticks."),
                 QStringLiteral("N")});
    p.addOption({kPace,
                 QStringLiteral("Wait MS before each tick, as a person stepping would (with "
                                "--exec: the program is held that long before each call)."),
                 QStringLiteral("MS")});
}

bool parseExec(QCommandLineParser &p, Options &o, QString &error)
{
    o.mode = Mode::Exec;
    o.headless = p.isSet(QStringLiteral("headless"));
    o.command = p.positionalArguments();
    o.lang = p.value(QStringLiteral("lang"));
    o.langGiven = p.isSet(QStringLiteral("lang"));
    o.traceFile = p.value(QStringLiteral("trace"));
    if (p.isSet(QStringLiteral("serve")) || p.isSet(QStringLiteral("lesson")) ||
        p.isSet(QStringLiteral("client")) || p.isSet(QStringLiteral("list-lessons"))) {
        error = QStringLiteral("--exec runs a program of your own: it cannot be combined with "
                               "--serve, --lesson, --client or --list-lessons.");
        return false;
    }
    if (o.command.isEmpty()) {
        error = QStringLiteral("--exec needs a command after --, e.g. muxlab --exec --headless "
                               "-- python3 server.py");
        return false;
    }
    if (o.lang != QLatin1String("zh") && o.lang != QLatin1String("en")) {
        error = QStringLiteral("Unknown language \"%1\": use zh or en.").arg(o.lang);
        return false;
    }
    for (const QString &name : {kMaxTicks, kPace}) {
        if (!p.isSet(name))
            continue;
        bool ok = false;
        const int v = p.value(name).toInt(&ok);
        if (!ok || v < (name == kPace ? 0 : 1)) {
            error = QStringLiteral("--%1 must be a whole number%2, not \"%3\".")
                        .arg(name,
                             name == kPace ? QStringLiteral(" of milliseconds")
                                           : QStringLiteral(" of ticks, 1 or more"),
                             p.value(name));
            return false;
        }
        (name == kPace ? o.paceMs : o.maxTicks) = v;
    }
    return true;
}

int runExec(const Options &o)
{
    auto command = mux::exec::resolveCommand(o.command);
    if (!command) {
        errLine(command.error().text);
        return 2;
    }
    if (!o.headless) {
        if (qobject_cast<QApplication *>(QCoreApplication::instance()))
            return gui::runGui(o);
        errLine(QStringLiteral("no display found (DISPLAY is not set), so the window cannot "
                               "open; running the program in the terminal (as with --headless)."));
    }

    mux::exec::TracedProcess::Options po;
    po.step = o.paceMs > 0; // held only to pace it; otherwise it runs freely
    po.forwardInput = true;
    // As --serve: a program left running records every tick, but without --trace nothing reads
    // the old ones again, so only the newest ~64k stay in memory.
    if (o.traceFile.isEmpty())
        po.keepTicks = 65536;
    mux::exec::TracedProcess program(*command, po);

    // SIGINT/SIGTERM end the run: the program is stopped and reaped, exit 0.
    if (::pipe2(g_signalPipe, O_CLOEXEC | O_NONBLOCK) != 0) {
        errLine(QStringLiteral("pipe2 failed."));
        return 1;
    }
    struct sigaction sa {};
    sa.sa_handler = onSignal;
    sigemptyset(&sa.sa_mask);
    ::sigaction(SIGINT, &sa, nullptr);
    ::sigaction(SIGTERM, &sa, nullptr);
    QSocketNotifier stopSignals(g_signalPipe[0], QSocketNotifier::Read);
    int status = 0;
    bool done = false;
    auto end = [&](int code) {
        if (done)
            return;
        done = true;
        status = code;
        QCoreApplication::exit(code);
    };
    QObject::connect(&stopSignals, &QSocketNotifier::activated, [&] {
        char b;
        while (::read(g_signalPipe[0], &b, 1) > 0) {
        }
        end(0); // first: stopping the program emits finished()
        program.stop();
    });

    const mux::Trace &trace = program.trace();
    int calls = 0;
    std::string line;
    QObject::connect(&program, &mux::TickSource::tickRecorded, [&](quint32) {
        if (done)
            return;
        const qsizetype i = trace.size() - 1;
        const mux::TickRecord &t = trace.at(i);
        for (const mux::SocketInfo &s : t.extrasOrEmpty().opened) {
            const std::string opened =
                QStringLiteral("  + fd %1 = %2 (%3)").arg(s.fd).arg(s.label, s.name).toStdString();
            std::fwrite(opened.data(), 1, opened.size(), stdout);
            std::fputc('\n', stdout);
        }
        line.clear();
        mux::format::appendTickLine(line, trace, i);
        if (const QString src = program.sourceAt(i); !src.isEmpty()) {
            line += " @ ";
            line += src.toStdString();
        }
        line += '\n';
        std::fwrite(line.data(), 1, line.size(), stdout);
        std::fflush(stdout);
        if (t.kind == mux::TickRecord::Kind::Call && ++calls >= o.maxTicks && o.maxTicks > 0) {
            end(0); // first: stopping the program emits finished()
            program.stop();
        }
    });
    QObject::connect(&program, &mux::exec::TracedProcess::held, [&] {
        QTimer::singleShot(o.paceMs, &program, [&] { program.requestStep(); });
    });
    QObject::connect(&program, &mux::exec::TracedProcess::output, [](const QByteArray &bytes) {
        std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stderr);
        std::fflush(stderr);
    });
    QObject::connect(&program, &mux::exec::TracedProcess::silent,
                     [] { errLine(QStringLiteral("running, no select/poll/epoll call yet.")); });
    QObject::connect(&program, &mux::TickSource::finished, [&](const QString &why) {
        if (done)
            return;
        errLine(why);
        end(program.sawCall() && !program.crashed() && program.exitCode() == 0 ? 0 : 1);
    });

    std::printf("# exec %s%s\n", qUtf8Printable(command->program),
                qUtf8Printable(command->args.isEmpty()
                                   ? QString()
                                   : QLatin1Char(' ') + command->args.join(QLatin1Char(' '))));
    std::fflush(stdout);
    if (auto r = program.start(); !r) {
        errLine(r.error().text);
        return 1;
    }
    if (!done)
        QCoreApplication::exec();
    program.stop();
    std::fflush(stdout);
    if (!o.traceFile.isEmpty())
        if (auto r = program.save(o.traceFile); !r) {
            errLine(r.error().text);
            return 1;
        }
    return status;
}

} // namespace cli
