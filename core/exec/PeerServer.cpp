#include "PeerServer.h"

#include <QJsonArray>

namespace mux::exec {

bool PeerServer::wanted(const Lesson &lesson)
{
    return lesson.programIsClient();
}

PeerServer::PeerServer(const Lesson &lesson)
    : m_mux(Multiplexer::create(Backend::Poll)),
      m_server(*m_mux, m_actions,
               [this](const net::Endpoint &peer, const net::Endpoint &) {
                   return m_clientAt.value(peer.toString(), -1);
               }),
      m_sleepy(SleepyServer::fromParams(lesson.params))
{
    for (const QJsonValue &m : lesson.params.value(QStringLiteral("messages")).toArray())
        m_messages.append(m.toString());
    // The accepted end of connection i is "conn:<message i>" (Server names it after its client).
    m_server.setClientNames(m_messages);
    m_server.setFirstFd(kFirstFd);
}

PeerServer::~PeerServer() = default;

Result<void> PeerServer::listen(quint16 port)
{
    m_server.setBind(QStringLiteral("127.0.0.1"), port);
    const Server::Branch remote(m_server, Site::Remote);
    if (!m_sleepy.open(m_server, 0))
        return Error{0,
                     QStringLiteral("The lesson's server could not listen on port %1.").arg(port)};
    return {};
}

void PeerServer::knowClient(const net::Endpoint &local, int index)
{
    m_clientAt.insert(local.toString(), index);
}

int PeerServer::connOf(int index) const
{
    if (index < 0 || index >= m_messages.size())
        return -1;
    for (int fd : m_server.fds())
        if (m_server.who(fd) == m_messages[index] && !m_server.isListener(fd))
            return fd;
    return -1;
}

int PeerServer::indexOf(int conn) const
{
    return m_server.isListener(conn) ? -1 : int(m_messages.indexOf(m_server.who(conn)));
}

void PeerServer::pass()
{
    const Server::Branch remote(m_server, Site::Remote);
    m_sleepy.run(m_server);
    for (int fd : m_server.fds())
        if (const int i = indexOf(fd); i >= 0)
            m_accepted.insert(i);
}

int PeerServer::waitingToBeAccepted() const
{
    return int(m_clientAt.size() - m_accepted.size());
}

} // namespace mux::exec
