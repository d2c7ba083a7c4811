#pragma once

#include <QList>
#include <QString>

namespace mux {

/// The bare-syscall yardstick for WaitCost (which goes through muxlab's own backends): the
/// cost of one zero-timeout call of select, poll and epoll_wait over the same descriptors,
/// each asked for "readable", made directly on the kernel (the lessons that compare the calls
/// measure them live instead of quoting figures). Medians of `repeats` calls, in microseconds.
struct CallCosts {
    double selectUs = -1; ///< -1: select cannot take these descriptors (one is >= FD_SETSIZE)
    double pollUs = -1;
    double epollUs = -1; ///< epoll_wait only: registering (epoll_ctl) happens once, untimed
    int highestFd = -1;
    QString toString() const;
};

CallCosts measureCallCosts(const QList<int> &fds, int repeats);

} // namespace mux
