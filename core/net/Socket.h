#pragma once

#include "Fd.h"
#include "Result.h"

#include <QByteArray>
#include <QString>

#include <cstdint>

namespace mux::net {

/// An IPv4 address and port as the documents write it: ('127.0.0.1', 9991).
struct Endpoint {
    QString host = QStringLiteral("127.0.0.1");
    quint16 port = 0;
    QString toString() const { return host + QLatin1Char(':') + QString::number(port); }
    bool operator==(const Endpoint &) const = default;
};

/// SIGPIPE would kill the whole app the first time a client vanishes while we write to it.
/// Every send already passes MSG_NOSIGNAL; this covers the writes we do not make ourselves.
void ignoreSigpipe();

/// A TCP listener: socket, SO_REUSEADDR, bind, listen — non-blocking, close-on-exec.
Result<Fd> tcpListen(const Endpoint &at, int backlog = 128);
/// The same listener without SO_REUSEADDR (socket-options): bind fails with EADDRINUSE while
/// any connection on that port, even one in TIME_WAIT, still holds it.
Result<Fd> tcpListenNoReuse(const Endpoint &at, int backlog = 128);
/// A UDP socket bound to `at` (non-blocking).
Result<Fd> udpBind(const Endpoint &at);
/// The steps of the three above, for a caller that makes (and records) the calls between
/// them itself: a non-blocking, close-on-exec socket of `type` (SOCK_STREAM, SOCK_DGRAM)…
Result<Fd> newSocket(int type);
/// …then bind, and listen unless backlog < 0. `reuseAddr` says whether SO_REUSEADDR was set:
/// the sentence for a port in use differs (without it, a conn in TIME_WAIT holds the port).
/// bind() alone. An address in use is one sentence naming the port.
Result<void> bindTo(int fd, const Endpoint &at, bool reuseAddr);
Result<void> bindAndListen(int fd, const Endpoint &at, bool reuseAddr, int backlog = 128);
/// A non-blocking TCP connect. Returns at once; the connection completes in the kernel
/// (writable when done). EINPROGRESS is not an error here.
/// `inProgress` (if given) says whether connect() returned EINPROGRESS, the handshake going
/// on after the call, rather than 0.
Result<Fd> tcpConnect(const Endpoint &to, int rcvbuf = 0, bool *inProgress = nullptr);
/// A blocking-mode TCP connect (used for the blocking lessons and the helper clients).
Result<Fd> tcpConnectBlocking(const Endpoint &to);

/// accept4 with SOCK_NONBLOCK | SOCK_CLOEXEC. EAGAIN comes back as an Error with err == EAGAIN.
Result<Fd> accept(int listener, Endpoint *peer = nullptr);
/// send with MSG_NOSIGNAL; returns bytes written (may be fewer than asked).
Result<qint64> send(int fd, const QByteArray &data, int flags = 0);
/// sendto for UDP.
Result<qint64> sendTo(int fd, const QByteArray &data, const Endpoint &to);
/// recv up to `max` bytes; an empty QByteArray means the peer closed (EOF).
Result<QByteArray> recv(int fd, qint64 max, int flags = 0);
/// recvfrom for UDP.
Result<QByteArray> recvFrom(int fd, qint64 max, Endpoint *from);
/// One byte of urgent data (MSG_OOB): what select reports in the xlist on Linux.
Result<qint64> sendUrgent(int fd, char byte);
/// Reads the pending urgent byte, if any.
Result<QByteArray> recvUrgent(int fd);
Result<void> shutdownWrite(int fd);
/// SO_LINGER {1, 0} then close: the kernel sends RST instead of FIN.
Result<void> resetAndClose(Fd &fd);

Result<void> setNonBlocking(int fd, bool on);
Result<void> setReceiveBuffer(int fd, int bytes);
Result<void> setSendBuffer(int fd, int bytes);

/// Bytes waiting in the receive queue (FIONREAD == SIOCINQ).
int bytesReadable(int fd);
/// Bytes in the send queue not yet acknowledged by the peer (SIOCOUTQ).
int bytesUnsent(int fd);
/// Free room in the send buffer, as the kernel sees it (SO_SNDBUF minus queued).
int sendRoom(int fd);
/// For a listener: connections waiting in the accept queue (tcpi_unacked on a LISTEN socket).
int acceptBacklog(int fd);
/// The TCP state (TCP_ESTABLISHED, TCP_CLOSE_WAIT…) from TCP_INFO, or -1.
int tcpState(int fd);
/// A short name for a TCP state: "ESTABLISHED", "CLOSE_WAIT"…
QString tcpStateName(int state);
/// A pending socket error (SO_ERROR), which also clears it.
int pendingError(int fd);

Endpoint localEndpoint(int fd);
Endpoint peerEndpoint(int fd);

} // namespace mux::net
