#pragma once

#include "cli/CommandLine.h"

namespace client {

/// `muxlab --client`: the window when a QApplication runs (a display, no --no-window),
/// otherwise the terminal client. Returns the exit status.
int runClient(const cli::Options &options);

} // namespace client
