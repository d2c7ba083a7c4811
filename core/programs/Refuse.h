#pragma once

#include "engine/Server.h"

#include <QString>

namespace mux {

/// A client that broke the protocol hears why in one line and is let go; the program goes on
/// serving everyone else. The refusal is also a line in the trace, so the tick shows it.
inline void refuseAndClose(Server &server, int fd, const QString &why)
{
    server.note(fd, why, /*refusal=*/true);
    server.sendAll(fd, why.toUtf8() + '\n');
    server.close(fd);
}

/// Accepts on a readable listener and watches the new conn; a backend that cannot watch it
/// (select with fd >= FD_SETSIZE) gets the client told and closed. Returns the conn or -1.
inline int acceptAndWatch(Server &server, int listener)
{
    auto conn = server.accept(listener);
    if (!conn) return -1; // EAGAIN: the client already left
    if (!server.watch(*conn, Readable)) {
        refuseAndClose(server, *conn,
                       QStringLiteral("Server full: select() cannot watch another socket."));
        return -1;
    }
    return *conn;
}

} // namespace mux
