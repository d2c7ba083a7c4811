#include "SimClient.h"

#include <cerrno>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

namespace mux {

static const char *const kOpNames[] = {"connect",      "send",           "shutdown",
                                       "close",        "reset",          "urgent",
                                       "stop_reading", "resume_reading", "sendto"};

QString opName(ClientOp::Kind k)
{
    return QLatin1String(kOpNames[k]);
}

std::optional<ClientOp::Kind> opFromName(const QString &name)
{
    for (int i = 0; i <= ClientOp::SendTo; ++i)
        if (name == QLatin1String(kOpNames[i]))
            return ClientOp::Kind(i);
    return std::nullopt;
}

QString SimClient::stateName() const
{
    switch (m_state) {
    case State::Idle:
        return QStringLiteral("idle");
    case State::Connecting:
        return QStringLiteral("connecting");
    case State::Connected:
        return QStringLiteral("connected");
    case State::HalfClosed:
        return QStringLiteral("half-closed");
    case State::Closed:
        return QStringLiteral("closed");
    case State::Reset:
        return QStringLiteral("reset");
    case State::Failed:
        return QStringLiteral("failed");
    }
    return {};
}

Action SimClient::make(Action::Call call) const
{
    Action a;
    a.actor = Action::Actor::Client;
    a.call = call;
    a.client = qint16(m_index);
    a.fd = m_fd.get();
    return a;
}

Action SimClient::perform(const ClientOp &op, const net::Endpoint &target)
{
    using Call = Action::Call;
    switch (op.kind) {
    case ClientOp::Connect: {
        bool inProgress = false;
        auto fd = net::tcpConnect(target, op.rcvbuf, &inProgress);
        Action a = make(Call::Connect);
        a.arg = op.listener;
        if (!fd) {
            m_state = State::Failed;
            a.ret = -1;
            a.err = fd.error().err;
            return a;
        }
        m_fd = std::move(*fd);
        // No Nagle: two sends in one tick must both leave before the engine settles. With Nagle
        // the second waits for the first one's (delayed, ~40 ms) ACK, longer than the settle
        // waits for a stalled queue, so a lesson would give different ticks run to run.
        const int one = 1;
        ::setsockopt(m_fd.get(), IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        m_local = net::localEndpoint(m_fd.get());
        m_remote = target;
        m_state = State::Connecting;
        m_udp = false;
        a.fd = m_fd.get();
        if (inProgress) { // non-blocking: the handshake finishes after the call
            a.ret = -1;
            a.err = EINPROGRESS;
        }
        return a;
    }
    case ClientOp::SendTo: {
        if (!m_fd) {
            // A UDP client has no connection: its socket exists from the first datagram on.
            auto fd = net::udpBind({QStringLiteral("127.0.0.1"), 0});
            if (fd) {
                m_fd = std::move(*fd);
                m_local = net::localEndpoint(m_fd.get());
                m_udp = true;
                m_state = State::Connected;
            }
        }
        Action a = make(Call::SendTo);
        auto r = net::sendTo(m_fd.get(), op.data, target);
        a.arg = int(op.data.size());
        a.ret = r ? *r : -1;
        a.err = r ? 0 : r.error().err;
        a.data = op.data;
        m_sent += r ? *r : 0;
        return a;
    }
    case ClientOp::Send: {
        Action a = make(Call::Send);
        a.arg = int(op.data.size());
        auto r = net::send(m_fd.get(), op.data);
        a.ret = r ? *r : -1;
        a.err = r ? 0 : r.error().err;
        a.data = r ? op.data.left(*r) : QByteArray();
        if (r)
            m_sent += *r;
        if (m_state == State::Connecting)
            m_state = State::Connected;
        return a;
    }
    case ClientOp::SendUrgent: {
        Action a = make(Call::SendUrgent);
        auto r = net::sendUrgent(m_fd.get(), op.data.isEmpty() ? '!' : op.data.at(0));
        a.arg = 1;
        a.ret = r ? *r : -1;
        a.err = r ? 0 : r.error().err;
        a.data = op.data.left(1);
        return a;
    }
    case ClientOp::Shutdown: {
        Action a = make(Call::Shutdown);
        auto r = net::shutdownWrite(m_fd.get());
        a.ret = r ? 0 : -1;
        a.err = r ? 0 : r.error().err;
        if (r)
            m_state = State::HalfClosed;
        return a;
    }
    case ClientOp::Close: {
        Action a = make(Call::Close);
        // close() on a socket with unread bytes sends RST, not FIN (RFC 2525 §2.17). Otherwise
        // we shut the write side first so the engine can wait for the FIN to be acknowledged
        // (the peer has seen it) before the descriptor goes — the peer sees the same thing.
        if (m_udp || net::bytesReadable(m_fd.get()) > 0) {
            m_fd.reset();
            m_state = State::Closed;
        } else {
            net::shutdownWrite(m_fd.get());
            m_closePending = true;
        }
        return a;
    }
    case ClientOp::Reset: {
        Action a = make(Call::Reset);
        auto r = net::resetAndClose(m_fd);
        a.ret = r ? 0 : -1;
        a.err = r ? 0 : r.error().err;
        m_state = State::Reset;
        return a;
    }
    case ClientOp::StopReading:
        m_reading = false;
        return make(Call::StopReading);
    case ClientOp::ResumeReading:
        m_reading = true;
        return make(Call::ResumeReading);
    }
    return make(Call::Note);
}

void SimClient::finishClose()
{
    if (!m_closePending)
        return;
    m_closePending = false;
    m_fd.reset();
    m_state = State::Closed;
}

QList<Action> SimClient::drain()
{
    QList<Action> out;
    if (!m_fd || !m_reading)
        return out;
    if (m_state == State::Connecting && net::pendingError(m_fd.get()) == 0 &&
        net::tcpState(m_fd.get()) == 1 /* TCP_ESTABLISHED */)
        m_state = State::Connected;
    while (net::bytesReadable(m_fd.get()) > 0) {
        auto r = net::recv(m_fd.get(), 65536);
        Action a = make(Action::Call::Recv);
        a.arg = 65536;
        if (!r) {
            a.ret = -1;
            a.err = r.error().err;
            out.append(a);
            break;
        }
        a.ret = r->size();
        a.data = *r;
        m_received += *r;
        out.append(a);
        if (r->isEmpty())
            break;
    }
    return out;
}

} // namespace mux
