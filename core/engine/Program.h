#pragma once

#include "mux/Events.h"
#include "net/Result.h"

#include <QByteArray>
#include <QHash>
#include <QList>

namespace mux {

class Server;

/// A lesson's server: a small class that takes the Server (muduo's examples take the loop).
/// It never calls the kernel itself; every socket call goes through Server, which makes it and
/// records it, so the trace holds exactly what the program did.
class Program {
public:
    virtual ~Program() = default;
    /// Opens the listeners and sets the first interest. Called once, before tick 1.
    virtual Result<void> start(Server &server) = 0;
    /// Handles what one select/poll/epoll_wait call returned.
    virtual void handle(Server &server, const QList<FdEvents> &ready) = 0;
    /// The server closed fd on its own (its deadline passed): drop whatever is kept for it.
    virtual void forget(int fd) { (void)fd; }
    /// The timeout the program passes to the call; -1 blocks (Python's select with no timeout).
    virtual int timeoutMs() const { return 1000; }
    /// The messages waiting to be sent, per conn fd, oldest first (the queue servers of the
    /// documents). Live state for the GUI's queue pane; programs without queues keep none.
    virtual QHash<int, QList<QByteArray>> queues() const { return {}; }
};

} // namespace mux
