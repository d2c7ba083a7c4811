#include "ThreadsVsSelectServer.h"
#include "Listen.h"

#include "ProgramFactory.h"
#include "ReadyOrder.h"
#include "engine/Server.h"
#include "mux/Clock.h"

#include <QJsonObject>

#include <chrono>
#include <thread>
#include <vector>

namespace mux {

ThreadsVsSelectServer::ThreadsVsSelectServer(const QJsonObject &p)
    : m_ports(portsParam(p)),
      m_prefix(p.value(QStringLiteral("prefix")).toString(QStringLiteral("done:")).toUtf8()),
      m_workMs(p.value(QStringLiteral("work_ms")).toInt(20)),
      m_demoTasks(p.value(QStringLiteral("demo_tasks")).toInt(10)),
      m_recvSize(p.value(QStringLiteral("recv_size")).toInt(1024)),
      m_timeoutMs(p.value(QStringLiteral("timeout_ms")).toInt(1000))
{
}

double ThreadsVsSelectServer::runWork(int count, bool threaded) const
{
    const auto work = [ms = m_workMs] {
        std::this_thread::sleep_for(std::chrono::milliseconds(ms));
    };
    const long long t0 = monotonicNs();
    if (threaded) {
        std::vector<std::thread> threads;
        for (int i = 0; i < count; ++i)
            threads.emplace_back(work);
        for (std::thread &t : threads)
            t.join();
    } else {
        for (int i = 0; i < count; ++i)
            work();
    }
    return double(monotonicNs() - t0) / 1e6;
}

Result<void> ThreadsVsSelectServer::start(Server &server)
{
    if (auto l = listenOnEvery(server, m_ports); !l)
        return l;
    if (m_demoTasks > 0) {
        // The document's example: process(i) ten times in a row, then ten threads at once.
        const double serial = runWork(m_demoTasks, false);
        const double threaded = runWork(m_demoTasks, true);
        server.measure(-1, QStringLiteral("process(i) x %1, %2 ms each: one after another %3 ms, "
                                          "one thread each %4 ms")
                               .arg(m_demoTasks)
                               .arg(m_workMs)
                               .arg(serial, 0, 'f', 1)
                               .arg(threaded, 0, 'f', 1));
    }
    return {};
}

void ThreadsVsSelectServer::handle(Server &server, const QList<FdEvents> &ready)
{
    QList<std::pair<int, QByteArray>> requests;
    for (const FdEvents &r : inFdOrder(ready)) {
        if (!server.info(r.fd))
            continue;
        if (server.isListener(r.fd)) {
            auto conn = server.accept(r.fd);
            if (conn && !server.watch(*conn, Readable))
                server.close(*conn);
            continue;
        }
        auto data = server.recv(r.fd, m_recvSize);
        if (!data || data->isEmpty()) {
            server.close(r.fd);
            continue;
        }
        requests.append({r.fd, *data});
    }
    if (requests.isEmpty())
        return;

    bool threaded = false;
    for (const auto &[fd, msg] : requests)
        threaded = threaded || msg.startsWith("thread");
    const int n = int(requests.size());
    if (threaded) {
        const Server::Branch branch(server, Site::Threads);
        const double ms = runWork(n, true);
        server.measure(-1, QStringLiteral("%1 requests, one std::thread each: %2 ms "
                                          "(the slowest one, about %3 ms)")
                               .arg(n)
                               .arg(ms, 0, 'f', 1)
                               .arg(m_workMs));
        for (const auto &[fd, msg] : requests)
            server.sendAll(fd, m_prefix + msg);
        return;
    }
    // One thread: the requests' work runs one after another; each answer is ready only when
    // the ones before it are done. The replies then go out together at the end of the pass:
    // sent one by one across a 60 ms pass, the clients' delayed ACKs (40 ms) would land on a
    // different tick from run to run, and the lesson must replay identically.
    const long long t0 = monotonicNs();
    for (const auto &[fd, msg] : requests) {
        runWork(1, false);
        server.measure(fd, QStringLiteral("answer ready %1 ms into the pass")
                               .arg(double(monotonicNs() - t0) / 1e6, 0, 'f', 1));
    }
    server.measure(-1, QStringLiteral("%1 requests, one loop: %2 ms (about %1 x %3 ms)")
                           .arg(n)
                           .arg(double(monotonicNs() - t0) / 1e6, 0, 'f', 1)
                           .arg(m_workMs));
    for (const auto &[fd, msg] : requests)
        server.sendAll(fd, m_prefix + msg);
}

} // namespace mux
