#include "ExternalWatch.h"

#include "Session.h"

namespace gui {

ExternalWatch::ExternalWatch(Session *session, QObject *parent)
    : QObject(parent), m_session(session)
{
    // Four reads a second: a student's typing shows up at once to a class, and a read of a
    // few dozen sockets costs microseconds.
    m_timer.setInterval(250);
    connect(&m_timer, &QTimer::timeout, this, &ExternalWatch::refresh);
    connect(session, &Session::sessionReset, this, &ExternalWatch::refresh);
    connect(session, &Session::tickAppended, this, &ExternalWatch::refresh);
    m_timer.start();
}

void ExternalWatch::refresh()
{
    QHash<int, mux::SocketProbe> now;
    QList<Peer> peers;
    int backlog = 0;
    if (mux::LessonRun *run = m_session->run()) {
        const mux::Server &server = run->engine().server();
        for (const mux::SocketProbe &p : run->engine().probeNow()) {
            now.insert(p.fd, p);
            const mux::SocketInfo *info = server.info(p.fd);
            if (!info)
                continue;
            if (info->role == mux::Role::Listener)
                backlog += std::max(0, p.backlog);
            else if (info->role == mux::Role::External)
                peers.append({p.fd, info->name, info->label, info->peer, p.readable});
        }
    }
    if (now == m_now && peers == m_peers && backlog == m_backlog)
        return;
    m_now = std::move(now);
    m_peers = std::move(peers);
    m_backlog = backlog;
    emit changed();
}

} // namespace gui
