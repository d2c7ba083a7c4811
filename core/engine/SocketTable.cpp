#include "SocketTable.h"

#include <algorithm>

namespace mux {

int SocketTable::adopt(Socket socket)
{
    const int n = socket.fd.get();
    socket.info.fd = n;
    const int index = socket.listenerIndex;
    ++m_countByRole[int(socket.info.role)];
    if (m_byFd.size() <= size_t(n)) {
        m_byFd.resize(size_t(n) + 1);
        m_listenerByFd.resize(size_t(n) + 1);
    }
    m_listenerByFd[size_t(n)] = socket.info.role == Role::Listener;
    m_byFd[size_t(n)] = std::make_unique<Socket>(std::move(socket));
    m_fds.insert(std::lower_bound(m_fds.begin(), m_fds.end(), n), n);
    if (index >= 0) {
        if (m_listeners.size() <= index)
            m_listeners.resize(index + 1, -1);
        m_listeners[index] = n;
    }
    return n;
}

bool SocketTable::erase(int fd)
{
    const Socket *s = find(fd);
    if (!s)
        return false;
    --m_countByRole[int(s->info.role)];
    if (const int index = s->listenerIndex; index >= 0 && m_listeners.value(index) == fd)
        m_listeners[index] = -1;
    m_byFd[size_t(fd)].reset();
    m_listenerByFd[size_t(fd)] = false;
    m_fds.erase(std::lower_bound(m_fds.begin(), m_fds.end(), fd));
    return true;
}

int SocketTable::listenerFd(int index) const
{
    return m_listeners.value(index, -1);
}

QList<net::Endpoint> SocketTable::listenAddresses() const
{
    QList<net::Endpoint> out;
    for (int fd : m_listeners)
        out.append(fd >= 0 ? net::localEndpoint(fd) : net::Endpoint{});
    return out;
}

} // namespace mux
