#pragma once

#include "trace/Trace.h"

#include <QStringList>

namespace mux::share {

/// The simulated clients by index as the run named them: `known` (the lesson's) first, then
/// those the user added, whose names the trace keeps on their sockets ("client:C"). A trace
/// that kept only its newest ticks still names a client that connected in the dropped ones and
/// acts in a kept one: its socket is in the state the dropped ticks left behind.
QStringList clientNamesIn(const Trace &trace, QStringList known);

} // namespace mux::share
