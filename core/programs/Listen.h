#pragma once

#include "engine/Server.h"

namespace mux {

/// Opens the program's listeners L0, L1… on its ports (the lesson's defaults, or the next
/// free ones) and watches each for `events`: the first thing every server program does.
template <typename Ports>
Result<void> listenOnEvery(Server &server, const Ports &ports, Events events = Readable)
{
    for (int i = 0; i < int(ports.size()); ++i) {
        auto fd = server.listenTcp(i);
        if (!fd)
            return fd.error();
        if (auto w = server.watch(*fd, events); !w)
            return w;
    }
    return {};
}

} // namespace mux
