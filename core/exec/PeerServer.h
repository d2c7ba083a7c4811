#pragma once

#include "engine/Server.h"
#include "lesson/Lesson.h"
#include "programs/SleepyServer.h"

#include <QHash>
#include <QSet>

#include <memory>

namespace mux::exec {

/// The other process of a lesson whose program is a client (client-side-select: the server of
/// document 003 §5.2 that sleeps, SleepyServer). Under `--server python` the lesson's Python
/// client is the traced program and this server is muxlab's: it listens on the run's port and
/// makes one pass of its loop after each of the program's ticks, as the built-in run does
/// (core/programs/ClientSideSelect). Its calls join the program's tick as the other process's
/// (Site::Remote), its sockets the tick's socket list, numbered from kFirstFd so no number is
/// read as one of the program's.
class PeerServer {
public:
    static constexpr int kFirstFd = 1000;
    /// The lesson's program is a client that needs this server.
    static bool wanted(const Lesson &lesson);
    explicit PeerServer(const Lesson &lesson);
    ~PeerServer();

    /// Listens as L0 on 127.0.0.1:port; one sentence if it cannot.
    Result<void> listen(quint16 port);
    /// Who the program's connection number `index` (in connect order) is: its message
    /// ("first"). The lesson names it "client:first", its accepted end here "conn:first".
    /// Empty past the last.
    QString whoOf(int index) const { return m_messages.value(index); }
    /// The program's connection `index` is the one whose local end is `local`.
    void knowClient(const net::Endpoint &local, int index);

    /// One pass of the server's loop.
    void pass();
    /// What the server did since the last take (its listen, then each pass), its sockets
    /// opened and closed.
    QList<Action> takeActions() { return std::exchange(m_actions, {}); }
    QList<SocketInfo> takeOpened() { return m_server.takeOpened(); }
    QList<int> takeClosed() { return m_server.takeClosed(); }

    int listener() const { return m_sleepy.listener(); }
    /// The accepted end of the program's connection `index`, or -1 (not accepted, or closed).
    int connOf(int index) const;
    /// Which of the program's connections conn fd is (-1: none).
    int indexOf(int conn) const;
    /// Every descriptor the server holds.
    const QList<int> &fds() const { return m_server.fds(); }
    /// Connections the program made that are not accepted yet.
    int waitingToBeAccepted() const;

private:
    QStringList m_messages;             ///< one connection per message, in connect order
    std::unique_ptr<Multiplexer> m_mux; // never waited on: the server finds what is ready itself
    QList<Action> m_actions;
    QHash<QString, int> m_clientAt; ///< the program's local endpoint -> its connection's index
    QSet<int> m_accepted;           ///< indexes of the connections accepted so far
    Server m_server;
    SleepyServer m_sleepy;
};

} // namespace mux::exec
