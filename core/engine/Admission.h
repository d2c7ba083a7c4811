#pragma once

#include "net/Fd.h"
#include "net/Interfaces.h"

#include <QList>
#include <QString>

#include <optional>

namespace mux {

/// Why a client that reached accept() is turned away: it is accepted anyway, told `text` in one
/// line and closed, so the listener's queue drains and the client learns why.
struct Refusal {
    enum class Reason : quint8 {
        ServerFull,       ///< maxConns accepted conns are open
        ExternalLimit,    ///< the class limit on outside clients is reached
        OutOfDescriptors, ///< accept() failed with EMFILE or ENFILE
        OutsideSubnets,   ///< an outside client from a network the server was not opened to
    };
    Reason reason;
    QString text;
    int err = 0; ///< the kernel's errno for OutOfDescriptors, else 0: the refusal is ours
};

/// Who may come in: the limit on accepted conns, the limit on outside clients, the networks
/// outside clients may come from, and the spare descriptor that lets a server out of descriptors
/// still accept, tell and close a client.
class Admission {
public:
    void setMaxConns(int n) { m_maxConns = n; }
    int maxConns() const { return m_maxConns; }
    /// At most `limit` outside conns at once (0: no limit); the next one hears `message`.
    void setExternalLimit(int limit, const QString &message);
    int externalLimit() const { return m_externalLimit; }
    /// Outside clients only from `subnets` (empty: from anywhere). Anyone else hears `message`,
    /// where %1 is their address and %2 the subnets ("192.168.1.0/24, 127.0.0.0/8").
    void setAllowedSubnets(const QList<net::Subnet> &subnets, const QString &message);
    const QList<net::Subnet> &allowedSubnets() const { return m_subnets; }

    /// Before accept(): with `acceptedConns` open, is there room for one more?
    std::optional<Refusal> beforeAccept(int acceptedConns) const;
    /// After accepting an outside client, with `externalOpen` outside conns open before it.
    std::optional<Refusal> forExternal(int externalOpen) const;
    /// After accepting an outside client from `peerAddress`: is its network one we serve?
    std::optional<Refusal> forPeer(const QString &peerAddress) const;
    /// accept() failed with `err`: a refusal when it ran out of descriptors (EMFILE/ENFILE) and
    /// the reserve can be given up for a moment to take the client; nullopt otherwise.
    std::optional<Refusal> outOfDescriptors(int err) const;

    /// A spare descriptor kept at the top of the table: closed for a moment when accept fails
    /// with EMFILE, so the waiting client can be accepted, told, and let go (libev's trick).
    void keepReserve();
    void releaseReserve() { m_reserve.reset(); }

private:
    int m_maxConns = 4096;
    int m_externalLimit = 0;
    QString m_limitMessage;
    QList<net::Subnet> m_subnets;
    QString m_subnetMessage;
    Fd m_reserve;
};

} // namespace mux
