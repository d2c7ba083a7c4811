// The calls of Server that set a socket up: the listeners (socket, setsockopt, bind, listen)
// and the option calls (setsockopt, getsockopt, ioctl(FIONBIO)), each made on the real kernel
// and recorded, so the trace shows them as strace would.

#include "Server.h"

#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

#include <cerrno>

namespace mux {

using Call = Action::Call;

Result<int> Server::listenTcp(int index)
{
    return openListener(index, Role::Listener, m_basePort ? quint16(m_basePort + index) : 0, true);
}

Result<int> Server::listenTcpAt(int index, quint16 port, bool reuseAddr)
{
    return openListener(index, Role::Listener, port, reuseAddr);
}

Result<int> Server::bindUdp(int index)
{
    return openListener(index, Role::Udp, m_basePort ? quint16(m_basePort + index) : 0, true);
}

Result<int> Server::openListener(int index, Role role, quint16 port, bool reuseAddr)
{
    const bool udp = role == Role::Udp;
    // A failure prints as the call that failed: bind (a port in use) or listen.
    auto failed = [&](Call call, int fd, const Error &e) {
        record({.call = call,
                .fd = fd,
                .arg = port,
                .err = qint16(e.err),
                .ret = -1,
                .data = e.text.toUtf8()});
        return e;
    };
    auto fd = net::newSocket(udp ? SOCK_DGRAM : SOCK_STREAM);
    if (!fd)
        return failed(Call::Listen, -1, fd.error());
    // The documents' servers set SO_REUSEADDR before bind, so a restarted server can bind while
    // its old conns sit in TIME_WAIT: made and recorded here like any call of the program's.
    if (reuseAddr)
        setOption(fd->get(), SockOpt::ReuseAddr, 1);
    if (auto bound = net::bindTo(fd->get(), {m_host, port}, reuseAddr); !bound)
        return failed(Call::Bind, fd->get(), bound.error());
    if (!udp && ::listen(fd->get(), 128) < 0)
        return failed(Call::Listen, fd->get(), Error{errno, QStringLiteral("listen() failed")});
    const net::Endpoint local = net::localEndpoint(fd->get());
    SocketTable::Socket s{.fd = std::move(*fd), .listenerIndex = index, .local = local};
    s.info = {
        .role = role,
        .name = (udp ? QStringLiteral("U%1") : QStringLiteral("L%1")).arg(index),
        .label = (udp ? QStringLiteral("udp :%1") : QStringLiteral("listener :%1")).arg(local.port),
        .local = local.toString()};
    const int n = adopt(std::move(s));
    // A UDP socket is bound, never listening: it prints as bind.
    record({.call = udp ? Call::Bind : Call::Listen, .fd = n, .arg = local.port});
    return n;
}

Result<void> Server::setOption(int fd, SockOpt opt, int value)
{
    const auto name = sockOptName(int(opt));
    int rc = 0;
    if (opt == SockOpt::Linger) {
        const linger lg{value >= 0 ? 1 : 0, value >= 0 ? value : 0};
        rc = ::setsockopt(fd, name->level, name->name, &lg, sizeof lg);
    } else if (opt == SockOpt::NonBlock) {
        rc = ::ioctl(fd, FIONBIO, &value);
    } else {
        rc = ::setsockopt(fd, name->level, name->name, &value, sizeof value);
    }
    const int err = rc < 0 ? errno : 0;
    record({.call = opt == SockOpt::NonBlock ? Call::Ioctl : Call::SetSockOpt,
            .fd = fd,
            .arg = int(opt),
            .err = qint16(err),
            .ret = rc,
            .data = QByteArray::number(value)});
    if (err)
        return errnoError(QStringLiteral("%1(%2, %3)")
                              .arg(opt == SockOpt::NonBlock ? QStringLiteral("ioctl")
                                                            : QStringLiteral("setsockopt"))
                              .arg(fd)
                              .arg(QLatin1String(name->nameText)),
                          err);
    return {};
}

Result<int> Server::option(int fd, SockOpt opt)
{
    const auto name = sockOptName(int(opt));
    int value = 0;
    int rc = 0;
    if (opt == SockOpt::Linger) {
        linger lg{};
        socklen_t len = sizeof lg;
        rc = ::getsockopt(fd, name->level, name->name, &lg, &len);
        value = lg.l_onoff ? lg.l_linger : -1;
    } else {
        socklen_t len = sizeof value;
        rc = ::getsockopt(fd, name->level, name->name, &value, &len);
    }
    const int err = rc < 0 ? errno : 0;
    record({.call = Call::GetSockOpt,
            .fd = fd,
            .arg = int(opt),
            .err = qint16(err),
            .ret = rc,
            .data = err ? QByteArray() : QByteArray::number(value)});
    if (err)
        return errnoError(
            QStringLiteral("getsockopt(%1, %2)").arg(fd).arg(QLatin1String(name->nameText)), err);
    return value;
}

Fd Server::duplicate(int fd, int atLeast)
{
    return Fd(::fcntl(fd, F_DUPFD_CLOEXEC, atLeast));
}

Fd Server::openDevNull()
{
    return Fd(::open("/dev/null", O_RDONLY | O_CLOEXEC));
}

Result<void> Server::setBlocking(int fd, bool blocking)
{
    return setOption(fd, SockOpt::NonBlock, blocking ? 0 : 1);
}

} // namespace mux
