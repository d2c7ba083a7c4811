#include "Engine.h"

#include "mux/Clock.h"

#include <netinet/tcp.h>

#include <algorithm>

namespace mux {

Engine::Engine(Options options, QObject *parent)
    : QObject(parent), m_options(std::move(options)), m_mux(Multiplexer::create(m_options.backend))
{
    net::ignoreSigpipe();
    m_server = std::make_unique<Server>(
        *m_mux, m_actions,
        [this](const net::Endpoint &p, const net::Endpoint &l) { return clientForPeer(p, l); });
    m_server->setBind(m_options.host, m_options.basePort);
    m_server->setMaxConns(m_options.maxConns);
    m_settler.setAckers([this] {
        QList<int> fds = m_server->fds();
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

quint32 Engine::lastScheduledTick() const
{
    return m_script.isEmpty() ? 0 : m_script.lastKey();
}

Result<void> Engine::start(std::unique_ptr<Program> program)
{
    m_program = std::move(program);
    auto started = m_program->start(*m_server);
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

int Engine::clientForPeer(const net::Endpoint &peer, const net::Endpoint &local) const
{
    for (const auto &c : m_clients)
        if (c->fd() >= 0 && c->localEndpoint() == peer &&
            (local.port == 0 || c->remoteEndpoint().port == local.port))
            return c->index();
    return -1;
}

int Engine::listenerFd(int index) const
{
    for (int fd : m_server->fds())
        if (m_server->listenerIndex(fd) == index)
            return fd;
    return -1;
}

void Engine::clientsAct(TickExtras &extras)
{
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
        int serverSide = -1;
        if (op.kind == ClientOp::Reset) // find the conn before the client's port is gone
            for (int fd : m_server->fds())
                if (const SocketInfo *i = m_server->info(fd);
                    i && i->peer == c.localEndpoint().toString() &&
                    i->local.endsWith(QLatin1Char(':') + QString::number(c.remoteEndpoint().port)))
                    serverSide = fd;
        // Count the accept queue before connecting: on loopback the handshake can finish
        // inside connect() itself, and a count taken after it waits for one too many (the
        // whole settle budget).
        const int queuedBefore =
            op.kind == ClientOp::Connect ? net::acceptBacklog(listenerFd(op.listener)) : -1;
        m_actions.append(c.perform(op, target));
        switch (op.kind) {
        case ClientOp::Connect:
            if (c.fd() >= 0) {
                const int lfd = listenerFd(op.listener);
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
            if (const int lfd = listenerFd(op.listener); lfd >= 0 && m_actions.last().ret >= 0)
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
    if (!m_connMapDirty)
        return m_connToClient;
    // Keyed by both ends: two clients may share a local port when they reach different
    // listeners. "127.0.0.1:53122>9992" -> client fd.
    QHash<QString, int> clientAt;
    for (const auto &c : m_clients)
        if (c->fd() >= 0)
            clientAt.insert(c->localEndpoint().toString() + QLatin1Char('>') +
                                QString::number(c->remoteEndpoint().port),
                            c->fd());
    m_connToClient.clear();
    if (!clientAt.isEmpty())
        for (int fd : m_server->fds())
            if (const SocketInfo *i = m_server->info(fd); i && i->role == Role::Conn) {
                const QString port = i->local.mid(i->local.lastIndexOf(QLatin1Char(':')) + 1);
                if (const int c = clientAt.value(i->peer + QLatin1Char('>') + port, -1); c >= 0)
                    m_connToClient.insert(fd, c);
            }
    m_connMapDirty = false;
    return m_connToClient;
}

void Engine::settleReplies(const QHash<int, int> &connToClient)
{
    bool sent = false, closed = false;
    const QList<net::Endpoint> datagramPeers = m_server->takeDatagramPeers();
    for (const net::Endpoint &to : datagramPeers)
        if (const int c = clientForPeer(to); c >= 0 && m_clients[size_t(c)]->fd() >= 0)
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
}

QList<SocketProbe> Engine::readProbes() const
{
    QList<int> fds = m_server->fds();
    for (const auto &c : m_clients)
        if (c->fd() >= 0)
            fds.append(c->fd());
    QList<SocketProbe> now;
    for (int fd : fds) {
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
    }
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

const TickRecord &Engine::step()
{
    ++m_tick;
    TickRecord rec;
    rec.tick = m_tick;
    rec.backend = m_options.backend;
    TickExtras extras;

    // 1. clients act, and the kernel settles
    clientsAct(extras);
    if (!m_settler
             .isEmpty()) // the program's own connects (client-side lessons) since the last call
        m_settler.wait(m_options.settleBudgetMs);

    // 2. the call
    if (m_options.probe)
        probeAtCall(extras);
    rec.interest = m_server->takeInterestChanges();
    rec.timeoutMs = m_program->timeoutMs();
    int timeout = rec.timeoutMs;
    if (m_options.stepTimeoutCapMs >= 0 && (timeout < 0 || timeout > m_options.stepTimeoutCapMs))
        timeout = m_options.stepTimeoutCapMs;
    // Wake up for the next deadline even when nothing else happens.
    if (const qint64 due = m_server->msToNextDeadline(); due >= 0 && (timeout < 0 || due < timeout))
        timeout = int(due);
    WaitResult w = m_mux->wait(timeout);
    advanceClock(w.durationNs);
    // Conns past their deadline are told and closed in the tick whose call timed out for them
    // (the program skips a ready fd that is closed by then, as for any fd closed mid-tick).
    for (int fd : m_server->expireDeadlines())
        m_program->forget(fd);
    rec.ret = w.ret;
    rec.err = w.err;
    rec.durationNs = w.durationNs;
    rec.ready = std::move(w.ready);
    // epoll_wait lists descriptors in the order they became ready, which follows softirq
    // timing and the history of the ready list; select and poll report in interest order.
    // Ordering epoll's list by fd makes a lesson's ticks the same on every run, and changes
    // nothing about *which* descriptors the kernel reported.
    if (m_options.backend == Backend::Epoll || m_options.backend == Backend::EpollEt)
        std::sort(rec.ready.begin(), rec.ready.end(),
                  [](const FdEvents &a, const FdEvents &b) { return a.fd < b.fd; });

    // 3. the program handles what came back; replies reach the clients
    const QHash<int, int> connToClient = m_clients.empty() ? QHash<int, int>() : connsToClients();
    // Every socket leaves delayed-ACK mode before the program handles what came back. A tick
    // with nothing ready skips it (a quiet tick makes no per-socket syscall); no lesson's
    // program sends on such a tick. (Nudging only the receiver at each send was tried: it
    // changes how much a non-reading client's kernel takes in, so chat-room's ticks moved.)
    if (!rec.ready.isEmpty() && !m_clients.empty()) // serve mode: no simulated client to settle
        m_settler.nudgeAcks();
    m_program->handle(*m_server, rec.ready);
    if (!m_clients.empty())
        settleReplies(connToClient);
    else if (!m_settler.isEmpty()) // the program talked to its own sockets
        m_settler.wait(m_options.settleBudgetMs);

    // 4. record
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
        m_trace.append(rec);
        m_last = m_trace.last();
    } else {
        m_last = std::move(rec);
    }
    emit tickRecorded(m_tick);
    return m_last;
}

void Engine::run(int ticks)
{
    for (int i = 0; i < ticks; ++i)
        step();
}

void Engine::advanceClock(long long waitedNs)
{
    const long long now = monotonicNs();
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
