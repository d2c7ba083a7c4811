// Section 1: what one multiplexing call costs, and what the engine adds around it.

#include "Sections.h"

#include "engine/Engine.h"
#include "mux/CallCost.h"
#include "mux/WaitCost.h"
#include "programs/ProgramFactory.h"

#include <QJsonArray>

#include <cstdio>

using namespace mux;

namespace bench {
namespace {

std::unique_ptr<Program> quietEcho()
{
    return std::move(
        *createProgram(QStringLiteral("echo"), QJsonObject{{QStringLiteral("ports"), QJsonArray{0}},
                                                           {QStringLiteral("timeout_ms"), 0}}));
}

/// An engine whose echo program watches `conns` idle connections (plus its listener).
std::unique_ptr<Engine> engineWatching(int conns)
{
    Engine::Options eo;
    eo.backend = Backend::Epoll;
    eo.probe = false;
    auto engine = std::make_unique<Engine>(eo);
    for (int i = 0; i < conns; ++i)
        engine->addClient(QStringLiteral("c%1").arg(i));
    if (!engine->start(quietEcho()))
        return nullptr;
    // One connect per tick: the listen backlog never overflows and each accept is one tick.
    for (int i = 0; i < conns; ++i) {
        ClientOp op;
        op.kind = ClientOp::Connect;
        op.client = i;
        engine->queue(op);
        engine->step();
    }
    for (int guard = 0; engine->server().fdCount() < conns + 1 && guard < 1000; ++guard)
        engine->step();
    engine->run(3); // let the last interest change pass
    return engine;
}

/// Median ns of one quiet Engine::step() (nothing ready, nothing changed).
double quietStepNs(Engine &engine, int repeats)
{
    std::vector<double> ns;
    for (int i = 0; i < repeats; ++i) {
        const long long t0 = nowNs();
        engine.step();
        ns.push_back(double(nowNs() - t0));
    }
    return median(ns);
}

} // namespace

void perCallCost(const Options &o)
{
    const int limit = raiseOpenFileLimit();
    const int repeats = o.quick ? 300 : 2000;
    std::printf("\n1. Per-call cost (zero timeout, nothing ready), median of %d calls, in us\n",
                repeats);
    std::printf("   %-9s %6s %10s %10s %8s\n", "backend", "fds", "muxlab", "bare", "ratio");
    const Backend backends[] = {Backend::Select, Backend::Poll, Backend::Epoll};
    for (int n : {10, 100, 1000, 10000}) {
        if (n + 64 > limit) {
            std::printf("   %d sockets: skipped, RLIMIT_NOFILE is %d\n", n, limit);
            continue;
        }
        auto fds = openIdleSockets(n);
        if (!fds) {
            std::printf("   %d sockets: %s\n", n, qPrintable(fds.error().text));
            continue;
        }
        QList<int> raw;
        for (const Fd &fd : *fds)
            raw.append(fd.get());
        const CallCosts bare = measureCallCosts(raw, repeats);
        for (Backend b : backends) {
            const WaitCostSample s = measureWaitCost(b, *fds, repeats);
            const double bareUs = b == Backend::Select ? bare.selectUs
                                  : b == Backend::Poll ? bare.pollUs
                                                       : bare.epollUs;
            if (s.medianNs < 0 || bareUs < 0) {
                // The whole sentence on a line of its own: cut to fit the table, it stopped
                // mid-phrase ("an fd_set only holds ").
                std::printf("   %-9s %6d %10s %10s %8s\n             refused: %s\n",
                            qPrintable(backendName(b)), n, "-", "-", "-",
                            qPrintable(s.refused.isEmpty() ? QStringLiteral("no reason given")
                                                           : s.refused));
                continue;
            }
            std::printf("   %-9s %6d %10.2f %10.2f %8.2f\n", qPrintable(backendName(b)), n,
                        s.medianNs / 1000.0, bareUs, s.medianNs / 1000.0 / bareUs);
        }
    }

    // The engine around the call: a quiet tick at 10 and at 1,000 watched conns on epoll.
    std::printf("   engine bookkeeping per quiet tick (epoll; step() minus the call itself):\n");
    double book10 = 0, book1000 = 0, call1000 = 0;
    for (int conns : {10, 1000}) {
        if (2 * conns + 64 > limit)
            continue;
        auto engine = engineWatching(conns);
        if (!engine)
            continue;
        const int steps = o.quick ? 500 : 3000;
        std::vector<double> stepNs, callNs;
        for (int r = 0; r < o.rounds; ++r) {
            stepNs.push_back(quietStepNs(*engine, steps));
            auto fds = openIdleSockets(conns + 1);
            if (fds)
                callNs.push_back(double(measureWaitCost(Backend::Epoll, *fds, steps).medianNs));
        }
        const double step = median(stepNs), call = median(callNs), book = step - call;
        std::printf("   %5d conns: step %.2f us, epoll_wait %.2f us, bookkeeping %.2f us "
                    "(%.0f%% of the call)\n",
                    conns, step / 1000, call / 1000, book / 1000, 100.0 * book / call);
        (conns == 10 ? book10 : book1000) = book;
        if (conns == 1000)
            call1000 = call;
    }
    if (call1000 > 0)
        std::printf("   target: bookkeeping <= 10%% of the call at 1,000 (%s); O(changes): "
                    "bookkeeping at 1,000 / at 10 = %.2f (1.0 = independent of watched)\n",
                    book1000 <= 0.10 * call1000 ? "met" : "NOT met", book1000 / book10);
}

} // namespace bench
