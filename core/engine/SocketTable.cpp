#include "SocketTable.h"

#include <algorithm>

namespace mux {

int SocketTable::adopt(Socket socket)
{
    const int n = socket.fd.get();
    socket.info.fd = n;
    const int index = socket.listenerIndex;
    ++m_countByRole[int(socket.info.role)];
    m_sockets.insert_or_assign(n, std::move(socket));
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
    auto it = m_sockets.find(fd);
    if (it == m_sockets.end())
        return false;
    --m_countByRole[int(it->second.info.role)];
    if (const int index = it->second.listenerIndex; index >= 0 && m_listeners.value(index) == fd)
        m_listeners[index] = -1;
    m_sockets.erase(it);
    m_fds.erase(std::lower_bound(m_fds.begin(), m_fds.end(), fd));
    return true;
}

const SocketTable::Socket *SocketTable::find(int fd) const
{
    auto it = m_sockets.find(fd);
    return it == m_sockets.end() ? nullptr : &it->second;
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
