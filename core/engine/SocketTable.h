#pragma once

#include "net/Fd.h"
#include "net/Socket.h"
#include "trace/TickRecord.h"

#include <QList>

#include <memory>
#include <vector>

namespace mux {

/// Every descriptor the program owns, and who each one is. The trace's SocketInfo carries
/// names for people ("L0", "conn:A"); the table keeps the same identity as values the engine
/// compares (a listener's index, both endpoints), so nothing is ever parsed back from a name.
class SocketTable {
public:
    struct Socket {
        Fd fd;
        SocketInfo info;
        int listenerIndex = -1; ///< L<i> or U<i>: i; -1 for every other socket
        QString who;            ///< who is at the far end: "A", "first", "#3"; empty for listeners
        net::Endpoint local;
        net::Endpoint peer;
    };

    /// Takes fd over; info.fd is set to its number, which is returned.
    int adopt(Socket socket);
    /// Closes fd (the Fd goes out of scope); false if the table did not hold it.
    bool erase(int fd);

    /// Every call the program makes asks this: an index, not a hash lookup.
    const Socket *find(int fd) const
    {
        return fd >= 0 && size_t(fd) < m_byFd.size() ? m_byFd[size_t(fd)].get() : nullptr;
    }
    const SocketInfo *info(int fd) const
    {
        const Socket *s = find(fd);
        return s ? &s->info : nullptr;
    }
    /// True when fd is a TCP listener. A program asks this of every ready fd: answered from a
    /// byte per fd, not from the Socket (a separate allocation, cold after the kernel's work).
    bool isListener(int fd) const
    {
        return fd >= 0 && size_t(fd) < m_listenerByFd.size() && m_listenerByFd[size_t(fd)];
    }
    /// Every fd held, ascending. Kept sorted as sockets come and go, so reading it is free.
    const QList<int> &fds() const { return m_fds; }
    int size() const { return int(m_fds.size()); }
    int count(Role role) const { return m_countByRole[int(role)]; }

    /// The listener (TCP or UDP) numbered `index`, or -1.
    int listenerFd(int index) const;
    /// Where each listener is, in index order: what clients connect or send to.
    QList<net::Endpoint> listenAddresses() const;

private:
    /// By fd number: descriptors are small and dense (the kernel hands out the lowest free
    /// one). A Socket never moves once adopted, so a pointer to one stays valid until erase.
    std::vector<std::unique_ptr<Socket>> m_byFd;
    std::vector<bool> m_listenerByFd; ///< by fd number, as m_byFd
    QList<int> m_fds;
    QList<int> m_listeners; ///< fds of listeners, by index (-1: none with that index)
    int m_countByRole[int(Role::Udp) + 1] = {};
};

} // namespace mux
