#include "Socket.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <linux/sockios.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>

namespace mux {

Error errnoError(const QString &what, int err)
{
    return Error{err, QStringLiteral("%1: %2 (errno %3)")
                          .arg(what, QString::fromLocal8Bit(std::strerror(err)))
                          .arg(err)};
}

namespace net {

namespace {

Result<sockaddr_in> toSockaddr(const Endpoint &e)
{
    sockaddr_in sa{};
    sa.sin_family = AF_INET;
    sa.sin_port = htons(e.port);
    const QByteArray host = e.host.toLatin1();
    if (::inet_pton(AF_INET, host.constData(), &sa.sin_addr) != 1)
        return Error{EINVAL, QStringLiteral("\"%1\" is not an IPv4 address").arg(e.host)};
    return sa;
}

Endpoint fromSockaddr(const sockaddr_in &sa)
{
    char buf[INET_ADDRSTRLEN] = {};
    ::inet_ntop(AF_INET, &sa.sin_addr, buf, sizeof buf);
    return Endpoint{QString::fromLatin1(buf), ntohs(sa.sin_port)};
}

Result<Fd> makeSocket(int type)
{
    Fd fd(::socket(AF_INET, type | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
    if (!fd)
        return errnoError(QStringLiteral("socket()"), errno);
    return fd;
}

} // namespace

void ignoreSigpipe()
{
    struct sigaction sa {};
    sa.sa_handler = SIG_IGN;
    ::sigaction(SIGPIPE, &sa, nullptr);
}

Result<Fd> newSocket(int type)
{
    return makeSocket(type);
}

Result<void> bindTo(int fd, const Endpoint &at, bool reuseAddr)
{
    auto addr = toSockaddr(at);
    if (!addr)
        return addr.error();
    if (::bind(fd, reinterpret_cast<sockaddr *>(&*addr), sizeof(sockaddr_in)) < 0) {
        const int e = errno;
        if (!reuseAddr)
            return errnoError(QStringLiteral("bind(%1) without SO_REUSEADDR").arg(at.toString()),
                              e);
        if (e == EADDRINUSE)
            return Error{e, QStringLiteral("Port %1 on %2 is already in use by another program.")
                                .arg(at.port)
                                .arg(at.host)};
        return errnoError(QStringLiteral("bind(%1)").arg(at.toString()), e);
    }
    return {};
}

Result<void> bindAndListen(int fd, const Endpoint &at, bool reuseAddr, int backlog)
{
    if (auto bound = bindTo(fd, at, reuseAddr); !bound)
        return bound;
    if (backlog >= 0 && ::listen(fd, backlog) < 0)
        return errnoError(QStringLiteral("listen(%1)").arg(at.toString()), errno);
    return {};
}

namespace {
Result<Fd> openBound(int type, const Endpoint &at, bool reuseAddr, int backlog)
{
    if (auto addr = toSockaddr(at); !addr)
        return addr.error();
    auto fd = makeSocket(type);
    if (!fd)
        return fd;
    if (reuseAddr) {
        // So a restarted lesson can bind while old connections sit in TIME_WAIT.
        int one = 1;
        ::setsockopt(fd->get(), SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    }
    if (auto bound = bindAndListen(fd->get(), at, reuseAddr, backlog); !bound)
        return bound.error();
    return fd;
}
} // namespace

Result<Fd> tcpListen(const Endpoint &at, int backlog)
{
    return openBound(SOCK_STREAM, at, true, backlog);
}

Result<Fd> tcpListenNoReuse(const Endpoint &at, int backlog)
{
    return openBound(SOCK_STREAM, at, false, backlog);
}

Result<Fd> udpBind(const Endpoint &at)
{
    return openBound(SOCK_DGRAM, at, true, -1);
}

Result<Fd> tcpConnect(const Endpoint &to, int rcvbuf, bool *inProgress)
{
    auto addr = toSockaddr(to);
    if (!addr)
        return addr.error();
    auto fd = makeSocket(SOCK_STREAM);
    if (!fd)
        return fd;
    // Before connect: the window scale is chosen from the buffer at SYN time.
    if (rcvbuf > 0 && ::setsockopt(fd->get(), SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof rcvbuf) < 0)
        return errnoError(QStringLiteral("setsockopt(SO_RCVBUF, %1)").arg(rcvbuf), errno);
    const int rc = ::connect(fd->get(), reinterpret_cast<sockaddr *>(&*addr), sizeof(sockaddr_in));
    if (rc < 0 && errno != EINPROGRESS)
        return errnoError(QStringLiteral("connect(%1)").arg(to.toString()), errno);
    if (inProgress)
        *inProgress = rc < 0;
    return fd;
}

Result<Fd> tcpConnectBlocking(const Endpoint &to)
{
    auto addr = toSockaddr(to);
    if (!addr)
        return addr.error();
    Fd fd(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
    if (!fd)
        return errnoError(QStringLiteral("socket()"), errno);
    int rc;
    do {
        rc = ::connect(fd.get(), reinterpret_cast<sockaddr *>(&*addr), sizeof(sockaddr_in));
    } while (rc < 0 && errno == EINTR);
    if (rc < 0)
        return errnoError(QStringLiteral("connect(%1)").arg(to.toString()), errno);
    return fd;
}

Result<Fd> accept(int listener, Endpoint *peer)
{
    sockaddr_in sa{};
    socklen_t len = sizeof sa;
    const int fd =
        ::accept4(listener, reinterpret_cast<sockaddr *>(&sa), &len, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd < 0)
        return errnoError(QStringLiteral("accept(%1)").arg(listener), errno);
    if (peer)
        *peer = fromSockaddr(sa);
    return Fd(fd);
}

Result<qint64> send(int fd, const QByteArray &data, int flags)
{
    ssize_t n;
    do {
        n = ::send(fd, data.constData(), size_t(data.size()), flags | MSG_NOSIGNAL);
    } while (n < 0 && errno == EINTR);
    if (n < 0)
        return errnoError(QStringLiteral("send(%1)").arg(fd), errno);
    return qint64(n);
}

Result<qint64> sendTo(int fd, const QByteArray &data, const Endpoint &to)
{
    auto addr = toSockaddr(to);
    if (!addr)
        return addr.error();
    const ssize_t n = ::sendto(fd, data.constData(), size_t(data.size()), MSG_NOSIGNAL,
                               reinterpret_cast<sockaddr *>(&*addr), sizeof(sockaddr_in));
    if (n < 0)
        return errnoError(QStringLiteral("sendto(%1)").arg(fd), errno);
    return qint64(n);
}

Result<QByteArray> recv(int fd, qint64 max, int flags)
{
    // Up to 256 KiB, read into one buffer kept per thread and return exactly the bytes that
    // came. A QByteArray of `max` truncated to what came keeps its whole capacity (1 KiB for a
    // 16-byte request) for as long as the trace holds it, and shrinking it afterwards leaves
    // the heap in holes.
    constexpr qint64 kScratch = 256 * 1024;
    thread_local std::unique_ptr<char[]> scratch;
    QByteArray big;
    char *into;
    if (max <= kScratch) {
        if (!scratch)
            scratch = std::make_unique<char[]>(size_t(kScratch));
        into = scratch.get();
    } else {
        big = QByteArray(qsizetype(max), Qt::Uninitialized);
        into = big.data();
    }
    ssize_t n;
    do {
        n = ::recv(fd, into, size_t(std::max<qint64>(max, 0)), flags);
    } while (n < 0 && errno == EINTR);
    if (n < 0)
        return errnoError(QStringLiteral("recv(%1)").arg(fd), errno);
    if (!big.isNull()) {
        big.truncate(qsizetype(n));
        big.squeeze();
        return big;
    }
    return QByteArray(into, qsizetype(n));
}

Result<QByteArray> recvFrom(int fd, qint64 max, Endpoint *from)
{
    QByteArray buf(qsizetype(max), Qt::Uninitialized);
    sockaddr_in sa{};
    socklen_t len = sizeof sa;
    const ssize_t n =
        ::recvfrom(fd, buf.data(), size_t(max), 0, reinterpret_cast<sockaddr *>(&sa), &len);
    if (n < 0)
        return errnoError(QStringLiteral("recvfrom(%1)").arg(fd), errno);
    buf.truncate(qsizetype(n));
    if (from)
        *from = fromSockaddr(sa);
    return buf;
}

Result<qint64> sendUrgent(int fd, char byte)
{
    return send(fd, QByteArray(1, byte), MSG_OOB);
}

Result<QByteArray> recvUrgent(int fd)
{
    return recv(fd, 1, MSG_OOB);
}

Result<void> shutdownWrite(int fd)
{
    if (::shutdown(fd, SHUT_WR) < 0)
        return errnoError(QStringLiteral("shutdown(%1, SHUT_WR)").arg(fd), errno);
    return {};
}

Result<void> resetAndClose(Fd &fd)
{
    // l_linger = 0 makes close() abort the connection: RST, no FIN, no TIME_WAIT.
    linger lg{1, 0};
    if (::setsockopt(fd.get(), SOL_SOCKET, SO_LINGER, &lg, sizeof lg) < 0)
        return errnoError(QStringLiteral("setsockopt(%1, SO_LINGER)").arg(fd.get()), errno);
    fd.reset();
    return {};
}

Result<void> setNonBlocking(int fd, bool on)
{
    const int flags = ::fcntl(fd, F_GETFL);
    if (flags < 0 || ::fcntl(fd, F_SETFL, on ? flags | O_NONBLOCK : flags & ~O_NONBLOCK) < 0)
        return errnoError(QStringLiteral("fcntl(%1, O_NONBLOCK)").arg(fd), errno);
    return {};
}

Result<void> setReceiveBuffer(int fd, int bytes)
{
    if (::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &bytes, sizeof bytes) < 0)
        return errnoError(QStringLiteral("setsockopt(%1, SO_RCVBUF)").arg(fd), errno);
    return {};
}

Result<void> setSendBuffer(int fd, int bytes)
{
    if (::setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &bytes, sizeof bytes) < 0)
        return errnoError(QStringLiteral("setsockopt(%1, SO_SNDBUF)").arg(fd), errno);
    return {};
}

int bytesReadable(int fd)
{
    int n = 0;
    return ::ioctl(fd, FIONREAD, &n) < 0 ? -1 : n;
}

int bytesUnsent(int fd)
{
    int n = 0;
    return ::ioctl(fd, SIOCOUTQ, &n) < 0 ? -1 : n;
}

int sendRoom(int fd)
{
    int buf = 0;
    socklen_t len = sizeof buf;
    if (::getsockopt(fd, SOL_SOCKET, SO_SNDBUF, &buf, &len) < 0)
        return -1;
    const int queued = bytesUnsent(fd);
    return queued < 0 ? -1 : qMax(0, buf - queued);
}

int acceptBacklog(int fd)
{
    tcp_info info{};
    socklen_t len = sizeof info;
    if (::getsockopt(fd, IPPROTO_TCP, TCP_INFO, &info, &len) < 0 || info.tcpi_state != TCP_LISTEN)
        return -1;
    return int(info.tcpi_unacked);
}

int tcpState(int fd)
{
    tcp_info info{};
    socklen_t len = sizeof info;
    if (::getsockopt(fd, IPPROTO_TCP, TCP_INFO, &info, &len) < 0)
        return -1;
    return info.tcpi_state;
}

QString tcpStateName(int state)
{
    switch (state) {
    case TCP_ESTABLISHED:
        return QStringLiteral("ESTABLISHED");
    case TCP_SYN_SENT:
        return QStringLiteral("SYN_SENT");
    case TCP_SYN_RECV:
        return QStringLiteral("SYN_RECV");
    case TCP_FIN_WAIT1:
        return QStringLiteral("FIN_WAIT1");
    case TCP_FIN_WAIT2:
        return QStringLiteral("FIN_WAIT2");
    case TCP_TIME_WAIT:
        return QStringLiteral("TIME_WAIT");
    case TCP_CLOSE:
        return QStringLiteral("CLOSED");
    case TCP_CLOSE_WAIT:
        return QStringLiteral("CLOSE_WAIT");
    case TCP_LAST_ACK:
        return QStringLiteral("LAST_ACK");
    case TCP_LISTEN:
        return QStringLiteral("LISTEN");
    case TCP_CLOSING:
        return QStringLiteral("CLOSING");
    default:
        return QStringLiteral("?");
    }
}

int pendingError(int fd)
{
    int err = 0;
    socklen_t len = sizeof err;
    if (::getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) < 0)
        return errno;
    return err;
}

Endpoint localEndpoint(int fd)
{
    sockaddr_in sa{};
    socklen_t len = sizeof sa;
    if (::getsockname(fd, reinterpret_cast<sockaddr *>(&sa), &len) < 0)
        return {};
    return fromSockaddr(sa);
}

Endpoint peerEndpoint(int fd)
{
    sockaddr_in sa{};
    socklen_t len = sizeof sa;
    if (::getpeername(fd, reinterpret_cast<sockaddr *>(&sa), &len) < 0)
        return {QString(), 0};
    return fromSockaddr(sa);
}

} // namespace net
} // namespace mux
