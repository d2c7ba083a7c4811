// Section 2: serve-mode throughput, muxlab against a minimal epoll server and a Python one,
// all driven by the same load client, K connections of 16-byte ping-pong each.

#include "Sections.h"

#include "common/Loopback.h"

#include "net/Socket.h"

#include <QCoreApplication>
#include <QDir>
#include <QProcess>
#include <QStandardPaths>
#include <QThread>

#include <sys/socket.h>

#include <cstdio>
#include <memory>

using namespace mux;

namespace bench {
namespace {

constexpr int kMessage = 16;
constexpr int kGreeting = 6;         // "你好" in UTF-8: select-echo greets each new conn
constexpr int kReply = kMessage + 3; // the message and "好"

struct Contender {
    QString name;
    QString program;
    QStringList args; // %1 is replaced by the port
};

bool readExactly(int fd, int size)
{
    char buf[64];
    int got = 0;
    while (got < size) {
        const ssize_t n = ::recv(fd, buf, size_t(std::min<int>(size - got, sizeof buf)), 0);
        if (n <= 0)
            return false;
        got += int(n);
    }
    return true;
}

struct Driven {
    double rps = -1; ///< requests per second; -1: the server did not answer
    long requests = 0;
};

/// K blocking connections; each round sends one message on every conn, then reads every
/// reply.
Driven drive(quint16 port, int k, double seconds)
{
    std::vector<Fd> conns;
    for (int i = 0; i < k; ++i) {
        auto fd = net::tcpConnectBlocking({QStringLiteral("127.0.0.1"), port});
        if (!fd || !readExactly(fd->get(), kGreeting))
            return {};
        timeval tv{5, 0}; // a server that stops answering ends the run, not the bench
        ::setsockopt(fd->get(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        conns.push_back(std::move(*fd));
    }
    const char msg[kMessage] = {'p', 'i', 'n', 'g', '-', '1', '6', '-',
                                'b', 'y', 't', 'e', 's', '.', '.', '\n'};
    long requests = 0;
    const long long t0 = nowNs();
    const long long end = t0 + (long long)(seconds * 1e9);
    while (nowNs() < end) {
        for (Fd &c : conns)
            ::send(c.get(), msg, sizeof msg, MSG_NOSIGNAL);
        for (Fd &c : conns)
            if (!readExactly(c.get(), kReply))
                return {};
        requests += k;
    }
    return {double(requests) / (double(nowNs() - t0) / 1e9), requests};
}

bool waitListening(quint16 port)
{
    for (int i = 0; i < 100; ++i) {
        if (auto fd = net::tcpConnectBlocking({QStringLiteral("127.0.0.1"), port}); fd)
            return true; // this probe conn closes at once; the servers shrug it off
        QThread::msleep(50);
    }
    return false;
}

struct Measured {
    double rps = -1;             ///< -1: it could not be run
    double cpuUsPerRequest = -1; ///< the server's user + system CPU per request
};

/// Starts the contender, drives it, stops it.
Measured measure(const Contender &c, int k, double seconds, long *rss = nullptr)
{
    const quint16 port = freePort();
    QStringList args;
    for (const QString &a : c.args)
        args << QString(a).replace(QStringLiteral("%1"), QString::number(port));
    QProcess p;
    p.setStandardOutputFile(QProcess::nullDevice()); // muxlab --serve prints a line per tick
    p.setStandardErrorFile(QProcess::nullDevice());
    p.start(c.program, args);
    if (!p.waitForStarted(5000) || !waitListening(port))
        return {};
    const qint64 cpuBefore = cpuMs(p.processId());
    const Driven d = drive(port, k, seconds);
    const qint64 cpuAfter = cpuMs(p.processId());
    if (rss)
        *rss = long(statusKb(p.processId(), "VmRSS"));
    p.terminate(); // SIGTERM: muxlab --serve stops cleanly on it
    if (!p.waitForFinished(3000)) {
        p.kill();
        p.waitForFinished(1000);
    }
    if (d.rps < 0 || cpuBefore < 0 || cpuAfter < 0 || d.requests == 0)
        return {d.rps, -1};
    return {d.rps, double(cpuAfter - cpuBefore) * 1000.0 / double(d.requests)};
}

} // namespace

void serveThroughput(const Options &o)
{
    const QString dir = QCoreApplication::applicationDirPath();
    const QString python = QStandardPaths::findExecutable(QStringLiteral("python3"));
    const QList<Contender> contenders = {
        {QStringLiteral("muxlab --serve (epoll, recording)"),
         dir + QStringLiteral("/muxlab"),
         {QStringLiteral("--serve"), QStringLiteral("--lesson"), QStringLiteral("select-echo"),
          QStringLiteral("--backend"), QStringLiteral("epoll"), QStringLiteral("--port"),
          QStringLiteral("%1")}},
        {QStringLiteral("minimal C++ epoll server"),
         dir + QStringLiteral("/bench-echo-min"),
         {QStringLiteral("%1")}},
        {QStringLiteral("Python select server"),
         python,
         {QStringLiteral(MUXLAB_SOURCE_DIR "/tests/bench/select_echo.py"), QStringLiteral("%1")}},
    };
    std::printf("\n2. Serve-mode throughput: 16-byte ping-pong, requests/s, median of %d "
                "alternating rounds x %.1f s\n"
                "   (cpu: the server's user+system CPU per request, us, from /proc; it moves far "
                "less than requests/s when the machine is busy)\n",
                o.rounds, o.seconds);
    for (int k : {1, 10, 100}) {
        std::vector<std::vector<double>> rps(size_t(contenders.size())),
            cpu(size_t(contenders.size()));
        long muxRss = 0;
        for (int r = 0; r < o.rounds; ++r)
            for (int i = 0; i < contenders.size(); ++i) {
                const Measured m = measure(contenders[i], k, o.seconds, i == 0 ? &muxRss : nullptr);
                rps[size_t(i)].push_back(m.rps);
                cpu[size_t(i)].push_back(m.cpuUsPerRequest);
            }
        const double mux = median(rps[0]), min = median(rps[1]), py = median(rps[2]);
        std::printf("   K=%-3d", k);
        for (int i = 0; i < contenders.size(); ++i)
            std::printf("  %s %.0f (cpu %.2f)", qPrintable(contenders[i].name),
                        median(rps[size_t(i)]), median(cpu[size_t(i)]));
        std::printf(
            "\n         muxlab/minimal %.3f (target >= 0.90: %s), muxlab/python %.2f (target > 1: "
            "%s); CPU per request muxlab/minimal %.2f, muxlab/python %.2f; muxlab RSS at "
            "the end %ld KiB\n",
            mux / min, mux >= 0.9 * min ? "met" : "NOT met", mux / py, mux > py ? "met" : "NOT met",
            median(cpu[0]) / median(cpu[1]), median(cpu[0]) / median(cpu[2]), muxRss);
    }
}

} // namespace bench
