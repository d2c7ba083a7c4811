#include "Admission.h"

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
