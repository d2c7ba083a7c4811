#pragma once

#include "trace/TickRecord.h"

#include <QString>

namespace gui {

/// The lanes the tick view draws: select's three lists, poll's pollfd array, or epoll's
/// interest list and ready list.
enum class LaneKind : quint8 { Read, Write, Except, PollFds, EpollInterest, EpollReady };

/// Why a socket is or is not ready, in a few words, read from the kernel's probe taken just
/// before the call (bytes to read, backlog, FIN or RST seen, unacknowledged bytes) and from
/// what the call returned. Nothing is guessed: without a probe the reason is empty.
QString readyReason(LaneKind lane, const mux::SocketInfo &socket, const mux::SocketProbe *probe,
                    mux::Events requested, mux::Events returned);

} // namespace gui
