#include "ClientMatch.h"

#include "engine/SocketTable.h"

namespace mux {

namespace {

// A connection as seen from the server: the peer's address and port, and the local port.
struct Pair {
    QString peerHost;
    quint16 peerPort = 0;
    quint16 localPort = 0;
    bool operator==(const Pair &) const = default;
};

size_t qHash(const Pair &p, size_t seed = 0)
{
    return qHashMulti(seed, p.peerHost, p.peerPort, p.localPort);
}

} // namespace

int ClientMatch::clientAt(const net::Endpoint &peer, const net::Endpoint &local) const
{
    for (const auto &c : m_clients)
        if (c->fd() >= 0 && c->localEndpoint() == peer &&
            (local.port == 0 || c->remoteEndpoint().port == local.port))
            return c->index();
    return -1;
}

int ClientMatch::connOf(const SimClient &c, const SocketTable &sockets) const
{
    for (int fd : sockets.fds())
        if (const SocketTable::Socket *s = sockets.find(fd);
            s->info.role == Role::Conn && s->peer == c.localEndpoint() &&
            s->local.port == c.remoteEndpoint().port)
            return fd;
    return -1;
}

QHash<int, int> ClientMatch::connsToClients(const SocketTable &sockets) const
{
    QHash<Pair, int> clientAt;
    for (const auto &c : m_clients)
        if (c->fd() >= 0)
            clientAt.insert(
                {c->localEndpoint().host, c->localEndpoint().port, c->remoteEndpoint().port},
                c->fd());
    QHash<int, int> out;
    if (clientAt.isEmpty())
        return out;
    for (int fd : sockets.fds())
        if (const SocketTable::Socket *s = sockets.find(fd); s->info.role == Role::Conn)
            if (const int c = clientAt.value({s->peer.host, s->peer.port, s->local.port}, -1);
                c >= 0)
                out.insert(fd, c);
    return out;
}

} // namespace mux
