#include "Server.h"

#include "Settle.h"

#include <QStringList>

#include <fcntl.h>
#include <sys/resource.h>

#include <algorithm>
#include <cerrno>

namespace mux {

using Call = Action::Call;

Server::Server(Multiplexer &mux, QList<Action> &actions, PeerName peerName)
    : m_mux(mux), m_actions(actions), m_peerName(std::move(peerName))
{
}

Server::~Server() = default;

void Server::setBind(const QString &host, quint16 basePort)
{
    m_host = host;
    m_basePort = basePort;
}

void Server::setExternalLimit(int limit, const QString &message)
{
    m_externalLimit = std::max(0, limit);
    m_limitMessage = message;
}

int Server::externalOpen() const
{
    int n = 0;
    for (const SocketInfo &i : m_info)
        n += i.role == Role::External;
    return n;
}

void Server::record(Action a)
{
    a.actor = Action::Actor::Server;
    m_actions.append(std::move(a));
}

int Server::adopt(Fd fd, SocketInfo info)
{
    const int n = fd.get();
    info.fd = n;
    m_info.insert(n, info);
    m_opened.append(info);
    m_fds.emplace(n, std::move(fd));
    return n;
}

Result<int> Server::listenTcp(int index, quint16 defaultPort)
{
    const quint16 port = m_basePort ? quint16(m_basePort + index) : quint16(0);
    (void)defaultPort; // the caller passes the document's port as the base when serving
    auto fd = net::tcpListen({m_host, port});
    if (!fd) {
        record({.call = Call::Listen,
                .arg = port,
                .err = fd.error().err,
                .ret = -1,
                .data = fd.error().text.toUtf8()});
        return fd.error();
    }
    const net::Endpoint at = net::localEndpoint(fd->get());
    SocketInfo info{.role = Role::Listener,
                    .name = QStringLiteral("L%1").arg(index),
                    .label = QStringLiteral("listener :%1").arg(at.port),
                    .local = at.toString()};
    const int n = adopt(std::move(*fd), info);
    record({.call = Call::Listen, .fd = n, .arg = at.port});
    return n;
}

Result<int> Server::listenTcpAt(int index, quint16 port, bool reuseAddr)
{
    const net::Endpoint at{m_host, port};
    auto fd = reuseAddr ? net::tcpListen(at) : net::tcpListenNoReuse(at);
    if (!fd) {
        record({.call = Call::Listen,
                .arg = port,
                .err = fd.error().err,
                .ret = -1,
                .data = fd.error().text.toUtf8()});
        return fd.error();
    }
    SocketInfo info{.role = Role::Listener,
                    .name = QStringLiteral("L%1").arg(index),
                    .label = QStringLiteral("listener :%1").arg(port),
                    .local = net::localEndpoint(fd->get()).toString()};
    const int n = adopt(std::move(*fd), info);
    record({.call = Call::Listen, .fd = n, .arg = port});
    return n;
}

Result<int> Server::bindUdp(int index, quint16 defaultPort)
{
    (void)defaultPort;
    const quint16 port = m_basePort ? quint16(m_basePort + index) : quint16(0);
    auto fd = net::udpBind({m_host, port});
    if (!fd)
        return fd.error();
    const net::Endpoint at = net::localEndpoint(fd->get());
    SocketInfo info{.role = Role::Udp,
                    .name = QStringLiteral("U%1").arg(index),
                    .label = QStringLiteral("udp :%1").arg(at.port),
                    .local = at.toString()};
    const int n = adopt(std::move(*fd), info);
    record({.call = Call::Listen, .fd = n, .arg = at.port});
    return n;
}

int Server::acceptedConns() const
{
    int n = 0;
    for (const SocketInfo &i : m_info)
        n += i.role == Role::Conn || i.role == Role::External;
    return n;
}

void Server::ensureReserve()
{
    if (m_reserve)
        return;
    // At the top of the table, not the bottom: the lessons' descriptor numbers stay what the
    // documents show. Capped so a huge limit does not grow the kernel's table for nothing.
    rlimit rl{};
    if (getrlimit(RLIMIT_NOFILE, &rl) != 0 || rl.rlim_cur < 8)
        return;
    const int top = int(std::min<rlim_t>(rl.rlim_cur, 65536) - 1);
    Fd null(::open("/dev/null", O_RDONLY | O_CLOEXEC));
    if (!null)
        return; // out of descriptors already: no reserve until one is free again
    if (null.get() == top) {
        m_reserve = std::move(null);
        return;
    }
    if (const int high = ::fcntl(null.get(), F_DUPFD_CLOEXEC, top); high >= 0)
        m_reserve.reset(high);
}

Result<int> Server::accept(int listener)
{
    ensureReserve();
    if (acceptedConns() >= m_maxConns)
        return refuseAccepted(listener,
                              QStringLiteral("Server full: %1 clients are connected, the most "
                                             "this server takes; try again later.")
                                  .arg(m_maxConns),
                              ECONNREFUSED);
    auto n = acceptOne(listener);
    if (n || (n.error().err != EMFILE && n.error().err != ENFILE) || !m_reserve)
        return n;
    // Out of descriptors. The client stays in the accept queue, so a level-triggered listener
    // would come back ready on every call and the loop would spin at 100% CPU: free the reserve
    // for a moment, take the client, tell it, and let it go.
    const QString which =
        n.error().err == EMFILE ? QStringLiteral("EMFILE") : QStringLiteral("ENFILE");
    m_reserve.reset();
    auto r = refuseAccepted(listener,
                            QStringLiteral("Server busy: it has run out of file descriptors "
                                           "(%1); try again later.")
                                .arg(which),
                            n.error().err);
    ensureReserve();
    return r;
}

Result<int> Server::refuseAccepted(int listener, const QString &why, int err)
{
    auto n = acceptOne(listener);
    if (!n)
        return n.error();
    refuse(*n, why);
    return Error{err, why};
}

void Server::refuse(int fd, const QString &why)
{
    note(fd, why, /*refusal=*/true);
    sendAll(fd, why.toUtf8() + '\n');
    close(fd);
}

Result<int> Server::acceptOne(int listener)
{
    net::Endpoint peer;
    auto fd = net::accept(listener, &peer);
    if (!fd) {
        record({.call = Call::Accept, .fd = listener, .err = fd.error().err, .ret = -1});
        return fd.error();
    }
    const net::Endpoint local = net::localEndpoint(fd->get());
    const int client = m_peerName ? m_peerName(peer, local) : -1;
    SocketInfo info;
    info.local = local.toString();
    info.peer = peer.toString();
    const int own = m_outgoing.value(info.peer, -1);
    if (const SocketInfo *out = own >= 0 ? this->info(own) : nullptr) {
        // The program's own connect: name both ends alike (client:first <-> conn:first).
        info.role = Role::Conn;
        info.name =
            QStringLiteral("conn:") + out->name.mid(out->name.indexOf(QLatin1Char(':')) + 1);
        info.label =
            QStringLiteral("conn ") + out->label.mid(out->label.indexOf(QLatin1Char(' ')) + 1);
    } else if (client >= 0 && client < m_clientNames.size()) {
        info.role = Role::Conn;
        info.name = QStringLiteral("conn:") + m_clientNames[client];
        info.label = QStringLiteral("conn %1").arg(m_clientNames[client]);
    } else {
        info.role = Role::External;
        info.name = QStringLiteral("conn:#%1").arg(++m_externalCount);
        info.label = QStringLiteral("conn %1").arg(info.peer);
        if (m_peerNamer)
            if (const QString who = m_peerNamer(peer, net::localEndpoint(fd->get()));
                !who.isEmpty())
                info.label += QStringLiteral(" (%1)").arg(who);
        if (m_externalLimit > 0 && externalOpen() >= m_externalLimit) {
            // Told before it is closed, so a student's nc prints why instead of just ending.
            const int n = adopt(std::move(*fd), info);
            record({.call = Call::Accept, .fd = listener, .ret = n});
            refuse(n, m_limitMessage);
            return Error{EAGAIN, m_limitMessage};
        }
    }
    const int n = adopt(std::move(*fd), info);
    if (own >= 0) {
        m_selfPeer.insert(n, own);
        m_selfPeer.insert(own, n);
    }
    record({.call = Call::Accept, .fd = listener, .ret = n});
    return n;
}

Result<QByteArray> Server::recv(int fd, int max)
{
    auto r = net::recv(fd, max);
    if (!r) {
        record({.call = Call::Recv, .fd = fd, .arg = max, .err = r.error().err, .ret = -1});
        return r;
    }
    record({.call = Call::Recv, .fd = fd, .arg = max, .ret = r->size(), .data = *r});
    return r;
}

Result<qint64> Server::send(int fd, const QByteArray &data)
{
    auto r = net::send(fd, data);
    if (!r) {
        record({.call = Call::Send,
                .fd = fd,
                .arg = int(data.size()),
                .err = r.error().err,
                .ret = -1,
                .data = data});
        return r;
    }
    record(
        {.call = Call::Send, .fd = fd, .arg = int(data.size()), .ret = *r, .data = data.left(*r)});
    if (m_settler && isSelfConnected(fd))
        m_settler->expectDelivered(fd);
    return r;
}

Result<qint64> Server::sendAll(int fd, const QByteArray &data)
{
    qint64 done = 0;
    while (done < data.size()) {
        auto r = net::send(fd, data.mid(done));
        if (!r) {
            record({.call = Call::Send,
                    .fd = fd,
                    .arg = int(data.size()),
                    .err = r.error().err,
                    .ret = -1,
                    .data = data.left(done)});
            return r.error();
        }
        done += *r;
    }
    record({.call = Call::Send, .fd = fd, .arg = int(data.size()), .ret = done, .data = data});
    if (m_settler && isSelfConnected(fd))
        m_settler->expectDelivered(fd);
    return done;
}

Result<QByteArray> Server::recvUrgent(int fd)
{
    auto r = net::recvUrgent(fd);
    record({.call = Call::RecvUrgent,
            .fd = fd,
            .arg = 1,
            .err = r ? 0 : r.error().err,
            .ret = r ? r->size() : -1,
            .data = r ? *r : QByteArray()});
    return r;
}

Result<QByteArray> Server::recvFrom(int fd, net::Endpoint *from, int max)
{
    auto r = net::recvFrom(fd, max, from);
    record({.call = Call::RecvFrom,
            .fd = fd,
            .arg = max,
            .err = r ? 0 : r.error().err,
            .ret = r ? r->size() : -1,
            .data = r ? *r : QByteArray()});
    return r;
}

Result<qint64> Server::sendTo(int fd, const QByteArray &data, const net::Endpoint &to)
{
    auto r = net::sendTo(fd, data, to);
    record({.call = Call::SendTo,
            .fd = fd,
            .arg = int(data.size()),
            .err = r ? 0 : r.error().err,
            .ret = r ? *r : -1,
            .data = data});
    if (r && m_peerName && m_peerName(to, {}) >= 0)
        m_datagramPeers.append(to);
    return r;
}

void Server::close(int fd)
{
    auto it = m_fds.find(fd);
    if (it == m_fds.end())
        return;
    // select() given a closed descriptor fails with EBADF for the whole call; a program must
    // take it out of its lists first. We do it for the program and record it.
    if (m_interest.value(fd, 0))
        unwatch(fd);
    if (const int other = m_selfPeer.value(fd, -1); other >= 0) {
        // Both ends are ours: the other end must see the FIN before the next call.
        if (m_settler)
            m_settler->expectPeerClosed(other);
        m_selfPeer.remove(other);
        m_selfPeer.remove(fd);
    }
    if (const SocketInfo *i = info(fd); i && m_outgoing.value(i->local, -1) == fd)
        m_outgoing.remove(i->local);
    m_fds.erase(it);
    m_info.remove(fd);
    m_deadlines.remove(fd);
    m_closed.append(fd);
    record({.call = Call::Close, .fd = fd});
}

Result<int> Server::connectTcp(const QString &name, int listenerIndex)
{
    int listener = -1;
    for (const SocketInfo &s : std::as_const(m_info))
        if (s.role == Role::Listener && s.name == QStringLiteral("L%1").arg(listenerIndex))
            listener = s.fd;
    if (listener < 0)
        return Error{EINVAL,
                     QStringLiteral("connectTcp: there is no listener L%1").arg(listenerIndex)};
    const net::Endpoint to = net::localEndpoint(listener);
    auto fd = net::tcpConnect(to);
    if (!fd) {
        record({.call = Call::Connect, .arg = listenerIndex, .err = fd.error().err, .ret = -1});
        return fd.error();
    }
    SocketInfo info{.role = Role::Client,
                    .name = QStringLiteral("client:") + name,
                    .label = QStringLiteral("client ") + name,
                    .local = net::localEndpoint(fd->get()).toString(),
                    .peer = to.toString()};
    const int n = adopt(std::move(*fd), info);
    m_outgoing.insert(info.local, n);
    record({.call = Call::Connect, .fd = n, .arg = listenerIndex});
    // Only the client's side is waited for: that is what makes it writable. Its accepted end
    // has arrived by the time bytes sent on it are acknowledged (send waits for that).
    if (m_settler)
        m_settler->expectConnected(n, -1, 0);
    return n;
}

bool Server::isSelfConnected(int fd) const
{
    if (m_selfPeer.contains(fd))
        return true;
    const SocketInfo *i = info(fd);
    return i && m_outgoing.value(i->local, -1) == fd;
}

void Server::settle()
{
    if (m_settler && !m_settler->isEmpty())
        m_settler->wait();
}

QString Server::peerLabel(const net::Endpoint &peer) const
{
    const int client = m_peerName ? m_peerName(peer, {}) : -1;
    if (client >= 0 && client < m_clientNames.size())
        return QStringLiteral("client ") + m_clientNames[client];
    return peer.toString();
}

QList<net::Endpoint> Server::takeDatagramPeers()
{
    return std::exchange(m_datagramPeers, {});
}

void Server::note(int fd, const QString &text, bool refusal)
{
    record({.call = refusal ? Call::Refuse : Call::Note, .fd = fd, .data = text.toUtf8()});
}

void Server::measure(int fd, const QString &text)
{
    record({.call = Call::Measure, .fd = fd, .data = text.toUtf8()});
}

void Server::setDeadline(int fd, int ms, const char *why)
{
    if (ms <= 0 || m_deadlines.contains(fd) || !m_info.contains(fd))
        return;
    m_deadlines.insert(fd, {m_nowMs + ms, why, ms / 1000.0});
}

void Server::clearDeadline(int fd)
{
    m_deadlines.remove(fd);
}

qint64 Server::msToNextDeadline() const
{
    qint64 next = -1;
    for (const Deadline &d : m_deadlines)
        next = next < 0 ? d.atMs : std::min(next, d.atMs);
    return next < 0 ? -1 : std::max<qint64>(0, next - m_nowMs);
}

QList<int> Server::expireDeadlines()
{
    QList<int> due;
    for (auto it = m_deadlines.cbegin(); it != m_deadlines.cend(); ++it)
        if (it->atMs <= m_nowMs)
            due.append(it.key());
    std::sort(due.begin(), due.end()); // the same order on every run
    for (int fd : std::as_const(due)) {
        refuse(fd, QStringLiteral("Timed out: ") + m_deadlines.value(fd).english());
    }
    return due;
}

Result<void> Server::watch(int fd, Events events)
{
    const Events before = m_interest.value(fd, 0);
    const Events after = Events(before | (events & kRequestable));
    if (after == before)
        return {};
    auto r = before ? m_mux.modify(fd, after) : m_mux.add(fd, after);
    if (!r) {
        record({.call = Call::Watch,
                .fd = fd,
                .arg = events,
                .err = r.error().err,
                .ret = -1,
                .data = r.error().text.toUtf8()});
        return r;
    }
    m_interest.insert(fd, after);
    m_changes.append({fd, after});
    record({.call = before ? Call::Modify : Call::Watch, .fd = fd, .arg = after, .ret = before});
    return {};
}

void Server::unwatch(int fd, Events events)
{
    const Events before = m_interest.value(fd, 0);
    const Events after = Events(before & ~events);
    if (after == before)
        return;
    if (after)
        m_mux.modify(fd, after);
    else
        m_mux.remove(fd);
    if (after)
        m_interest.insert(fd, after);
    else
        m_interest.remove(fd);
    m_changes.append({fd, after});
    record({.call = after ? Call::Modify : Call::Unwatch, .fd = fd, .arg = after, .ret = before});
}

bool Server::isListener(int fd) const
{
    auto it = m_info.constFind(fd);
    return it != m_info.constEnd() && it->role == Role::Listener;
}

int Server::listenerIndex(int fd) const
{
    auto it = m_info.constFind(fd);
    if (it == m_info.constEnd() || (it->role != Role::Listener && it->role != Role::Udp))
        return -1;
    return it->name.mid(1).toInt();
}

const SocketInfo *Server::info(int fd) const
{
    auto it = m_info.constFind(fd);
    return it == m_info.constEnd() ? nullptr : &*it;
}

QList<int> Server::fds() const
{
    QList<int> out;
    out.reserve(qsizetype(m_fds.size()));
    for (const auto &[fd, owned] : m_fds)
        out.append(fd);
    std::sort(out.begin(), out.end());
    return out;
}

QList<net::Endpoint> Server::listenAddresses() const
{
    QList<std::pair<QString, net::Endpoint>> named;
    for (const SocketInfo &s : m_info)
        if (s.role == Role::Listener || s.role == Role::Udp)
            named.append({s.name, net::localEndpoint(s.fd)});
    std::sort(named.begin(), named.end(),
              [](auto &a, auto &b) { return a.first.mid(1).toInt() < b.first.mid(1).toInt(); });
    QList<net::Endpoint> out;
    for (auto &n : named)
        out.append(n.second);
    return out;
}

QList<FdEvents> Server::takeInterestChanges()
{
    return std::exchange(m_changes, {});
}

QList<SocketInfo> Server::takeOpened()
{
    return std::exchange(m_opened, {});
}

QList<int> Server::takeClosed()
{
    return std::exchange(m_closed, {});
}

} // namespace mux
