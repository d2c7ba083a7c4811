#pragma once

#include "net/Result.h"
#include "net/Socket.h"

namespace mux::net {

/// The state (TCP_ESTABLISHED … TCP_CLOSING from <netinet/tcp.h>; TCP_TIME_WAIT is 6) of the
/// one IPv4 TCP socket with exactly this 4-tuple, as the kernel's connection table holds it at
/// this instant, or 0 when the table holds none. Asked over sock_diag netlink
/// (NETLINK_SOCK_DIAG, an inet_diag_req_v2 naming the 4-tuple, as `ss` does): one hash lookup
/// in the kernel, so unlike a read of /proc/net/tcp (walked over several read() calls while
/// other sockets come and go) it can neither miss the socket nor count it twice.
/// A listener on `local`'s port is not that socket and gives 0.
Result<int> tcpStateOf(const Endpoint &local, const Endpoint &peer);
/// The inode of that same socket (what /proc/PID/fd shows as socket:[inode]), or 0.
Result<quint64> tcpInodeOf(const Endpoint &local, const Endpoint &peer);

/// 1 when the socket with exactly this 4-tuple is in one of `states` (a mask of 1 << TCP_*),
/// else 0.
Result<int> tcpSocketsInStates(const Endpoint &local, const Endpoint &peer, quint32 states);

} // namespace mux::net
