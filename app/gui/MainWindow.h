#pragma once

#include "cli/CommandLine.h"

namespace gui {
/// Opens the playground window and runs the event loop.
int runGui(const cli::Options &options);
}
