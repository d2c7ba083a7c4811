#pragma once

#include "net/Fd.h"

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
    };
    Reason reason;
    QString text;
    int err = 0; ///< the kernel's errno for OutOfDescriptors, else 0: the refusal is ours
};

/// Who may come in: the limit on accepted conns, the limit on outside clients, and the spare
/// descriptor that lets a server out of descriptors still accept, tell and close a client.
class Admission {
public:
    void setMaxConns(int n) { m_maxConns = n; }
    int maxConns() const { return m_maxConns; }
    /// At most `limit` outside conns at once (0: no limit); the next one hears `message`.
    void setExternalLimit(int limit, const QString &message);
    int externalLimit() const { return m_externalLimit; }

    /// Before accept(): with `acceptedConns` open, is there room for one more?
    std::optional<Refusal> beforeAccept(int acceptedConns) const;
    /// After accepting an outside client, with `externalOpen` outside conns open before it.
    std::optional<Refusal> forExternal(int externalOpen) const;
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
    Fd m_reserve;
};

} // namespace mux
