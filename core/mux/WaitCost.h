#pragma once

#include "Events.h"
#include "net/Fd.h"
#include "net/Result.h"

#include <QList>
#include <QString>

#include <optional>
#include <vector>

namespace mux {

/// What one multiplexing call costs against how many sockets it watches (the `scaling` lesson,
/// its chart and the bench all measure through here, so they show the same figures).
struct WaitCostSample {
    Backend backend = Backend::Select;
    int sockets = 0;      ///< descriptors watched, none of them ready
    qint64 medianNs = -1; ///< one zero-timeout wait(), as the program pays it; -1: not measured
    int repeats = 0;
    QString refused; ///< why it was not measured (select and fd >= FD_SETSIZE, fd limit)

    bool measured() const { return medianNs >= 0; }
    /// The line a measure action carries: "poll over 1000 sockets: 12.3 µs per call (median
    /// of 51)", or "select over 10000 sockets: not measured, <why>".
    QString toString() const;
    /// Reads a line toString() wrote back (the chart reads the trace's measure actions this
    /// way); nullopt for any other text. medianNs is as precise as the printed µs.
    static std::optional<WaitCostSample> fromString(const QString &line);
};

/// `count` idle sockets: count/2 connected AF_UNIX stream pairs (both ends watched), nothing
/// written, so a call over them finds nothing ready and its cost is the scan itself.
/// Fails with the kernel's sentence (EMFILE) when the descriptor limit is too low.
Result<std::vector<Fd>> openIdleSockets(int count);

/// Times `repeats` calls of `backend`'s wait(0) through the app's own Multiplexer over `fds`
/// (select rebuilds its fd_sets each call, as every select loop must) and keeps the median.
WaitCostSample measureWaitCost(Backend backend, const std::vector<Fd> &fds, int repeats);

/// Raises RLIMIT_NOFILE's soft limit to the hard limit; returns the soft limit now in force.
int raiseOpenFileLimit();

} // namespace mux
