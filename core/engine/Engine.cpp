#include "Engine.h"

#include "mux/Clock.h"

#include <netinet/tcp.h>

#include <algorithm>

namespace mux {

Engine::Engine(Options options, QObject *parent)
    : TickSource(parent), m_options(std::move(options)),
      m_mux(Multiplexer::create(m_options.backend))
{
    net::ignoreSigpipe();
    m_server = std::make_unique<Server>(
        *m_mux, m_actions,
        [this](const net::Endpoint &p, const net::Endpoint &l) { return m_match.clientAt(p, l); });
    m_server->setBind(m_options.host, m_options.basePort);
    m_server->setMaxConns(m_options.maxConns);
    m_settler.setAckers([this] {
        QList<int> fds;
        fds.reserve(m_server->fdCount() + qsizetype(m_clients.size()));
        fds += m_server->fds();
        for (const auto &c : m_clients)
            if (c->fd() >= 0)
                fds.append(c->fd());
        return fds;
    });
    m_server->setSettler(&m_settler);
    m_trace.backend = m_options.backend;
    m_trace.keepAtMost(m_options.keepTicks);
}

// The server (and its descriptors) must go before the multiplexer it points at.
Engine::~Engine()
{
    m_program.reset();
    m_server.reset();
}

int Engine::addClient(const QString &name)
{
    const int index = int(m_clients.size());
    m_clients.push_back(std::make_unique<SimClient>(name, index));
    m_connMapDirty = true;
    m_server->setClientNames(clientNames());
    return index;
}

QStringList Engine::clientNames() const
{
    QStringList names;
    for (const auto &c : m_clients)
        names.append(c->name());
    return names;
}

void Engine::schedule(quint32 tick, const ClientOp &op)
{
    m_script.insert(tick, op);
}

void Engine::queue(const ClientOp &op)
{
    m_queued.append(op);
}

Result<void> Engine::start(std::unique_ptr<Program> program)
{
    m_program = std::move(program);
    auto started = [&] {
        const Server::Branch setup(*m_server, Site::Setup);
        return m_program->start(*m_server);
    }();
    // Tick 0 records the setup (listen, the first rlist) so tick 1 holds only tick 1.
    TickRecord rec;
    rec.kind = TickRecord::Kind::Setup;
    rec.backend = m_options.backend;
    rec.timeoutMs = m_program->timeoutMs();
    rec.interest = m_server->takeInterestChanges();
    rec.actions = std::exchange(m_actions, {});
    TickExtras extras;
    extras.opened = m_server->takeOpened();
    if (m_options.probe)
        probe(extras);
    rec.extras = std::make_shared<const TickExtras>(std::move(extras));
    m_trace.append(rec);
    m_last = m_trace.last();
    emit tickRecorded(0);
    return started;
}

void Engine::clientsAct(TickExtras &extras)
{
    if (m_queued.isEmpty() && !m_script.contains(m_tick))
        return; // most ticks: nothing to build a list of ops for
    QList<ClientOp> ops = m_script.values(m_tick);
    // QMultiMap::values gives the most recently inserted first; the script's order is ours.
    std::reverse(ops.begin(), ops.end());
    ops += std::exchange(m_queued, {});
    if (ops.isEmpty())
        return;
    m_clientsActed = true;
    m_connMapDirty = true;
    m_settler.nudgeAcks();

    const QList<net::Endpoint> targets = m_server->listenAddresses();
    QHash<int, int> backlog; // listener fd -> connections it must show after this tick
    QList<SimClient *> closing;
    for (const ClientOp &op : ops) {
        if (op.client < 0 || op.client >= int(m_clients.size()))
            continue;
        SimClient &c = *m_clients[size_t(op.client)];
        const net::Endpoint target = targets.value(op.listener);
        const int fdBefore = c.fd();
        // Found before the reset: the client's port is gone after it.
        const int serverSide =
            op.kind == ClientOp::Reset ? m_match.connOf(c, m_server->sockets()) : -1;
        // Count the accept queue before connecting: on loopback the handshake can finish
        // inside connect() itself, and a count taken after it waits for one too many (the
        // whole settle budget).
        const int queuedBefore =
            op.kind == ClientOp::Connect
                ? net::acceptBacklog(m_server->sockets().listenerFd(op.listener))
                : -1;
        m_actions.append(c.perform(op, target));
        switch (op.kind) {
        case ClientOp::Connect:
            if (c.fd() >= 0) {
                const int lfd = m_server->sockets().listenerFd(op.listener);
                const int expected = backlog.value(lfd, queuedBefore) + 1;
                backlog.insert(lfd, expected);
                m_settler.expectConnected(c.fd(), lfd, expected);
                extras.opened.append({c.fd(), Role::Client, QStringLiteral("client:") + c.name(),
                                      QStringLiteral("client %1").arg(c.name()),
                                      c.localEndpoint().toString(), target.toString()});
            }
            break;
        case ClientOp::SendTo:
            // A datagram on loopback can still be in the softirq queue when sendto returns.
            if (const int lfd = m_server->sockets().listenerFd(op.listener);
                lfd >= 0 && m_actions.last().ret >= 0)
                m_settler.expectReadable(lfd);
            if (fdBefore < 0 && c.fd() >= 0)
                extras.opened.append({c.fd(), Role::Client, QStringLiteral("client:") + c.name(),
                                      QStringLiteral("client %1").arg(c.name()),
                                      c.localEndpoint().toString(), target.toString()});
            break;
        case ClientOp::Send:
        case ClientOp::SendUrgent:
            m_settler.expectDelivered(c.fd());
            break;
        case ClientOp::Shutdown:
            m_settler.expectFinAcked(c.fd());
            break;
        case ClientOp::Close:
            if (c.fd() >= 0) {
                m_settler.expectFinAcked(c.fd());
                closing.append(&c);
            } else {
                extras.closed.append(fdBefore);
            }
            break;
        case ClientOp::Reset:
            if (serverSide >= 0)
                m_settler.expectReset(serverSide);
            extras.closed.append(fdBefore);
            break;
        default:
            break;
        }
    }
    m_settler.wait(m_options.settleBudgetMs);
    for (SimClient *c : closing) {
        extras.closed.append(c->fd());
        c->finishClose();
    }
}

const QHash<int, int> &Engine::connsToClients()
{
    if (m_connMapDirty) {
        m_connToClient = m_match.connsToClients(m_server->sockets());
        m_connMapDirty = false;
    }
    return m_connToClient;
}

void Engine::settleReplies()
{
    if (m_clients.empty()) {
        // Serve mode, or a program talking to its own sockets only.
        if (!m_settler.isEmpty())
            m_settler.wait(m_options.settleBudgetMs);
        return;
    }
    const QHash<int, int> &connToClient = m_connToClient;
    bool sent = false, closed = false;
    const QList<net::Endpoint> datagramPeers = m_server->takeDatagramPeers();
    for (const net::Endpoint &to : datagramPeers)
        if (const int c = m_match.clientAt(to); c >= 0 && m_clients[size_t(c)]->fd() >= 0)
            m_settler.expectReadable(m_clients[size_t(c)]->fd());
    for (const Action &a : std::as_const(m_actions)) {
        if (a.actor != Action::Actor::Server)
            continue;
        if (a.call == Action::Call::Send || a.call == Action::Call::SendTo)
            sent = true;
        // The server closed a conn: wait until its client has seen the FIN.
        if (a.call == Action::Call::Close) {
            closed = true;
            if (connToClient.contains(a.fd))
                m_settler.expectPeerClosed(connToClient.value(a.fd));
        }
    }
    if (sent)
        for (auto it = connToClient.begin(); it != connToClient.end(); ++it)
            if (m_server->info(it.key()))
                m_settler.expectDelivered(it.key());
    if (!m_settler.isEmpty())
        m_settler.wait(m_options.settleBudgetMs);
    // Clients receive only what the server sent or a close it made, or what they left unread
    // until an op this tick (resume_reading): on a tick with none of these there is nothing to
    // drain, and skipping it keeps a quiet tick O(1) in the number of clients.
    if (!sent && !closed && datagramPeers.isEmpty() && !std::exchange(m_clientsActed, false))
        return;
    m_clientsActed = false;
    for (const auto &c : m_clients)
        m_actions += c->drain();
    settleRefills();
}

void Engine::settleRefills()
{
    // A client that read made room; what the server still had queued for it moves in now, not
    // at some instant before or after the next call (a person's pace would always see it moved).
    const QHash<int, int> &connToClient = connsToClients(); // conn fd -> its client's fd
    for (auto it = connToClient.begin(); it != connToClient.end(); ++it)
        if (it.value() >= 0 && m_server->info(it.key()) && net::bytesUnsent(it.key()) > 0)
            m_settler.expectRefilled(it.key(), it.value());
    if (!m_settler.isEmpty())
        m_settler.wait(m_options.settleBudgetMs);
}

QList<SocketProbe> Engine::readProbes() const
{
    QList<SocketProbe> now;
    auto read = [&](int fd) {
        SocketProbe p{fd};
        const SocketInfo *info = m_server->info(fd);
        if (info && info->role == Role::Listener) {
            p.backlog = net::acceptBacklog(fd);
        } else {
            p.readable = net::bytesReadable(fd);
            p.unsent = net::bytesUnsent(fd);
        }
        if (!info || info->role != Role::Udp)
            p.tcpState = qint8(net::tcpState(fd));
        now.append(p);
    };
    for (int fd : m_server->fds())
        read(fd);
    for (const auto &c : m_clients)
        if (c->fd() >= 0)
            read(c->fd());
    return now;
}

void Engine::probe(TickExtras &extras)
{
    QHash<int, SocketProbe> now;
    for (const SocketProbe &p : readProbes()) {
        now.insert(p.fd, p);
        if (m_lastProbes.value(p.fd) != p)
            extras.probes.append(p);
    }
    m_lastProbes = std::move(now);
}

void Engine::probeAtCall(TickExtras &extras)
{
    // Compared with the last tick's end but not stored: `probes` stays a delta between ends.
    for (const SocketProbe &p : readProbes())
        if (m_lastProbes.value(p.fd) != p)
            extras.atCall.append(p);
}

// One tick, in the order libuv's uv_run reads: each phase is a function below.
const TickRecord &Engine::step()
{
    ++m_tick;
    TickRecord rec;
    rec.tick = m_tick;
    rec.backend = m_options.backend;
    TickExtras extras;

    clientsAct(extras);
    settle();
    snapshotInterest(rec, extras);
    wait(rec);
    expireDeadlines();
    handle(rec.ready);
    settleReplies();
    record(std::move(rec), std::move(extras));
    return m_last;
}

void Engine::settle()
{
    // The program's own connects (client-side lessons) since the last call.
    if (!m_settler.isEmpty())
        m_settler.wait(m_options.settleBudgetMs);
}

void Engine::snapshotInterest(TickRecord &rec, TickExtras &extras)
{
    if (m_options.probe)
        probeAtCall(extras);
    rec.interest = m_server->takeInterestChanges();
    rec.timeoutMs = m_program->timeoutMs();
    // What is recorded from here on (the program handling what came back, then the clients
    // reading its replies) happens after the call.
    rec.actionsBeforeCall = qint32(m_actions.size());
}

int Engine::callTimeout(int programTimeoutMs) const
{
    int timeout = programTimeoutMs;
    if (m_options.stepTimeoutCapMs >= 0 && (timeout < 0 || timeout > m_options.stepTimeoutCapMs))
        timeout = m_options.stepTimeoutCapMs;
    // Wake up for the next deadline even when nothing else happens.
    if (const qint64 due = m_server->msToNextDeadline(); due >= 0 && (timeout < 0 || due < timeout))
        timeout = int(due);
    return timeout;
}

void Engine::wait(TickRecord &rec)
{
    WaitResult w = m_mux->wait(callTimeout(rec.timeoutMs));
    advanceClock(w.durationNs, w.endNs);
    rec.ret = w.ret;
    rec.err = w.err;
    rec.durationNs = w.durationNs;
    rec.ready = std::move(w.ready);
    sortReady(rec.ready);
}

void Engine::sortReady(QList<FdEvents> &ready) const
{
    // epoll_wait lists descriptors in the order they became ready, which follows softirq
    // timing and the history of the ready list; select and poll report in interest order.
    // Ordering epoll's list by fd makes a lesson's ticks the same on every run, and changes
    // nothing about *which* descriptors the kernel reported.
    if (m_options.backend == Backend::Epoll || m_options.backend == Backend::EpollEt)
        std::sort(ready.begin(), ready.end(),
                  [](const FdEvents &a, const FdEvents &b) { return a.fd < b.fd; });
}

void Engine::expireDeadlines()
{
    // Conns past their deadline are told and closed in the tick whose call timed out for them
    // (the program skips a ready fd that is closed by then, as for any fd closed mid-tick).
    // Held const: a range-for over a temporary QList calls the non-const begin(), and an empty
    // list would allocate to detach on every tick.
    const QList<int> expired = m_server->expireDeadlines();
    for (int fd : expired)
        m_program->forget(fd);
}

void Engine::handle(const QList<FdEvents> &ready)
{
    if (!m_clients.empty())
        connsToClients(); // as they are before the program closes any
    nudgeAcks(ready);
    m_program->handle(*m_server, ready);
}

void Engine::nudgeAcks(const QList<FdEvents> &ready)
{
    // Every socket leaves delayed-ACK mode before the program handles what came back, so what
    // it sends is acknowledged at once and the next tick's probes do not depend on a 40 ms
    // timer. A tick with nothing ready skips it (a quiet tick makes no per-socket syscall); no
    // lesson's program sends on such a tick. Only the receiver of each send would not do:
    // it changes how much a client that does not read lets in, and so what a lesson shows.
    if (!ready.isEmpty() && !m_clients.empty()) // serve mode: no simulated client to settle
        m_settler.nudgeAcks();
}

void Engine::record(TickRecord rec, TickExtras extras)
{
    takeActions(rec);
    extras.opened = m_server->takeOpened() + extras.opened;
    extras.closed += m_server->takeClosed();
    if (!extras.opened.isEmpty() || !extras.closed.isEmpty())
        m_connMapDirty = true;
    for (int fd : std::as_const(extras.closed))
        m_lastProbes.remove(fd);
    if (m_options.probe)
        probe(extras);
    if (!extras.opened.isEmpty() || !extras.closed.isEmpty() || !extras.probes.isEmpty() ||
        !extras.atCall.isEmpty())
        rec.extras = std::make_shared<const TickExtras>(std::move(extras));
    if (m_options.record) {
        m_trace.append(std::move(rec));
        m_last = m_trace.last();
    } else {
        m_last = std::move(rec);
    }
    emit tickRecorded(m_tick);
}

void Engine::takeActions(TickRecord &rec)
{
    // Kept for the whole run, so each tick keeps exactly what it holds: the actions move into
    // a list of their own size (m_actions keeps its grown capacity for the next tick), and a
    // payload built by appending gives back its spare capacity.
    rec.actions.reserve(m_actions.size());
    for (Action &a : m_actions) {
        if (a.data.capacity() > a.data.size())
            a.data.squeeze();
        rec.actions.append(std::move(a));
    }
    m_actions.clear();
}

void Engine::run(int ticks)
{
    for (int i = 0; i < ticks; ++i)
        step();
}

void Engine::advanceClock(long long waitedNs, long long now)
{
    m_clockNs += m_serving && m_lastNs ? now - m_lastNs : waitedNs;
    m_lastNs = now;
    m_server->setNowMs(m_clockNs / 1000000);
}

void Engine::serve(const std::atomic<bool> &stop)
{
    m_serving = true;
    m_lastNs = monotonicNs();
    while (!stop.load(std::memory_order_relaxed))
        step();
}

} // namespace mux
