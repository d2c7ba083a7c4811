#pragma once

#include <QtGlobal>

namespace mux::net {

/// The first of `count` consecutive ports on 127.0.0.1 that nothing holds for TCP or UDP, or 0.
///
/// The ports are chosen below the kernel's ephemeral range (ip_local_port_range), never in it:
/// between this check and the caller's bind, any outgoing connection on the machine may take
/// an ephemeral port for itself, and on a busy machine (a class, a loaded test run) one does.
/// Ports under 20000 are left alone too: the lessons' documented ports live there.
quint16 freePortBlock(int count);

} // namespace mux::net
