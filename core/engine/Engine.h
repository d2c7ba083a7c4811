#pragma once

#include "clients/ClientMatch.h"
#include "clients/SimClient.h"
#include "engine/Program.h"
#include "engine/Server.h"
#include "engine/Settle.h"
#include "mux/Multiplexer.h"
#include "trace/TickSource.h"
#include "trace/Trace.h"

#include <QMultiMap>

#include <atomic>
#include <memory>
#include <vector>

namespace mux {

/// The stepper (core/README.md, "The tick"). One step() is one tick:
///   1. clients act (the script's ops for this tick, then the user's), and the engine settles;
///   2. the program's interest is snapshotted and the backend is called;
///   3. the program handles what came back; the engine waits for replies to reach clients;
///   4. a TickRecord is appended to the trace and tickRecorded() is emitted.
/// Like libuv's UV_RUN_ONCE, step() is the primitive; run(n) and serve() are loops over it.
/// The engine owns the program, the server side, the clients and the trace. One thread.
///
/// As a TickSource it makes the requested tick before requestStep() returns, can always step
/// once started, and never emits finished(): a learner may step past the script's last tick.
class Engine : public TickSource {
    Q_OBJECT
public:
    struct Options {
        Backend backend = Backend::Select;
        QString host = QStringLiteral("127.0.0.1");
        quint16 basePort = 0; ///< 0: the kernel picks ports (tests, headless)
        bool probe = true;    ///< read FIONREAD/SIOCOUTQ/backlog per socket each tick
        bool record = true;   ///< keep every tick (off: keep only the last one)
        /// With record on: keep only about this many of the newest ticks (0: all of them).
        qsizetype keepTicks = 0;
        /// In step mode only simulated clients act, and only between calls, so a longer wait
        /// cannot change what the call returns: the call's timeout is capped to this (the
        /// trace still shows the program's own timeout). -1: never cap (serve mode).
        int stepTimeoutCapMs = 0;
        int settleBudgetMs = 2000;
        /// Accepted conns at once; the next client is told the server is full and closed.
        int maxConns = 4096;
    };

    explicit Engine(Options options, QObject *parent = nullptr);
    ~Engine() override;

    /// Adds a simulated client (A, B, C…); returns its index.
    int addClient(const QString &name);
    /// Schedules op at tick (1-based); the lesson script is a list of these.
    void schedule(quint32 tick, const ClientOp &op);
    /// Queues op for the next tick (the user pressed "send" in the GUI).
    void queue(const ClientOp &op);

    /// Starts the program: listeners open, the first interest set. Must precede step().
    Result<void> start(std::unique_ptr<Program> program);

    const TickRecord &step();
    // TickSource
    const Trace &trace() const override { return m_trace; }
    bool canStep() const override { return m_program != nullptr; }
    void requestStep() override { step(); }
    void run(int ticks);
    /// Steps until `stop` is set (by a signal handler), as fast as the kernel allows.
    void serve(const std::atomic<bool> &stop);

    quint32 tickCount() const { return m_tick; }
    /// CLOCK_MONOTONIC in ns as read when the last call returned: a tick's observer can time
    /// itself with it instead of reading the clock again.
    long long lastCallEndNs() const { return m_lastNs; }
    Trace &trace() { return m_trace; }
    const TickRecord &lastTick() const { return m_last; }
    Server &server() { return *m_server; }
    const Server &server() const { return *m_server; }
    const Program *program() const { return m_program.get(); }
    const std::vector<std::unique_ptr<SimClient>> &clients() const { return m_clients; }
    QStringList clientNames() const;
    const Options &options() const { return m_options; }
    /// The kernel's view of every socket right now, between ticks: what an external client
    /// sent waits here (readable bytes, a listener's backlog) until the next call.
    QList<SocketProbe> probeNow() const { return readProbes(); }

private:
    // The phases of step(), in order.
    /// The script's ops for this tick, then the user's; waits until the kernel shows them.
    void clientsAct(TickExtras &extras);
    /// Waits for what the program did to its own sockets since the last call.
    void settle();
    /// What the call is given: the interest (as a delta) and the program's timeout.
    void snapshotInterest(TickRecord &rec, TickExtras &extras);
    /// The call itself: select/poll/epoll_wait, what it returned, the time it took.
    void wait(TickRecord &rec);
    /// Conns past their deadline are told why and closed.
    void expireDeadlines();
    /// The program handles what the call returned.
    void handle(const QList<FdEvents> &ready);
    /// Waits until what the program sent or closed has reached the clients; they read it.
    void settleReplies();
    void settleRefills();
    /// Appends the tick to the trace and emits tickRecorded().
    void record(TickRecord rec, TickExtras extras);

    /// The program's timeout, capped in step mode and shortened to the next deadline.
    int callTimeout(int programTimeoutMs) const;
    void sortReady(QList<FdEvents> &ready) const;
    void nudgeAcks(const QList<FdEvents> &ready);
    /// Moves this tick's actions into rec, each payload no bigger than it needs.
    void takeActions(TickRecord &rec);
    /// Server conn fd -> the simulated client's fd at its other end. Cached: rebuilt only on
    /// a tick where clients acted or the server opened or closed a socket, so a quiet tick
    /// costs nothing per watched socket.
    const QHash<int, int> &connsToClients();
    void probe(TickExtras &extras);
    /// Reads every socket just before the call; keeps the ones the clients' actions changed.
    void probeAtCall(TickExtras &extras);
    QList<SocketProbe> readProbes() const; ///< in fd order: server's, then clients'
    /// Engine time moves with the clock while serving, and only by the time spent waiting in
    /// the calls while stepping: a lesson paused between ticks never times a client out.
    /// `now` is the clock as the call's end read it: one read a tick.
    void advanceClock(long long waitedNs, long long now);

    Options m_options;
    std::unique_ptr<Multiplexer> m_mux;
    QList<Action> m_actions;
    std::unique_ptr<Server> m_server;
    std::unique_ptr<Program> m_program;
    std::vector<std::unique_ptr<SimClient>> m_clients;
    ClientMatch m_match{m_clients};
    QMultiMap<quint32, ClientOp> m_script;
    QList<ClientOp> m_queued;
    QHash<int, SocketProbe> m_lastProbes;
    QHash<int, int> m_connToClient;
    bool m_connMapDirty = true;
    bool m_clientsActed = false; ///< this tick: clients may have bytes to drain
    Settler m_settler;
    Trace m_trace;
    TickRecord m_last;
    quint32 m_tick = 0;
    bool m_serving = false;
    long long m_clockNs = 0;
    long long m_lastNs = 0;
};

} // namespace mux
