#pragma once

#include "trace/TickRecord.h"

#include <QHash>
#include <QtGlobal>

namespace mux::exec {

/// Duplicates of a traced program's descriptors in muxlab, taken with pidfd_getfd (muxlab is
/// the program's parent, so the kernel allows it): the same socket, so the kernel's view of it
/// (accept backlog, bytes waiting, TCP state) can be read and waited for from here.
///
/// Take them only while the program is held and close them before it runs again (closeAll):
/// a duplicate kept across the program's close() would keep the socket open, and the FIN the
/// program means to send would never leave.
class ProgramFds {
public:
    ProgramFds() = default;
    ~ProgramFds();
    ProgramFds(const ProgramFds &) = delete;
    ProgramFds &operator=(const ProgramFds &) = delete;

    /// Opens a pidfd on pid. False (and every dup() fails) if the kernel refuses.
    bool open(qint64 pid);
    bool isOpen() const { return m_pidfd >= 0; }
    /// Our duplicate of the program's descriptor fd (taken once until closeAll()), or -1.
    int dup(int fd);
    /// Closes every duplicate taken.
    void closeAll();

private:
    int m_pidfd = -1;
    QHash<int, int> m_dups;
};

/// Why each of a held program's IPv4/IPv6 sockets is or is not ready, read through `fds`
/// (FIONREAD, SIOCOUTQ, the TCP state; a listener's accept backlog), in fd order, as the
/// engine probes its own sockets. `sockets`: what the program has open (TickBuilder::sockets()).
QList<SocketProbe> probeProgram(const QHash<int, SocketInfo> &sockets, ProgramFds &fds);

/// Probes that changed since `last`: with `keep`, `last` becomes `now` (a tick's end);
/// without, it stays (a call's start, compared with the last tick's end).
QList<SocketProbe> changedProbes(const QList<SocketProbe> &now, QHash<int, SocketProbe> &last,
                                 bool keep);

/// The kind of socket a descriptor is, as the kernel says: 0 when it is no IPv4/IPv6 socket,
/// else SOCK_STREAM or SOCK_DGRAM.
int inetSocketType(int fd);

} // namespace mux::exec
