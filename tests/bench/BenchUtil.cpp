#include "BenchUtil.h"

#include "net/Socket.h"

namespace bench {

quint16 freePort()
{
    auto fd = mux::net::tcpListen({QStringLiteral("127.0.0.1"), 0});
    return fd ? mux::net::localEndpoint(fd->get()).port : 0;
}

} // namespace bench
