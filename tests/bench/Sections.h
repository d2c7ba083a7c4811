#pragma once

#include "BenchUtil.h"

// muxlab-bench's five sections, each printing its figures and ratios.
namespace bench {

/// 1. One call of select / poll / epoll_wait against the number of watched sockets, through
///    muxlab's own backends next to a bare syscall loop; the engine's bookkeeping per tick.
void perCallCost(const Options &o);
/// 2. Requests/s of `muxlab --serve --lesson select-echo --backend epoll` (recording on)
///    against a minimal epoll echo server and a document-style Python select server.
void serveThroughput(const Options &o);
/// 3. Trace bytes per quiet tick, and resident memory after many recorded ticks.
void traceMemory(const Options &o);
/// 4. The GUI's figures, from the bench_gui executable built beside this one.
void guiFigures(const Options &o);
/// 5. A real program's select calls traced (muxlab --exec): the cost per call against the same
///    program untraced and under strace.
void execCost(const Options &o);

} // namespace bench
