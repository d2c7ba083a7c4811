#pragma once

#include "clients/SimClient.h"

#include <QHash>

#include <memory>
#include <vector>

namespace mux {

class SocketTable;

/// Which simulated client is at the far end of a server socket, told by the endpoint pair: the
/// client's local endpoint is the conn's peer, and the client's remote port is the conn's local
/// port. Both halves are needed: Linux gives two connects to different listeners the same
/// ephemeral port, so the peer alone can name the wrong client.
class ClientMatch {
public:
    using Clients = std::vector<std::unique_ptr<SimClient>>;
    explicit ClientMatch(const Clients &clients) : m_clients(clients) {}

    /// The index of the connected client at `peer` that reached `local` (port 0: any), or -1.
    int clientAt(const net::Endpoint &peer, const net::Endpoint &local = {}) const;
    /// The server socket at the other end of client `c`'s connection, or -1.
    int connOf(const SimClient &c, const SocketTable &sockets) const;
    /// Every server conn whose pair matches a connected client: conn fd -> the client's fd.
    QHash<int, int> connsToClients(const SocketTable &sockets) const;

private:
    const Clients &m_clients;
};

} // namespace mux
