#pragma once

#include "engine/Server.h"

#include <QString>

namespace mux {

/// Accepts on a readable listener and watches the new conn; a backend that cannot watch it
/// (select with fd >= FD_SETSIZE) gets the client told and closed. Returns the conn or -1.
inline int acceptAndWatch(Server &server, int listener)
{
    auto conn = server.accept(listener);
    if (!conn)
        return -1; // EAGAIN: the client already left
    if (!server.watch(*conn, Readable)) {
        server.refuse(*conn, QStringLiteral("Server full: select() cannot watch another socket."));
        return -1;
    }
    return *conn;
}

} // namespace mux
