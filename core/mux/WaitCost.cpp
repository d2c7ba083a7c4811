#include "WaitCost.h"

#include "Clock.h"
#include "Multiplexer.h"
#include "net/Socket.h"

#include <QRegularExpression>

#include <sys/resource.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>

namespace mux {

QString WaitCostSample::toString() const
{
    const QString head =
        QStringLiteral("%1 over %2 sockets").arg(backendName(backend)).arg(sockets);
    if (medianNs < 0)
        return head + QStringLiteral(": not measured, ") + refused;
    const double us = double(medianNs) / 1000.0;
    return head + QStringLiteral(": %1 µs per call (median of %2)")
                      .arg(QString::number(us, 'f', us < 10 ? 2 : 1))
                      .arg(repeats);
}

std::optional<WaitCostSample> WaitCostSample::fromString(const QString &line)
{
    static const QRegularExpression re(
        QStringLiteral(
            "^(\\S+) over (\\d+) sockets: (?:([0-9.]+) µs per call \\(median of (\\d+)\\)"
            "|not measured, (.*))$"),
        QRegularExpression::DotMatchesEverythingOption);
    const QRegularExpressionMatch m = re.match(line);
    const std::optional<Backend> backend =
        m.hasMatch() ? backendFromName(m.captured(1)) : std::nullopt;
    if (!backend)
        return std::nullopt;
    WaitCostSample s;
    s.backend = *backend;
    s.sockets = m.captured(2).toInt();
    if (m.capturedLength(3) > 0) {
        s.medianNs = qRound64(m.captured(3).toDouble() * 1000.0);
        s.repeats = m.captured(4).toInt();
    } else {
        s.refused = m.captured(5);
    }
    return s;
}

Result<std::vector<Fd>> openIdleSockets(int count)
{
    std::vector<Fd> out;
    out.reserve(size_t(count));
    while (int(out.size()) < count) {
        int pair[2];
        if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, pair) < 0)
            return errnoError(QStringLiteral("socketpair() after %1 sockets").arg(out.size()),
                              errno);
        out.emplace_back(pair[0]);
        if (int(out.size()) < count)
            out.emplace_back(pair[1]);
        else
            ::close(pair[1]); // an odd count: the spare end is not watched
    }
    return out;
}

WaitCostSample measureWaitCost(Backend backend, const std::vector<Fd> &fds, int repeats)
{
    WaitCostSample s;
    s.backend = backend;
    s.sockets = int(fds.size());
    auto mux = Multiplexer::create(backend);
    for (const Fd &fd : fds)
        if (auto r = mux->add(fd.get(), Readable); !r) {
            s.refused = r.error().text;
            return s;
        }
    s.medianNs = medianCallNs(repeats, [&] { mux->wait(0); });
    s.repeats = std::max(1, repeats);
    return s;
}

int raiseOpenFileLimit()
{
    rlimit lim{};
    if (::getrlimit(RLIMIT_NOFILE, &lim) < 0)
        return -1;
    if (lim.rlim_cur < lim.rlim_max) {
        rlimit raised = lim;
        raised.rlim_cur = lim.rlim_max;
        if (::setrlimit(RLIMIT_NOFILE, &raised) == 0)
            lim = raised;
    }
    return lim.rlim_cur == RLIM_INFINITY ? 1 << 30 : int(std::min<rlim_t>(lim.rlim_cur, 1 << 30));
}

} // namespace mux
