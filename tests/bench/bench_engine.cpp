// bench_engine: the engine's own costs, measured side by side in one run.
//   1. free-run echo throughput with recording on and off (target: recording costs <= 10%)
//   2. trace bytes per tick with 1,000 idle watched sockets and no interest changes
//      (target: <= 128 bytes, independent of the count)
// Rounds alternate (off, on, off, on…) and medians are reported, because the machine is shared.
//   usage: bench_engine [rounds=7] [seconds-per-round=1.0] [connections=10]

#include "engine/Engine.h"
#include "programs/ProgramFactory.h"

#include <QCoreApplication>
#include <QJsonArray>

#include <sys/socket.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <fstream>
#include <thread>
#include <vector>

using namespace mux;

namespace {

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

long rssKiB()
{
    std::ifstream f("/proc/self/status");
    std::string key;
    long value = 0;
    while (f >> key) {
        if (key == "VmRSS:") {
            f >> value;
            return value;
        }
        f.ignore(1 << 20, '\n');
    }
    return 0;
}

std::unique_ptr<Program> echoProgram()
{
    return std::move(*createProgram(QStringLiteral("echo"),
                                    QJsonObject{{QStringLiteral("ports"), QJsonArray{0}},
                                                {QStringLiteral("timeout_ms"), 1000}}));
}

/// Requests per second through `muxlab`'s engine in free-run (serve) mode: K blocking
/// ping-pong clients in another thread, 16-byte messages.
double echoThroughput(bool record, double seconds, int connections)
{
    Engine::Options o;
    o.backend = Backend::Epoll;
    o.probe = false;
    o.record = record;
    o.stepTimeoutCapMs = 50;
    Engine engine(o);
    if (!engine.start(echoProgram()))
        return 0;
    const net::Endpoint at = engine.server().listenAddresses().value(0);
    std::atomic<bool> stop{false};
    std::atomic<long> requests{0};
    std::thread load([&] {
        std::vector<Fd> conns;
        for (int i = 0; i < connections; ++i) {
            auto fd = net::tcpConnectBlocking(at);
            if (fd)
                conns.push_back(std::move(*fd));
        }
        const QByteArray msg(16, 'x');
        char buf[64];
        const auto end = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
        while (std::chrono::steady_clock::now() < end) {
            for (Fd &c : conns)
                ::send(c.get(), msg.constData(), size_t(msg.size()), MSG_NOSIGNAL);
            for (Fd &c : conns) {
                long got = 0;
                while (got < 16) {
                    const ssize_t n = ::recv(c.get(), buf, sizeof buf, 0);
                    if (n <= 0)
                        break;
                    got += n;
                }
            }
            requests += long(conns.size());
        }
        stop = true;
    });
    const auto t0 = std::chrono::steady_clock::now();
    engine.serve(stop);
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    load.join();
    return double(requests.load()) / elapsed;
}

struct TraceCost {
    double bytesPerTick;
    double rssBytesPerTick;
};

/// Bytes the trace grows by per quiet tick while `watched` idle connections are watched.
TraceCost quietTickCost(int watched, int quietTicks)
{
    Engine::Options o;
    o.backend = Backend::Epoll;
    o.probe = false;
    Engine engine(o);
    for (int i = 0; i < watched; ++i)
        engine.addClient(QStringLiteral("c%1").arg(i));
    engine.start(echoProgram());
    // Connect in batches so the listen backlog (128) never overflows; one accept per tick.
    for (int i = 0; i < watched; ++i) {
        ClientOp op;
        op.kind = ClientOp::Connect;
        op.client = i;
        engine.queue(op);
        engine.step();
    }
    while (engine.server().fdCount() < watched + 1)
        engine.step();
    engine.run(3); // let the last interest change pass
    const qsizetype before = engine.trace().memoryBytes();
    const long rssBefore = rssKiB();
    engine.run(quietTicks);
    const qsizetype after = engine.trace().memoryBytes();
    const long rssAfter = rssKiB();
    return {double(after - before) / quietTicks, double(rssAfter - rssBefore) * 1024.0 / quietTicks};
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    std::setvbuf(stdout, nullptr, _IOLBF, 0);
    const int rounds = argc > 1 ? std::max(1, atoi(argv[1])) : 7;
    const double seconds = argc > 2 ? atof(argv[2]) : 1.0;
    const int connections = argc > 3 ? atoi(argv[3]) : 10;

    std::printf("bench_engine: %d rounds x %.1f s, %d connections, epoll, 16-byte ping-pong\n", rounds,
                seconds, connections);
    std::vector<double> off, on, ratio;
    for (int r = 0; r < rounds; ++r) {
        const double a = echoThroughput(false, seconds, connections);
        const double b = echoThroughput(true, seconds, connections);
        off.push_back(a);
        on.push_back(b);
        ratio.push_back(b / a);
        std::printf("  round %d: recording off %.0f req/s, on %.0f req/s (on/off %.3f)\n", r + 1, a, b, b / a);
    }
    const double cost = 1.0 - median(ratio);
    std::printf("1. free-run echo throughput (median): off %.0f req/s, on %.0f req/s; on/off %.3f -> "
                "recording costs %.1f%% (target <= 10%%: %s)\n",
                median(off), median(on), median(ratio), 100.0 * cost, cost <= 0.10 ? "met" : "NOT met");

    std::printf("2. trace bytes per quiet tick (no interest change), epoll:\n");
    double at1000 = 0, at10 = 0;
    for (int watched : {10, 1000}) {
        const TraceCost c = quietTickCost(watched, 100000);
        std::printf("   %5d watched sockets: %.1f bytes/tick counted, %.1f bytes/tick resident\n",
                    watched, c.bytesPerTick, c.rssBytesPerTick);
        (watched == 10 ? at10 : at1000) = c.bytesPerTick;
    }
    std::printf("   ratio 1000/10 watched: %.2f; target <= 128 bytes at 1000: %s\n", at1000 / at10,
                at1000 <= 128 ? "met" : "NOT met");
    return 0;
}
