#pragma once

#include "Socket.h"

#include <QList>
#include <QString>

#include <optional>

namespace mux::net {

/// The process at the other end of a loopback TCP connection, as the kernel tells it.
struct PeerProcess {
    qint64 pid = -1;
    QString program; ///< /proc/PID/comm: "nc", "python3", "telnet", "muxlab"
    QString script;  ///< for an interpreter, the script it runs ("echo_client.py"), else empty
    /// "nc", or "python3 echo_client.py".
    QString display() const
    {
        return script.isEmpty() ? program : program + QLatin1Char(' ') + script;
    }
};

/// Finds which process owns the socket whose local address is `peer` and whose remote address
/// is `ours` — the far end of a connection we accepted. Only a peer on this machine can be
/// found, and only when /proc lets us read its descriptors (same user, or root): the kernel's
/// socket table (/proc/net/tcp, tcp6) gives the socket's inode, and the process holding
/// `socket:[inode]` among its /proc/PID/fd is the one. Nothing is guessed: no match, no name.
///
/// Scanning every process costs a few milliseconds, so the finder remembers the processes it
/// found last and looks there first: a class of students each opening one connection, or one
/// script opening a thousand, stays cheap.
class PeerProcessFinder {
public:
    std::optional<PeerProcess> find(const Endpoint &peer, const Endpoint &ours);

private:
    QList<qint64> m_recent; ///< pids that held a peer lately, newest first
};

/// The inode of the TCP socket bound to `local` and connected to `remote`, or 0.
quint64 tcpSocketInode(const Endpoint &local, const Endpoint &remote);

} // namespace mux::net
