#include "FdSetSizeServer.h"
#include "Listen.h"

#include "ProgramFactory.h"
#include "Refuse.h"
#include "engine/Server.h"
#include "mux/WaitCost.h"

#include <QJsonObject>

#include <sys/select.h>

namespace mux {

// Room above FD_SETSIZE for the client's socket and the accepted conn, and some to spare.
constexpr int kHeadroom = 64;

FdSetSizeServer::FdSetSizeServer(const QJsonObject &p)
    : m_ports(portsParam(p)), m_greeting(p.value(QStringLiteral("greeting")).toString().toUtf8()),
      m_recvSize(p.value(QStringLiteral("recv_size")).toInt(1024)),
      m_timeoutMs(p.value(QStringLiteral("timeout_ms")).toInt(1000))
{
}

Result<void> FdSetSizeServer::start(Server &server)
{
    // Many systems start processes with a soft limit of exactly 1024 descriptors, which is why
    // select's limit so rarely shows: the process runs out of numbers first.
    m_limit = raiseOpenFileLimit();
    return listenOnEvery(server, m_ports);
}

void FdSetSizeServer::fill(Server &server, int fd)
{
    if (!m_spares.empty()) {
        server.sendAll(fd, "already filled\n");
        return;
    }
    if (m_limit < FD_SETSIZE + kHeadroom) {
        server.note(fd,
                    QStringLiteral("cannot go past descriptor %1 here: RLIMIT_NOFILE's hard limit "
                                   "is %2, so this machine never gives select() a number it "
                                   "cannot hold (raise it with `ulimit -Hn` as root)")
                        .arg(FD_SETSIZE - 1)
                        .arg(m_limit),
                    /*refusal=*/true);
        const Server::Branch invalid(server, Site::Invalid);
        server.sendAll(fd, "cannot fill: the descriptor limit is too low\n");
        return;
    }
    Fd null = Server::openDevNull();
    if (!null) {
        server.note(fd, QStringLiteral("cannot open /dev/null"), true);
        return;
    }
    // F_DUPFD hands out the lowest free number, so this fills every gap below FD_SETSIZE.
    int first = null.get();
    int last = null.get();
    m_spares.push_back(std::move(null));
    while (last < FD_SETSIZE - 1) {
        Fd copy = Server::duplicate(m_spares.front().get(), 0);
        if (!copy)
            break;
        first = std::min(first, copy.get());
        last = copy.get();
        m_spares.push_back(std::move(copy));
    }
    server.note(fd, QStringLiteral("opened %1 spare descriptors (copies of /dev/null, %2 to %3): "
                                   "the next socket gets a number of %4 or more")
                        .arg(m_spares.size())
                        .arg(first)
                        .arg(last)
                        .arg(FD_SETSIZE));
    server.sendAll(fd, "filled\n");
}

void FdSetSizeServer::release(Server &server, int fd)
{
    const size_t n = m_spares.size();
    m_spares.clear();
    server.note(fd, QStringLiteral("closed the %1 spare descriptors: the process is back to the "
                                   "descriptors it had")
                        .arg(n));
    server.sendAll(fd, "released\n");
}

void FdSetSizeServer::handle(Server &server, const QList<FdEvents> &ready)
{
    for (const FdEvents &r : ready) {
        if (!server.info(r.fd))
            continue;
        if (server.isListener(r.fd)) {
            const Server::Branch branch(server, Site::Listener);
            // acceptAndWatch: when watch() fails (select, fd >= FD_SETSIZE) the failed watch is
            // in the trace, and the client hears why before the conn is closed.
            const int conn = acceptAndWatch(server, r.fd);
            if (conn >= 0 && !m_greeting.isEmpty())
                server.sendAll(conn, m_greeting);
            continue;
        }
        const Server::Branch branch(server, Site::Conn);
        auto data = server.recv(r.fd, m_recvSize);
        if (!data || data->isEmpty()) {
            server.close(r.fd);
            continue;
        }
        const QByteArray word = data->trimmed();
        if (word == "fill") {
            const Server::Branch fillBranch(server, Site::Fill);
            fill(server, r.fd);
        } else if (word == "release") {
            const Server::Branch releaseBranch(server, Site::Release);
            release(server, r.fd);
        } else
            server.sendAll(r.fd, *data);
    }
}

} // namespace mux
