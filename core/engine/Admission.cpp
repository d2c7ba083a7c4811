#include "Admission.h"

#include <QStringList>

#include <fcntl.h>
#include <sys/resource.h>

#include <algorithm>
#include <cerrno>

namespace mux {

void Admission::setExternalLimit(int limit, const QString &message)
{
    m_externalLimit = std::max(0, limit);
    m_limitMessage = message;
}

std::optional<Refusal> Admission::beforeAccept(int acceptedConns) const
{
    if (acceptedConns < m_maxConns)
        return std::nullopt;
    return Refusal{Refusal::Reason::ServerFull,
                   QStringLiteral("Server full: %1 clients are connected, the most this server "
                                  "takes; try again later.")
                       .arg(m_maxConns)};
}

std::optional<Refusal> Admission::forExternal(int externalOpen) const
{
    if (m_externalLimit <= 0 || externalOpen < m_externalLimit)
        return std::nullopt;
    return Refusal{Refusal::Reason::ExternalLimit, m_limitMessage};
}

void Admission::setAllowedSubnets(const QList<net::Subnet> &subnets, const QString &message)
{
    m_subnets = subnets;
    m_subnetMessage = message;
}

std::optional<Refusal> Admission::forPeer(const QString &peerAddress) const
{
    if (m_subnets.isEmpty())
        return std::nullopt;
    QStringList served;
    for (const net::Subnet &s : m_subnets) {
        if (s.contains(peerAddress))
            return std::nullopt;
        served.append(s.toString());
    }
    return Refusal{Refusal::Reason::OutsideSubnets,
                   m_subnetMessage.arg(peerAddress, served.join(QStringLiteral(", ")))};
}

std::optional<Refusal> Admission::outOfDescriptors(int err) const
{
    if ((err != EMFILE && err != ENFILE) || !m_reserve)
        return std::nullopt;
    return Refusal{Refusal::Reason::OutOfDescriptors,
                   QStringLiteral("Server busy: it has run out of file descriptors (%1); try "
                                  "again later.")
                       .arg(err == EMFILE ? QStringLiteral("EMFILE") : QStringLiteral("ENFILE")),
                   err};
}

void Admission::keepReserve()
{
    if (m_reserve)
        return;
    // At the top of the table, not the bottom: the lessons' descriptor numbers stay what the
    // documents show. Capped so a huge limit does not grow the kernel's table for nothing.
    rlimit rl{};
    if (getrlimit(RLIMIT_NOFILE, &rl) != 0 || rl.rlim_cur < 8)
        return;
    const int top = int(std::min<rlim_t>(rl.rlim_cur, 65536) - 1);
    Fd null(::open("/dev/null", O_RDONLY | O_CLOEXEC));
    if (!null)
        return; // out of descriptors already: no reserve until one is free again
    if (null.get() == top) {
        m_reserve = std::move(null);
        return;
    }
    if (const int high = ::fcntl(null.get(), F_DUPFD_CLOEXEC, top); high >= 0)
        m_reserve.reset(high);
}

} // namespace mux
