#pragma once

#include "trace/Trace.h"

#include <QStringList>

namespace mux::share {

/// The name the window gives a client the user adds: the first of A…Z, AA…ZZ that `taken` (the
/// clients before it) does not hold; empty when all are taken.
QString nextClientName(const QStringList &taken);

/// The simulated clients by index as the run named them: `known` (the lesson's) first, then
/// those the user added, whose names the trace keeps on their sockets ("client:C"). A trace
/// that kept only its newest ticks still names a client that connected in the dropped ones and
/// acts in a kept one: its socket is in the state the dropped ticks left behind. A client whose
/// socket the trace does not hold (a real program's run: the clients' sockets are muxlab's own,
/// not the program's) has the name the window gave it when it was added, nextClientName().
QStringList clientNamesIn(const Trace &trace, QStringList known);

} // namespace mux::share
