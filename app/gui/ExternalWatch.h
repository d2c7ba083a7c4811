#pragma once

#include "trace/TickRecord.h"

#include <QHash>
#include <QObject>
#include <QTimer>

namespace gui {

class Session;

/// Reads the kernel between ticks, while a lesson runs live. An external client is not
/// stepped by the engine: what it sends waits in the kernel until the next call, and so do
/// new connections, in the listener's accept queue. This shows them waiting — FIONREAD on
/// each conn, the backlog of each listener — before the tick that will see them runs.
/// It only reads; nothing here accepts, receives or changes what the next tick returns.
class ExternalWatch : public QObject {
    Q_OBJECT
public:
    /// An external client the server has accepted and still holds.
    struct Peer {
        int fd = -1;
        QString name;     ///< conn:#N
        QString label;    ///< "conn 127.0.0.1:40112 (nc)"
        QString peer;     ///< 127.0.0.1:40112
        int waiting = -1; ///< bytes sent to the server, not yet received by it
        bool operator==(const Peer &) const = default;
    };

    explicit ExternalWatch(Session *session, QObject *parent = nullptr);

    /// Reads now (also done every `intervalMs` on its own).
    void refresh();
    void setInterval(int ms) { m_timer.setInterval(ms); }

    /// The kernel's values right now, by fd; empty when no lesson runs live.
    const QHash<int, mux::SocketProbe> &now() const { return m_now; }
    const QList<Peer> &peers() const { return m_peers; }
    /// Connections waiting in accept queues, over every listener.
    int waitingToBeAccepted() const { return m_backlog; }

signals:
    void changed();

private:
    Session *m_session;
    QTimer m_timer;
    QHash<int, mux::SocketProbe> m_now;
    QList<Peer> m_peers;
    int m_backlog = 0;
};

} // namespace gui
