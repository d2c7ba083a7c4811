// Section 5: what tracing a real program costs it. The same Python loop of select.select calls
// on one ready socket, untraced, under libmuxtrace.so (run mode: report, never wait) with the
// channel read and dropped by the bench, under the whole `muxlab --exec --headless`, and under
// `strace -f -e trace=select` when strace is installed. The program measures its own calls.

#include "Sections.h"

#include <QCoreApplication>
#include <QProcess>
#include <QRegularExpression>
#include <QSocketNotifier>
#include <QStandardPaths>

#include <fcntl.h>

#include <sys/socket.h>
#include <unistd.h>

#include <cstdio>
#include <thread>

namespace bench {
namespace {

const QString kPython = QStringLiteral("/usr/bin/python3");

QString loopScript()
{
    return QStringLiteral(MUXLAB_SOURCE_DIR "/tests/bench/select_loop.py");
}

/// Nanoseconds per call the program printed ("ns_per_call CPU WALL"), or -1s.
struct PerCall {
    double cpu = -1, wall = -1;
};
PerCall perCall(const QByteArray &output)
{
    const auto m = QRegularExpression(QStringLiteral("ns_per_call ([0-9.]+) ([0-9.]+)"))
                       .match(QString::fromUtf8(output));
    if (!m.hasMatch())
        return {};
    return {m.captured(1).toDouble(), m.captured(2).toDouble()};
}

PerCall runPlain(const QString &program, const QStringList &args, int calls)
{
    QProcess p;
    p.start(program, args + QStringList{loopScript(), QString::number(calls)});
    if (!p.waitForFinished(120000))
        return {};
    return perCall(p.readAllStandardOutput() + p.readAllStandardError());
}

/// The library alone: its channel is a socketpair whose other end a thread here drains.
PerCall runShim(int calls)
{
    int sv[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0)
        return {};
    std::thread drain([fd = sv[0]] {
        char buf[64 * 1024];
        while (::read(fd, buf, sizeof buf) > 0) {
        }
    });
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("LD_PRELOAD"),
               QCoreApplication::applicationDirPath() + QStringLiteral("/libmuxtrace.so"));
    env.insert(QStringLiteral("MUXTRACE_FD"), QString::number(sv[1]));
    env.insert(QStringLiteral("MUXTRACE_MODE"), QStringLiteral("run"));
    p.setProcessEnvironment(env);
    const int child = sv[1];
    p.setChildProcessModifier([child] { ::fcntl(child, F_SETFD, 0); });
    p.start(kPython, {loopScript(), QString::number(calls)});
    const bool done = p.waitForFinished(120000);
    ::close(sv[1]);
    drain.join();
    ::close(sv[0]);
    return done ? perCall(p.readAllStandardOutput()) : PerCall{};
}

PerCall runMuxlab(int calls)
{
    QProcess p;
    p.setStandardOutputFile(QProcess::nullDevice()); // the tick lines
    p.start(QCoreApplication::applicationDirPath() + QStringLiteral("/muxlab"),
            {QStringLiteral("--exec"), QStringLiteral("--headless"), QStringLiteral("--"), kPython,
             loopScript(), QString::number(calls)});
    if (!p.waitForFinished(300000))
        return {};
    return perCall(p.readAllStandardError()); // the program's output goes to stderr
}

} // namespace

void execCost(const Options &o)
{
    std::printf("\n== 5. exec: cost per intercepted select call (Python select.select, one ready "
                "socket) ==\n");
    const int calls = o.quick ? 20000 : 200000;
    const QString strace = QStandardPaths::findExecutable(QStringLiteral("strace"));
    const QStringList straceArgs = {QStringLiteral("-f"),           QStringLiteral("-e"),
                                    QStringLiteral("trace=select"), QStringLiteral("-o"),
                                    QStringLiteral("/dev/null"),    kPython};
    struct Row {
        const char *what;
        std::vector<double> cpu, wall;
        void add(PerCall p)
        {
            if (p.cpu >= 0) {
                cpu.push_back(p.cpu);
                wall.push_back(p.wall);
            }
        }
    };
    Row rows[4] = {{"untraced", {}, {}},
                   {"libmuxtrace.so, run mode (channel drained)", {}, {}},
                   {"muxlab --exec --headless (lines to /dev/null)", {}, {}},
                   {"strace -f -e trace=select", {}, {}}};
    for (int r = 0; r < o.rounds; ++r) { // alternating, so a busy moment hits every row alike
        rows[0].add(runPlain(kPython, {}, calls));
        rows[1].add(runShim(calls));
        rows[2].add(runMuxlab(calls));
        if (!strace.isEmpty())
            rows[3].add(runPlain(strace, straceArgs, calls));
    }
    const double baseCpu = median(rows[0].cpu), baseWall = median(rows[0].wall);
    std::printf("  %d calls a run, median of %d rounds; CPU time of the program, and wall time\n",
                calls, o.rounds);
    for (const Row &row : rows) {
        if (&row == &rows[3] && strace.isEmpty()) {
            std::printf("  %-46s skipped: strace is not installed\n", row.what);
            continue;
        }
        if (row.cpu.empty()) {
            std::printf("  %-46s failed\n", row.what);
            continue;
        }
        const double cpu = median(row.cpu), wall = median(row.wall);
        std::printf("  %-46s CPU %6.2f µs (%+6.2f)   wall %6.2f µs (%+6.2f)\n", row.what,
                    cpu / 1000, (cpu - baseCpu) / 1000, wall / 1000, (wall - baseWall) / 1000);
    }
    if (!rows[3].cpu.empty() && median(rows[1].wall) > baseWall)
        std::printf("  strace adds %.1f× the wall time libmuxtrace.so adds (%.1f× the CPU)\n",
                    (median(rows[3].wall) - baseWall) / (median(rows[1].wall) - baseWall),
                    (median(rows[3].cpu) - baseCpu) / std::max(1.0, median(rows[1].cpu) - baseCpu));
}

} // namespace bench
