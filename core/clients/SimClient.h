#pragma once

#include "net/Fd.h"
#include "net/Socket.h"
#include "trace/TickRecord.h"

#include <QByteArray>
#include <QString>

namespace mux {

/// What a simulated client can be told to do at a tick (by the lesson script or the user).
struct ClientOp {
    enum Kind : quint8 {
        Connect,
        Send,
        Shutdown,
        Close,
        Reset,
        SendUrgent,
        StopReading,
        ResumeReading,
        SendTo,
    };
    Kind kind = Send;
    int client = 0;
    QByteArray data;  ///< Send / SendTo payload; SendUrgent sends data[0]
    int listener = 0; ///< Connect / SendTo: which of the server's listeners (L0, L1…)
    /// Connect: SO_RCVBUF set before connecting (0: the kernel's auto-tuned buffer). A client
    /// that stops reading then fills up at a size the lesson knows, not at whatever the
    /// kernel grew the buffer to.
    int rcvbuf = 0;
};
QString opName(ClientOp::Kind k);
std::optional<ClientOp::Kind> opFromName(const QString &name);

/// A client socket the engine drives on the same machine: a real non-blocking TCP (or UDP)
/// socket, connected over loopback to the program's listener. It reads whatever arrives
/// unless told to stop, so "what the client received" is a fact the lesson can check.
class SimClient {
public:
    enum class State : quint8 { Idle, Connecting, Connected, HalfClosed, Closed, Reset, Failed };

    explicit SimClient(QString name, int index) : m_name(std::move(name)), m_index(index) {}

    const QString &name() const { return m_name; }
    int index() const { return m_index; }
    int fd() const { return m_fd.get(); }
    State state() const { return m_state; }
    QString stateName() const;
    const QByteArray &received() const { return m_received; }
    bool reading() const { return m_reading; }
    qint64 bytesSent() const { return m_sent; }
    net::Endpoint localEndpoint() const { return m_local; }
    /// Where it connected or last sent to (the listener's address).
    net::Endpoint remoteEndpoint() const { return m_remote; }

    /// Performs one op on the kernel; returns what it did, for the trace.
    Action perform(const ClientOp &op, const net::Endpoint &target);
    /// Finishes a close after the engine saw the FIN arrive (see Engine's settle).
    void finishClose();
    /// Reads everything waiting (unless stopped); returns the recv actions made.
    QList<Action> drain();

private:
    Action make(Action::Call call) const;

    QString m_name;
    int m_index;
    Fd m_fd;
    State m_state = State::Idle;
    bool m_reading = true;
    bool m_udp = false;
    bool m_closePending = false;
    QByteArray m_received;
    qint64 m_sent = 0;
    net::Endpoint m_local;
    net::Endpoint m_remote;
};

} // namespace mux
