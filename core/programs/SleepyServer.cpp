#include "SleepyServer.h"

#include "engine/Server.h"

#include <poll.h>

namespace mux {

SleepyServer::SleepyServer(QByteArray sleepWord, int sleepTicks, Replies replies)
    : m_sleepWord(std::move(sleepWord)), m_sleepTicks(sleepTicks), m_replies(std::move(replies))
{
}

SleepyServer SleepyServer::fromParams(const QJsonObject &p)
{
    Replies r;
    if (p.contains(QStringLiteral("normal_reply")))
        r.normal = p.value(QStringLiteral("normal_reply")).toString().toUtf8();
    if (p.contains(QStringLiteral("delayed_reply")))
        r.delayed = p.value(QStringLiteral("delayed_reply")).toString().toUtf8();
    return SleepyServer(
        p.value(QStringLiteral("sleep_word")).toString(QStringLiteral("sleep")).toUtf8(),
        p.value(QStringLiteral("sleep_ticks")).toInt(3), r);
}

bool SleepyServer::open(Server &server, int index)
{
    auto fd = server.listenTcp(index);
    if (!fd)
        return false;
    m_listener = *fd;
    return true;
}

// The helper's own readiness check: it is a different process in the document, so it must not
// show up in the client's select. Readable also covers a FIN or an error: recv tells which.
static bool readableNow(int fd)
{
    pollfd p{fd, POLLIN, 0};
    return ::poll(&p, 1, 0) > 0 && (p.revents & (POLLIN | POLLHUP | POLLERR));
}

void SleepyServer::run(Server &server)
{
    server.settle(); // what the client sent this tick has reached the server's queues
    if (m_sleepLeft > 0) {
        if (--m_sleepLeft > 0) {
            server.note(m_sleeper,
                        QStringLiteral("server: still inside time.sleep(), %1 tick(s) to go; "
                                       "nobody is answered")
                            .arg(m_sleepLeft));
            return;
        }
        server.note(m_sleeper, QStringLiteral("server: wakes up and finishes its pass"));
        if (server.info(m_sleeper))
            server.sendAll(m_sleeper, m_replies.delayed + m_sleepWord);
        m_sleeper = -1;
        serve(server); // the rest of the pass the sleep interrupted
        return;
    }
    while (readableNow(m_listener)) {
        auto conn = server.accept(m_listener);
        if (!conn)
            break;
        m_conns.append(*conn);
    }
    for (int fd : std::as_const(m_conns))
        if (readableNow(fd))
            m_pass.append(fd);
    serve(server);
}

void SleepyServer::serve(Server &server)
{
    while (!m_pass.isEmpty()) {
        const int fd = m_pass.takeFirst();
        if (!server.info(fd))
            continue;
        auto data = server.recv(fd);
        if (!data || data->isEmpty()) {
            m_conns.removeOne(fd);
            server.close(fd);
            continue;
        }
        if (*data == m_sleepWord) {
            // time.sleep(5) inside the loop: the whole server stops, not just this request.
            server.note(fd,
                        QStringLiteral("server: time.sleep() for %1 tick(s)").arg(m_sleepTicks));
            m_sleeper = fd;
            m_sleepLeft = m_sleepTicks;
            return;
        }
        server.sendAll(fd, m_replies.normal + *data);
    }
}

} // namespace mux
