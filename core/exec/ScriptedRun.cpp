#include "ScriptedRun.h"

#include "RecordText.h"
#include "net/FreePorts.h"
#include "net/Socket.h"
#include "programs/ProgramFactory.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTimer>

#include <algorithm>
#include <cerrno>
#include <utility>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

namespace mux::exec {

ScriptedRun::ScriptedRun(Lesson lesson, Options options, QObject *parent)
    : TickSource(parent), m_lesson(std::move(lesson)), m_options(std::move(options))
{
    net::ignoreSigpipe();
    for (const QString &c : m_lesson.clients)
        m_clients.push_back(std::make_unique<SimClient>(c, int(m_clients.size())));
    for (const LessonStep &s : m_lesson.steps)
        for (const ClientOp &op : s.ops)
            m_script.insert(s.tick, op);
    m_listeners = std::max(1, int(portsParam(m_lesson.params).size()));
    m_settler.setAckers([this] {
        QList<int> fds;
        for (const auto &c : m_clients)
            if (c->fd() >= 0)
                fds.append(c->fd());
        if (m_peer)
            fds += m_peer->fds();
        if (m_process && m_process->isHeld())
            for (auto it = m_process->builder().sockets().begin();
                 it != m_process->builder().sockets().end(); ++it)
                if (const int d = m_fds.dup(it.key()); d >= 0 && inetSocketType(d) == SOCK_STREAM)
                    fds.append(d);
        return fds;
    });
}

ScriptedRun::~ScriptedRun()
{
    stop();
}

QStringList ScriptedRun::clientNames() const
{
    QStringList names;
    for (const auto &c : m_clients)
        names.append(c->name());
    return names;
}

int ScriptedRun::addClient(const QString &name)
{
    m_clients.push_back(std::make_unique<SimClient>(name, int(m_clients.size())));
    return int(m_clients.size()) - 1;
}

Result<void> ScriptedRun::start()
{
    if (runsOwnProgram()) {
        TracedProcess::Options po;
        po.step = true;
        po.keepTicks = m_options.keepTicks;
        po.workingDir = m_options.workingDir;
        m_process = std::make_unique<TracedProcess>(m_options.command, po);
        m_process->builder().setNamer([this](SocketInfo &s) { name(s); });
        m_process->setBeforeTickClosed([this](bool ended) { completeTick(ended); });
        connect(m_process.get(), &TickSource::tickRecorded, this, &TickSource::tickRecorded);
        connect(m_process.get(), &TickSource::finished, this, &TickSource::finished);
        connect(m_process.get(), &TracedProcess::output, this, &ScriptedRun::output);
        return m_process->start();
    }
    QString python = m_options.python;
    if (python.isEmpty())
        python = QFileInfo::exists(QStringLiteral("/usr/bin/python3"))
                     ? QStringLiteral("/usr/bin/python3")
                     : QStandardPaths::findExecutable(QStringLiteral("python3"));
    if (python.isEmpty())
        return Error{0, QStringLiteral("python3 is not found, so the lesson's Python program "
                                       "cannot run.")};
    if (!QFileInfo::exists(m_options.programFile))
        return Error{0, QStringLiteral("The lesson's Python program %1 is not found.")
                            .arg(m_options.programFile)};
    QString dir = m_options.workingDir;
    if (dir.isEmpty()) {
        m_dir = std::make_unique<QTemporaryDir>(QDir::tempPath() +
                                                QStringLiteral("/muxlab-python-XXXXXX"));
        dir = m_dir->path();
    }
    // Free ports are checked, not held: nothing can hold a port for a program that binds it
    // itself. Between the check and the program's bind (python3's start-up, longer on a busy
    // machine) another program may take them; the run then starts again on other ports, the
    // first program's traceback unseen. Ports the user chose are never changed.
    constexpr int tries = 5;
    for (int attempt = 1;; ++attempt) {
        m_basePort = m_options.basePort                         ? m_options.basePort
                     : attempt == 1 && m_options.firstPort != 0 ? m_options.firstPort
                                                                : net::freePortBlock(m_listeners);
        if (m_basePort == 0)
            return Error{0, QStringLiteral("No free ports were found for the program.")};
        if (PeerServer::wanted(m_lesson)) {
            // The program is a client: its server listens before it starts.
            m_peerClient.clear();
            m_peer = std::make_unique<PeerServer>(m_lesson);
            if (auto r = m_peer->listen(m_basePort); !r) {
                if (!m_options.basePort && attempt < tries)
                    continue;
                return r;
            }
        }
        if (auto r = launchPython(python, dir); !r)
            return r;
        if (!m_options.waitHeld)
            return {};
        waitHeld();
        if (m_process->isFinished() && !m_options.basePort && attempt < tries &&
            bindFailedInUse()) {
            m_early.clear();
            m_process.reset();
            continue;
        }
        m_holdOutput = false;
        if (!m_early.isEmpty())
            emit output(std::exchange(m_early, {}));
        break;
    }
    if (m_process->isFinished())
        return Error{0, m_process->why() + QLatin1Char('\n') +
                            QString::fromUtf8(m_process->outputTail()).trimmed()};
    if (!m_process->isHeld())
        return Error{0, QStringLiteral("The program made no select, poll or epoll call within "
                                       "%1 s.")
                            .arg(m_options.startBudgetMs / 1000)};
    return {};
}

Result<void> ScriptedRun::launchPython(const QString &python, const QString &dir)
{
    Command command{
        python,
        QStringList{m_options.programFile, QStringLiteral("--port"), QString::number(m_basePort)} +
            m_options.extraArgs,
        m_options.programFile};
    TracedProcess::Options po;
    po.step = true;
    po.workingDir = dir;
    po.blockingCallsAreTicks = m_lesson.pythonBlocking;
    m_process = std::make_unique<TracedProcess>(std::move(command), po);
    m_process->builder().setNamer([this](SocketInfo &s) { name(s); });
    m_process->setBeforeTickClosed([this](bool ended) { completeTick(ended); });
    connect(m_process.get(), &TickSource::tickRecorded, this, &TickSource::tickRecorded);
    connect(m_process.get(), &TickSource::finished, this, &TickSource::finished);
    // Until the program is held, its output is kept: a start that is tried again leaves none.
    m_holdOutput = m_options.waitHeld;
    connect(m_process.get(), &TracedProcess::output, this, [this](const QByteArray &bytes) {
        if (m_holdOutput)
            m_early += bytes;
        else
            emit output(bytes);
    });
    return m_process->start();
}

void ScriptedRun::waitHeld()
{
    QEventLoop loop;
    QTimer budget;
    budget.setSingleShot(true);
    connect(&budget, &QTimer::timeout, &loop, &QEventLoop::quit);
    connect(m_process.get(), &TracedProcess::held, &loop, &QEventLoop::quit);
    connect(m_process.get(), &TickSource::finished, &loop, &QEventLoop::quit);
    budget.start(m_options.startBudgetMs);
    while (!m_process->isHeld() && !m_process->isFinished() && budget.isActive())
        loop.exec();
}

bool ScriptedRun::bindFailedInUse() const
{
    if (m_process->builder().sawCall())
        return false;
    // Before its first call the program's calls are notes ("bind(3, …) = -1 EADDRINUSE", the
    // errno kept beside the text); when it has ended they are in the trace's setup tick.
    QList<Action> calls = m_process->builder().pendingActions();
    const Trace &t = m_process->trace();
    for (qsizetype i = 0; i < t.size(); ++i)
        calls += t.at(i).actions;
    return std::any_of(calls.begin(), calls.end(), [](const Action &a) {
        return a.call == Action::Call::Note && a.err == EADDRINUSE && a.data.startsWith("bind(");
    });
}

void ScriptedRun::stop()
{
    m_fds.closeAll();
    if (m_process)
        m_process->stop();
}

void ScriptedRun::name(SocketInfo &s)
{
    const auto local = endpoint(s.local);
    if (s.role == Role::Listener || s.role == Role::Udp) {
        if (!runsOwnProgram() && local && local->port >= m_basePort &&
            local->port < m_basePort + m_listeners)
            s.name = QLatin1Char(s.role == Role::Listener ? 'L' : 'U') +
                     QString::number(local->port - m_basePort);
        return;
    }
    m_connClient.remove(s.fd);
    const auto peer = endpoint(s.peer);
    if (!local || !peer)
        return;
    if (m_peer && *peer == net::Endpoint{QStringLiteral("127.0.0.1"), m_basePort}) {
        // One of the client program's connections to its server, named by connect order.
        auto it = m_peerClient.constFind(s.fd);
        const int index = it != m_peerClient.constEnd() ? *it : int(m_peerClient.size());
        if (const QString who = m_peer->whoOf(index); !who.isEmpty()) {
            s.role = Role::Client;
            s.name = QStringLiteral("client:") + who;
            s.label = QStringLiteral("client ") + who;
            m_peerClient.insert(s.fd, index);
            m_peer->knowClient(*local, index);
        }
        return;
    }
    if (const int c = m_match.clientAt(*peer, *local); c >= 0) {
        const QString &who = m_clients[size_t(c)]->name();
        s.name = QStringLiteral("conn:") + who;
        s.label = QStringLiteral("conn ") + who;
        m_connClient.insert(s.fd, c);
    }
}

int ScriptedRun::connOf(int client) const
{
    for (auto it = m_connClient.begin(); it != m_connClient.end(); ++it)
        if (it.value() == client)
            return it.key();
    return -1;
}

int ScriptedRun::listenerFd(int index, Role role) const
{
    if (index < 0)
        return -1;
    const QHash<int, SocketInfo> &sockets = m_process->builder().sockets();
    for (auto it = sockets.begin(); it != sockets.end(); ++it)
        if (it->role == role && listenerIndex(*it) == index)
            return it.key();
    return -1;
}

std::optional<net::Endpoint> ScriptedRun::listenerAt(int index) const
{
    if (!m_process)
        return std::nullopt;
    const int fd = listenerFd(index, Role::Listener);
    if (fd < 0)
        return std::nullopt;
    return endpoint(m_process->builder().sockets().value(fd).local);
}

bool ScriptedRun::actNow()
{
    if (!m_process || m_process->isFinished() || m_process->isHeld() ||
        !m_script.contains(m_tick + 1))
        return false;
    m_process->builder().addActions(clientsAct(m_tick + 1));
    return true;
}

void ScriptedRun::requestStep()
{
    if (!m_process || m_process->isFinished())
        return;
    ++m_tick;
    const bool held = m_process->isHeld();
    TickBuilder &builder = m_process->builder();
    builder.addActions(clientsAct(m_tick));
    if (held) {
        // Why each socket will come back ready: read just before the call, kept where it
        // differs from the last tick's end (as the engine's probeAtCall).
        m_atCall = changedProbes(probeProgram(builder.sockets(), m_fds), m_lastProbes, false);
        // Out of delayed-ACK mode before the program handles what comes back, so what it sends
        // is acknowledged at once (the engine's nudge before handle).
        if (!m_clients.empty())
            m_settler.nudgeAcks();
        m_fds.closeAll();
        m_awaiting = true;
        m_process->requestStep();
    } else {
        m_awaiting = true; // still in its call (or a blocking call): its next tick completes
    }
}

QList<Action> ScriptedRun::clientsAct(quint32 tick)
{
    QList<ClientOp> ops = m_script.values(tick);
    m_script.remove(tick); // played once: actNow() may have played the next tick's already
    std::reverse(ops.begin(), ops.end()); // QMultiMap gives the newest first
    QList<Action> actions;
    if (ops.isEmpty())
        return actions;
    m_clientsActed = true;
    const bool held = m_process->isHeld();
    if (held)
        m_settler.nudgeAcks();
    QHash<int, int> backlog; // our dup of a listener -> connections it must show
    QList<SimClient *> closing;
    for (const ClientOp &op : ops) {
        if (op.client < 0 || op.client >= int(m_clients.size()))
            continue;
        SimClient &c = *m_clients[size_t(op.client)];
        net::Endpoint target{QStringLiteral("127.0.0.1"), quint16(m_basePort + op.listener)};
        if (runsOwnProgram() && op.kind == ClientOp::Connect) { // its listener as it bound it
            const auto bound = listenerAt(op.listener);
            if (!bound) {
                Action note;
                note.actor = Action::Actor::Engine;
                note.data = QStringLiteral("The program has no listener L%1 for client %2 to "
                                           "reach.")
                                .arg(op.listener)
                                .arg(c.name())
                                .toUtf8();
                actions.append(note);
                continue;
            }
            target.port = bound->port;
        }
        // Found before the reset: the client's port is gone after it.
        const int serverSide =
            op.kind == ClientOp::Reset && held ? m_fds.dup(connOf(op.client)) : -1;
        const int listener = op.kind == ClientOp::Connect && held
                                 ? m_fds.dup(listenerFd(op.listener, Role::Listener))
                                 : -1;
        const int queuedBefore = listener >= 0 ? net::acceptBacklog(listener) : -1;
        actions.append(c.perform(op, target));
        switch (op.kind) {
        case ClientOp::Connect:
            if (c.fd() >= 0 && listener >= 0) {
                const int expected = backlog.value(listener, queuedBefore) + 1;
                backlog.insert(listener, expected);
                m_settler.expectConnected(c.fd(), listener, expected);
            }
            break;
        case ClientOp::SendTo:
            if (const int u = held ? m_fds.dup(listenerFd(op.listener, Role::Udp)) : -1;
                u >= 0 && actions.last().ret >= 0)
                m_settler.expectReadable(u);
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
            }
            break;
        case ClientOp::Reset:
            if (serverSide >= 0)
                m_settler.expectReset(serverSide);
            break;
        default:
            break;
        }
    }
    m_settler.wait(m_options.settleBudgetMs);
    for (SimClient *c : closing)
        c->finishClose();
    return actions;
}

QList<Action> ScriptedRun::settleReplies(bool programEnded)
{
    const QList<Action> &done = m_process->builder().pendingActions();
    bool sent = false, closed = false, datagram = false;
    for (const Action &a : done) {
        if (a.actor != Action::Actor::Server)
            continue;
        if (a.call == Action::Call::Send || a.call == Action::Call::SendTo)
            sent = true;
        if (a.call == Action::Call::SendTo)
            datagram = true;
        if (a.call == Action::Call::Close) {
            closed = true;
            // The server closed a conn: wait until its client has seen the FIN.
            if (auto it = m_connClient.constFind(a.fd); it != m_connClient.constEnd()) {
                if (const int fd = m_clients[size_t(*it)]->fd(); fd >= 0)
                    m_settler.expectPeerClosed(fd);
                m_connClient.erase(it);
            }
        }
    }
    if (sent && !programEnded)
        for (auto it = m_connClient.begin(); it != m_connClient.end(); ++it)
            if (const int d = m_fds.dup(it.key()); d >= 0)
                m_settler.expectDelivered(d);
    if (datagram) // a reply to whoever sent this tick
        for (const auto &c : m_clients)
            if (c->fd() >= 0 && inetSocketType(c->fd()) == SOCK_DGRAM && c->bytesSent() > 0 &&
                net::bytesReadable(c->fd()) <= 0)
                m_settler.expectReadable(c->fd());
    if (programEnded) {
        // The kernel closed what the program held: each conn's client sees a FIN or a RST.
        for (auto it = m_connClient.begin(); it != m_connClient.end(); ++it)
            if (const int fd = m_clients[size_t(*it)]->fd(); fd >= 0)
                m_settler.expectPeerClosed(fd);
        m_connClient.clear();
        closed = true;
    }
    if (!m_settler.isEmpty())
        m_settler.wait(m_options.settleBudgetMs);
    QList<Action> reads;
    if (!sent && !closed && !std::exchange(m_clientsActed, false))
        return reads;
    m_clientsActed = false;
    for (const auto &c : m_clients)
        reads += c->drain();
    // As the engine does: bytes the program still had queued follow into the room just made.
    if (!programEnded) {
        for (auto it = m_connClient.begin(); it != m_connClient.end(); ++it)
            if (const int client = m_clients[size_t(*it)]->fd(); client >= 0)
                if (const int d = m_fds.dup(it.key()); d >= 0 && net::bytesUnsent(d) > 0)
                    m_settler.expectRefilled(d, client);
        if (!m_settler.isEmpty())
            m_settler.wait(m_options.settleBudgetMs);
    }
    return reads;
}

QList<Action> ScriptedRun::peerPass(bool ran, bool programEnded)
{
    TickBuilder &builder = m_process->builder();
    // What the program did to its connections this tick reaches the server first: connects in
    // its accept queue, bytes in its conns, a closed connection's FIN (or, the program gone,
    // every one's).
    for (const Action &a : builder.pendingActions())
        if (a.actor == Action::Actor::Server && a.call == Action::Call::Close)
            if (const auto it = m_peerClient.constFind(a.fd); it != m_peerClient.constEnd()) {
                if (const int conn = m_peer->connOf(*it); conn >= 0)
                    m_settler.expectPeerClosed(conn);
                m_peerClient.erase(it);
            }
    if (programEnded) {
        for (const int index : std::as_const(m_peerClient))
            if (const int conn = m_peer->connOf(index); conn >= 0)
                m_settler.expectPeerClosed(conn);
        m_peerClient.clear();
    }
    const int unaccepted = m_peer->waitingToBeAccepted();
    for (auto it = m_peerClient.begin(); it != m_peerClient.end(); ++it)
        if (const int d = m_fds.dup(it.key()); d >= 0) {
            if (m_peer->connOf(*it) < 0)
                m_settler.expectConnected(d, m_peer->listener(), unaccepted);
            m_settler.expectDelivered(d);
        }
    m_settler.nudgeAcks();
    if (!m_settler.isEmpty())
        m_settler.wait(m_options.settleBudgetMs);

    if (ran) {
        QHash<int, int> indexOfConn;
        for (int fd : m_peer->fds())
            if (const int i = m_peer->indexOf(fd); i >= 0)
                indexOfConn.insert(fd, i);
        m_peer->pass();
        // What the server sent or closed reaches the program before its next call.
        QList<Action> done = m_peer->takeActions();
        for (const Action &a : std::as_const(done)) {
            if (a.call == Action::Call::Send && a.ret > 0)
                m_settler.expectDelivered(a.fd);
            if (a.call == Action::Call::Close && indexOfConn.contains(a.fd))
                for (auto it = m_peerClient.begin(); it != m_peerClient.end(); ++it)
                    if (*it == indexOfConn.value(a.fd))
                        if (const int d = m_fds.dup(it.key()); d >= 0)
                            m_settler.expectPeerClosed(d);
        }
        if (!m_settler.isEmpty())
            m_settler.wait(m_options.settleBudgetMs);
        builder.addOtherSockets(m_peer->takeOpened(), m_peer->takeClosed());
        return done;
    }
    builder.addOtherSockets(m_peer->takeOpened(), m_peer->takeClosed());
    return m_peer->takeActions();
}

void ScriptedRun::completeTick(bool ended)
{
    TickBuilder &builder = m_process->builder();
    if (!ended && !m_process->isHeld()) {
        // Running freely: no client acts, and reading every socket on every call would cost
        // more than the call itself.
        m_awaiting = false;
        return;
    }
    if (!ended && !m_fds.isOpen())
        m_fds.open(builder.pid());
    const bool ran = std::exchange(m_awaiting, false);
    if (ran)
        builder.addActions(settleReplies(ended));
    if (m_peer)
        builder.addActions(peerPass(ran, ended));
    QList<SocketProbe> atEnd;
    if (!ended)
        atEnd = changedProbes(probeProgram(builder.sockets(), m_fds), m_lastProbes, true);
    else
        m_lastProbes.clear();
    builder.setProbes(std::exchange(m_atCall, {}), atEnd);
    m_fds.closeAll();
}

bool ScriptedRun::step()
{
    if (!m_process || m_process->isFinished())
        return false;
    const qsizetype before = trace().size();
    const int timeout = m_process->builder().pendingTimeoutMs();
    requestStep();
    QEventLoop loop;
    QTimer budget;
    budget.setSingleShot(true);
    connect(&budget, &QTimer::timeout, &loop, &QEventLoop::quit);
    const auto recorded = connect(this, &TickSource::tickRecorded, &loop, &QEventLoop::quit);
    const auto ended = connect(this, &TickSource::finished, &loop, &QEventLoop::quit);
    budget.start(std::max(0, timeout) + m_options.callBudgetMs);
    while (trace().size() == before && !m_process->isFinished() && budget.isActive())
        loop.exec();
    disconnect(recorded);
    disconnect(ended);
    return trace().size() > before;
}

} // namespace mux::exec
