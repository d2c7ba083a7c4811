#include "Server.h"

#include "Settle.h"

#include <QStringList>

#include <cerrno>

namespace mux {

using Call = Action::Call;

namespace {
quint32 connKey(quint16 localPort, quint16 remotePort)
{
    return quint32(localPort) << 16 | remotePort;
}
} // namespace

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

void Server::record(Action a)
{
    a.actor = Action::Actor::Server;
    a.site = m_site;
    m_actions.append(std::move(a));
}

int Server::adopt(SocketTable::Socket socket)
{
    if (m_firstFd > 0 && socket.fd.get() < m_firstFd)
        if (Fd moved = duplicate(socket.fd.get(), m_firstFd))
            socket.fd = std::move(moved);
    const int n = m_sockets.adopt(std::move(socket));
    m_opened.append(*m_sockets.info(n));
    return n;
}

Result<int> Server::accept(int listener)
{
    m_admission.keepReserve();
    const int accepted = m_sockets.count(Role::Conn) + m_sockets.count(Role::External);
    if (const auto full = m_admission.beforeAccept(accepted))
        return turnAway(listener, *full);
    auto n = acceptOne(listener);
    if (n)
        return n;
    // Out of descriptors, the client stays in the accept queue, so a level-triggered listener
    // would come back ready on every call and the loop would spin at 100% CPU: free the reserve
    // for a moment, take the client, tell it, and let it go.
    const auto busy = m_admission.outOfDescriptors(n.error().err);
    if (!busy)
        return n;
    m_admission.releaseReserve();
    const Error e = turnAway(listener, *busy);
    m_admission.keepReserve();
    return e;
}

Error Server::turnAway(int listener, const Refusal &refusal)
{
    auto n = acceptOne(listener);
    if (!n)
        return n.error();
    refuse(*n, refusal.text);
    return Error{refusal.err, refusal.text};
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
        record({.call = Call::Accept, .fd = listener, .err = qint16(fd.error().err), .ret = -1});
        return fd.error();
    }
    const net::Endpoint local = net::localEndpoint(fd->get());
    SocketTable::Socket s{.fd = std::move(*fd), .local = local, .peer = peer};
    s.info.local = local.toString();
    s.info.peer = peer.toString();
    const int own = m_outgoing.value(connKey(peer.port, local.port), -1);
    const int client = own >= 0 ? -1 : m_peerName ? m_peerName(peer, local) : -1;
    std::optional<Refusal> refusal;
    if (own >= 0 || (client >= 0 && client < m_clientNames.size())) {
        // A simulated client, or the program's own connect: both ends are named alike
        // (client:first <-> conn:first).
        s.who = own >= 0 ? m_sockets.find(own)->who : m_clientNames[client];
        s.info.role = Role::Conn;
        s.info.name = QStringLiteral("conn:") + s.who;
        s.info.label = QStringLiteral("conn ") + s.who;
    } else {
        s.who = QStringLiteral("#%1").arg(++m_externalCount);
        s.info.role = Role::External;
        s.info.name = QStringLiteral("conn:") + s.who;
        s.info.label = QStringLiteral("conn %1").arg(s.info.peer);
        if (m_peerNamer)
            if (const QString who = m_peerNamer(peer, local); !who.isEmpty())
                s.info.label += QStringLiteral(" (%1)").arg(who);
        refusal = m_admission.forPeer(peer.host);
        if (!refusal)
            refusal = m_admission.forExternal(externalOpen());
    }
    const int n = adopt(std::move(s));
    record({.call = Call::Accept, .fd = listener, .ret = n});
    if (refusal) {
        // Told before it is closed, so a student's nc prints why instead of just ending.
        refuse(n, refusal->text);
        return Error{refusal->err, refusal->text};
    }
    if (own >= 0) {
        m_selfPeer.insert(n, own);
        m_selfPeer.insert(own, n);
    }
    return n;
}

Result<QByteArray> Server::recv(int fd, int max)
{
    auto r = net::recv(fd, max);
    if (!r) {
        record({.call = Call::Recv, .fd = fd, .arg = max, .err = qint16(r.error().err), .ret = -1});
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
                .err = qint16(r.error().err),
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
            // As strace would show it: the part that went, then the send that failed with the
            // bytes it tried, and, when the kernel had no room, a line saying they are lost.
            if (done > 0)
                record({.call = Call::Send,
                        .fd = fd,
                        .arg = int(done),
                        .ret = done,
                        .data = data.left(done)});
            record({.call = Call::Send,
                    .fd = fd,
                    .arg = int(data.size() - done),
                    .err = qint16(r.error().err),
                    .ret = -1,
                    .data = data.mid(done)});
            if (r.error().err == EAGAIN || r.error().err == EWOULDBLOCK)
                note(fd, QStringLiteral("%1 of %2 bytes not sent: the send buffer is full (the "
                                        "peer is not reading); this server drops them")
                             .arg(data.size() - done)
                             .arg(data.size()));
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
            .err = qint16(r ? 0 : r.error().err),
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
            .err = qint16(r ? 0 : r.error().err),
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
            .err = qint16(r ? 0 : r.error().err),
            .ret = r ? *r : -1,
            .data = data});
    if (r && m_peerName && m_peerName(to, {}) >= 0)
        m_datagramPeers.append(to);
    return r;
}

void Server::close(int fd)
{
    const SocketTable::Socket *s = m_sockets.find(fd);
    if (!s)
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
    if (const quint32 key = connKey(s->local.port, s->peer.port); m_outgoing.value(key) == fd)
        m_outgoing.remove(key);
    m_sockets.erase(fd);
    m_deadlines.clear(fd);
    m_closed.append(fd);
    record({.call = Call::Close, .fd = fd});
}

Result<int> Server::connectTcp(const QString &name, int listenerIndex)
{
    const int listener = m_sockets.listenerFd(listenerIndex);
    if (listener < 0 || !isListener(listener))
        return Error{EINVAL,
                     QStringLiteral("connectTcp: there is no listener L%1").arg(listenerIndex)};
    const net::Endpoint to = net::localEndpoint(listener);
    bool inProgress = false;
    auto fd = net::tcpConnect(to, 0, &inProgress);
    if (!fd) {
        record({.call = Call::Connect,
                .arg = listenerIndex,
                .err = qint16(fd.error().err),
                .ret = -1});
        return fd.error();
    }
    const net::Endpoint local = net::localEndpoint(fd->get());
    SocketTable::Socket s{.fd = std::move(*fd), .who = name, .local = local, .peer = to};
    s.info = {.role = Role::Client,
              .name = QStringLiteral("client:") + name,
              .label = QStringLiteral("client ") + name,
              .local = local.toString(),
              .peer = to.toString()};
    const int n = adopt(std::move(s));
    m_outgoing.insert(connKey(local.port, to.port), n);
    record({.call = Call::Connect,
            .fd = n,
            .arg = listenerIndex,
            .err = qint16(inProgress ? EINPROGRESS : 0),
            .ret = inProgress ? -1 : 0});
    // Only the client's side is waited for: that is what makes it writable. Its accepted end
    // has arrived by the time bytes sent on it are acknowledged (send waits for that).
    if (m_settler)
        m_settler->expectConnected(n, -1, 0);
    return n;
}

bool Server::isSelfConnected(int fd) const
{
    if (m_outgoing.isEmpty() && m_selfPeer.isEmpty())
        return false; // the program made no connect of its own (every server but two)
    if (m_selfPeer.contains(fd))
        return true;
    const SocketTable::Socket *s = m_sockets.find(fd);
    return s && m_outgoing.value(connKey(s->local.port, s->peer.port), -1) == fd;
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
    if (m_sockets.find(fd))
        m_deadlines.set(fd, m_nowMs, ms, why);
}

QList<int> Server::expireDeadlines()
{
    const QList<int> due = m_deadlines.due(m_nowMs);
    for (int fd : due)
        refuse(fd, QStringLiteral("Timed out: ") + m_deadlines.value(fd).english());
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
                .err = qint16(r.error().err),
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

} // namespace mux
