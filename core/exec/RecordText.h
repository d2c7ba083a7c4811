#pragma once

#include "Records.h"
#include "mux/Events.h"
#include "net/Socket.h"

#include <QString>

#include <optional>

namespace mux::exec {

/// How the fields of the library's records read in a trace: which backend a call belongs to,
/// addresses, errno names and options as strace prints them.

/// The backend whose call a record's call number is (select and pselect: Select).
Backend backendOf(quint8 call);
/// "127.0.0.1:9991" → an Endpoint; nullopt for anything else (IPv6, unix, empty).
std::optional<net::Endpoint> endpoint(const QString &text);
/// The port of an address the library reported ("127.0.0.1:9991"), as text; empty if none.
QString portOf(const QString &address);
/// "ECONNRESET" for 104; the number when the C library has no name for it.
QString errnoName(int err);
/// "5", or "-1 EAGAIN" when the call failed.
QString resultText(qint64 ret, int err);
/// "SOL_SOCKET, SO_REUSEADDR" for the options the documents set, numbers for the rest.
QString optionName(int level, int name);

} // namespace mux::exec
