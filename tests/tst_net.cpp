// core/net against the real kernel: every socket here is a real TCP or UDP socket on 127.0.0.1.
// Ports are always 0 (the kernel picks one) so the suite can run beside a running muxlab.

#include "net/SockDiag.h"
#include "net/Socket.h"

#include <QElapsedTimer>
#include <QTest>

#include <fcntl.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <ctime>
#include <functional>

using namespace mux;

namespace {

const QString kLoopback = QStringLiteral("127.0.0.1");

/// Polls `done` every millisecond for up to `ms`: the kernel finishes loopback work quickly but
/// not necessarily before the syscall that started it returns.
bool settle(const std::function<bool()> &done, int ms = 2000)
{
    QElapsedTimer t;
    t.start();
    while (!done()) {
        if (t.elapsed() > ms)
            return false;
        ::usleep(1000);
    }
    return true;
}

bool fdIsOpen(int fd)
{
    return ::fcntl(fd, F_GETFD) != -1 || errno != EBADF;
}

/// A listener, a client connected to it and the server side of that connection.
struct Link {
    Fd listener;
    Fd client;
    Fd server;
};

Result<Link> makeLink()
{
    Link l;
    auto lis = net::tcpListen({kLoopback, 0});
    if (!lis)
        return lis.error();
    l.listener = std::move(*lis);
    auto c = net::tcpConnect({kLoopback, net::localEndpoint(l.listener.get()).port});
    if (!c)
        return c.error();
    l.client = std::move(*c);
    Result<Fd> s = Error{EAGAIN, QString()};
    settle([&] {
        s = net::accept(l.listener.get());
        return s.ok();
    });
    if (!s)
        return s.error();
    l.server = std::move(*s);
    if (!settle([&] { return net::tcpState(l.client.get()) == TCP_ESTABLISHED; }))
        return Error{0, QStringLiteral("client never reached ESTABLISHED")};
    return l;
}

} // namespace

class TestNet : public QObject {
    Q_OBJECT

private slots:
    void roundTrip();
    void largeTransfer();
    void addressInUse();
    void connectionRefused();
    void probes();
    void closeStates();
    void sockDiagExactTuple_data();
    void sockDiagExactTuple();
    void urgentByte();
    void udpRoundTrip();
    void sendToResetPeer();
    void fdRaii();
    void invalidHost_data();
    void invalidHost();
    void errnoErrorText();
};

void TestNet::roundTrip()
{
    auto lis = net::tcpListen({kLoopback, 0});
    QVERIFY2(lis.ok(), qPrintable(lis.error().text));
    const net::Endpoint at = net::localEndpoint(lis->get());
    QCOMPARE(at.host, kLoopback);
    QVERIFY(at.port != 0);
    QCOMPARE(net::tcpState(lis->get()), int(TCP_LISTEN));
    QCOMPARE(net::tcpStateName(net::tcpState(lis->get())), QStringLiteral("LISTEN"));

    // Nothing pending: accept on a non-blocking listener says EAGAIN as a value.
    auto none = net::accept(lis->get());
    QVERIFY(!none.ok());
    QCOMPARE(none.error().err, EAGAIN);

    auto client = net::tcpConnect(at);
    QVERIFY2(client.ok(), qPrintable(client.error().text));
    QVERIFY(settle([&] { return net::acceptBacklog(lis->get()) == 1; }));

    net::Endpoint peer;
    auto server = net::accept(lis->get(), &peer);
    QVERIFY2(server.ok(), qPrintable(server.error().text));
    QCOMPARE(peer, net::localEndpoint(client->get()));
    QCOMPARE(net::peerEndpoint(client->get()), at);
    QCOMPARE(net::peerEndpoint(server->get()), peer);
    QCOMPARE(net::acceptBacklog(lis->get()), 0);
    // accept4 was asked for both flags; a blocking server socket would hang a tick.
    QVERIFY(::fcntl(server->get(), F_GETFL) & O_NONBLOCK);
    QVERIFY(::fcntl(server->get(), F_GETFD) & FD_CLOEXEC);
    QVERIFY(::fcntl(client->get(), F_GETFL) & O_NONBLOCK);
    QVERIFY(settle([&] { return net::tcpState(client->get()) == TCP_ESTABLISHED; }));
    QCOMPARE(net::tcpState(server->get()), int(TCP_ESTABLISHED));

    // Nothing to read yet: EAGAIN, not an empty array (which would mean EOF).
    auto empty = net::recv(server->get(), 100);
    QVERIFY(!empty.ok());
    QCOMPARE(empty.error().err, EAGAIN);

    const QByteArray msg("hello world");
    auto sent = net::send(client->get(), msg);
    QVERIFY2(sent.ok(), qPrintable(sent.error().text));
    QCOMPARE(*sent, qint64(msg.size()));
    QVERIFY(settle([&] { return net::bytesReadable(server->get()) == msg.size(); }));

    auto first = net::recv(server->get(), 5);
    QVERIFY(first.ok());
    QCOMPARE(*first, QByteArray("hello"));
    QCOMPARE(net::bytesReadable(server->get()), int(msg.size()) - 5);
    auto rest = net::recv(server->get(), 100);
    QVERIFY(rest.ok());
    QCOMPARE(*rest, QByteArray(" world"));
    QCOMPARE(net::bytesReadable(server->get()), 0);

    // And back the other way.
    auto back = net::send(server->get(), QByteArray("ok"));
    QVERIFY(back.ok());
    QVERIFY(settle([&] { return net::bytesReadable(client->get()) == 2; }));
    auto ok = net::recv(client->get(), 10);
    QVERIFY(ok.ok());
    QCOMPARE(*ok, QByteArray("ok"));
}

void TestNet::largeTransfer()
{
    // Far more than the (shrunk) send buffer holds, so send() must come back short or with
    // EAGAIN and the caller has to keep the rest; loopback autotuning would otherwise take a
    // whole megabyte in one call.
    auto link = makeLink();
    QVERIFY2(link.ok(), qPrintable(link.error().text));
    QVERIFY(net::setSendBuffer(link->client.get(), 16 * 1024).ok());
    QByteArray payload(1024 * 1024, Qt::Uninitialized);
    for (qsizetype i = 0; i < payload.size(); ++i)
        payload[i] = char((i * 131) ^ (i >> 8));

    QByteArray received;
    qsizetype offset = 0;
    bool sawPartial = false;
    QElapsedTimer t;
    t.start();
    while (received.size() < payload.size()) {
        QVERIFY2(t.elapsed() < 3000, "transfer stalled");
        if (offset < payload.size()) {
            auto n = net::send(link->client.get(), payload.mid(offset, 256 * 1024));
            if (n.ok()) {
                QVERIFY(*n > 0);
                if (*n < qMin<qsizetype>(256 * 1024, payload.size() - offset))
                    sawPartial = true;
                offset += *n;
            } else {
                QCOMPARE(n.error().err, EAGAIN);
                sawPartial = true;
            }
        }
        auto got = net::recv(link->server.get(), 256 * 1024);
        if (got.ok()) {
            QVERIFY(!got->isEmpty()); // the client never closed: empty would be a false EOF
            received += *got;
        } else {
            QCOMPARE(got.error().err, EAGAIN);
        }
    }
    QVERIFY(sawPartial);
    QCOMPARE(received.size(), payload.size());
    QVERIFY(received == payload);
}

void TestNet::addressInUse()
{
    auto first = net::tcpListen({kLoopback, 0});
    QVERIFY(first.ok());
    const quint16 port = net::localEndpoint(first->get()).port;
    auto second = net::tcpListen({kLoopback, port});
    QVERIFY(!second.ok());
    QCOMPARE(second.error().err, EADDRINUSE);
    const QString text = second.error().text;
    // One clear sentence: names the port, starts with a capital, ends with one full stop,
    // nothing after it, no errno jargon a learner would have to look up.
    QVERIFY2(text.contains(QString::number(port)), qPrintable(text));
    QVERIFY2(text.at(0).isUpper(), qPrintable(text));
    QVERIFY2(text.endsWith(QLatin1Char('.')), qPrintable(text));
    QString withoutHost = text;
    withoutHost.remove(kLoopback);
    QCOMPARE(withoutHost.count(QLatin1Char('.')), 1);
    QVERIFY2(!text.contains(QLatin1Char('\n')), qPrintable(text));
    QVERIFY2(!text.contains(QStringLiteral("errno")), qPrintable(text));
    // The first listener is unharmed.
    QCOMPARE(net::tcpState(first->get()), int(TCP_LISTEN));
}

void TestNet::connectionRefused()
{
    quint16 port;
    {
        auto lis = net::tcpListen({kLoopback, 0});
        QVERIFY(lis.ok());
        port = net::localEndpoint(lis->get()).port;
    } // closed: nobody listens on `port` any more
    auto c = net::tcpConnectBlocking({kLoopback, port});
    QVERIFY(!c.ok());
    QCOMPARE(c.error().err, ECONNREFUSED);
    QVERIFY2(c.error().text.contains(QString::number(port)), qPrintable(c.error().text));

    // The non-blocking connect returns at once; the refusal arrives as SO_ERROR.
    auto nb = net::tcpConnect({kLoopback, port});
    QVERIFY2(nb.ok(), qPrintable(nb.error().text));
    QVERIFY(settle([&] { return net::tcpState(nb->get()) == TCP_CLOSE; }));
    QCOMPARE(net::pendingError(nb->get()), ECONNREFUSED);
    QCOMPARE(net::pendingError(nb->get()), 0); // reading SO_ERROR cleared it
}

void TestNet::probes()
{
    auto lis = net::tcpListen({kLoopback, 0}, 16);
    QVERIFY(lis.ok());
    const net::Endpoint at = net::localEndpoint(lis->get());
    // A small receive window on the accepted side (inherited from the listener), so the
    // client's data backs up in its own send queue where SIOCOUTQ can see it.
    QVERIFY(net::setReceiveBuffer(lis->get(), 4096).ok());

    QCOMPARE(net::acceptBacklog(lis->get()), 0);
    Fd clients[3];
    for (Fd &c : clients) {
        auto r = net::tcpConnect(at);
        QVERIFY(r.ok());
        c = std::move(*r);
    }
    QVERIFY(settle([&] { return net::acceptBacklog(lis->get()) == 3; }));
    auto server = net::accept(lis->get());
    QVERIFY(server.ok());
    QCOMPARE(net::acceptBacklog(lis->get()), 2);
    // Not a listener / not a socket at all: -1, never a made-up number.
    QCOMPARE(net::acceptBacklog(server->get()), -1);
    QCOMPARE(net::bytesReadable(lis->get()), -1);
    int pipeFds[2];
    QCOMPARE(::pipe(pipeFds), 0);
    Fd pr(pipeFds[0]), pw(pipeFds[1]);
    QCOMPARE(net::tcpState(pr.get()), -1);
    QCOMPARE(net::acceptBacklog(pr.get()), -1);
    QCOMPARE(net::bytesUnsent(pr.get()), -1);

    const int client = clients[0].get();
    QVERIFY(settle([&] { return net::tcpState(client) == TCP_ESTABLISHED; }));
    QVERIFY(net::setSendBuffer(client, 4096).ok());
    QCOMPARE(net::bytesUnsent(client), 0);
    QCOMPARE(net::bytesReadable(server->get()), 0);
    const int roomBefore = net::sendRoom(client);
    QVERIFY(roomBefore > 0);

    // Fill until EAGAIN: the window closes, the rest waits unacknowledged in the send queue.
    qint64 total = 0;
    for (;;) {
        auto n = net::send(client, QByteArray(1024, 'x'));
        if (!n) {
            QCOMPARE(n.error().err, EAGAIN);
            break;
        }
        total += *n;
        QVERIFY(total < 16 * 1024 * 1024);
    }
    QVERIFY(settle([&] { return net::bytesReadable(server->get()) > 0; }));
    const int readable = net::bytesReadable(server->get());
    const int unsent = net::bytesUnsent(client);
    QVERIFY2(unsent > 0, qPrintable(QString::number(unsent)));
    QVERIFY(net::sendRoom(client) < roomBefore);
    // Everything sent is either still queued at the client or waiting at the server.
    QVERIFY(settle(
        [&] { return net::bytesReadable(server->get()) + net::bytesUnsent(client) == total; }));
    QVERIFY(readable <= total);

    // Drain the server: the queue empties, SIOCOUTQ goes back to 0.
    qint64 drained = 0;
    QVERIFY(settle([&] {
        auto got = net::recv(server->get(), 65536);
        if (got.ok())
            drained += got->size();
        return drained == total && net::bytesUnsent(client) == 0;
    }));
    QCOMPARE(net::bytesReadable(server->get()), 0);
}

void TestNet::closeStates()
{
    auto link = makeLink();
    QVERIFY2(link.ok(), qPrintable(link.error().text));
    QVERIFY(net::shutdownWrite(link->client.get()).ok());
    QVERIFY(settle([&] { return net::tcpState(link->server.get()) == TCP_CLOSE_WAIT; }));
    QVERIFY(settle([&] { return net::tcpState(link->client.get()) == TCP_FIN_WAIT2; }));
    QCOMPARE(net::tcpStateName(TCP_CLOSE_WAIT), QStringLiteral("CLOSE_WAIT"));
    QCOMPARE(net::tcpStateName(TCP_FIN_WAIT2), QStringLiteral("FIN_WAIT2"));
    QCOMPARE(net::tcpStateName(-1), QStringLiteral("?"));
    // FIN read as EOF: an empty array, not an error.
    auto eof = net::recv(link->server.get(), 10);
    QVERIFY(eof.ok());
    QVERIFY(eof->isEmpty());
    // The half-closed client can still receive.
    QVERIFY(net::send(link->server.get(), QByteArray("late")).ok());
    QVERIFY(settle([&] { return net::bytesReadable(link->client.get()) == 4; }));
    auto late = net::recv(link->client.get(), 10);
    QVERIFY(late.ok());
    QCOMPARE(*late, QByteArray("late"));
    // Sending after our own shutdown is refused as a value (EPIPE), not a signal.
    auto after = net::send(link->client.get(), QByteArray("x"));
    QVERIFY(!after.ok());
    QCOMPARE(after.error().err, EPIPE);
    QVERIFY(!net::shutdownWrite(-1).ok());
}

// sock_diag answers for exactly the 4-tuple asked: a real conn the server closed first is found
// in TIME_WAIT; the same conn seen from the client's side (gone: CLOSED after LAST_ACK), a port
// nobody uses, and the listener's own port (which the kernel's lookup falls back to) give 0.
void TestNet::sockDiagExactTuple_data()
{
    QTest::addColumn<QString>("ask");
    QTest::addColumn<int>("expected");
    QTest::newRow("server side, TIME_WAIT") << QStringLiteral("server") << 1;
    QTest::newRow("client side, gone") << QStringLiteral("client") << 0;
    QTest::newRow("unknown peer port") << QStringLiteral("unknown") << 0;
    QTest::newRow("listener's port, unknown peer") << QStringLiteral("listener") << 0;
}

void TestNet::sockDiagExactTuple()
{
    QFETCH(QString, ask);
    QFETCH(int, expected);
    auto link = makeLink();
    QVERIFY2(link.ok(), qPrintable(link.error().text));
    const net::Endpoint serverSide = net::localEndpoint(link->server.get());
    const net::Endpoint clientSide = net::localEndpoint(link->client.get());
    const net::Endpoint listenerAt = net::localEndpoint(link->listener.get());
    auto before = net::tcpStateOf(serverSide, clientSide);
    QVERIFY2(before.ok(), qPrintable(before.error().text));
    QCOMPARE(*before, int(TCP_ESTABLISHED));
    // The server closes first, then the client: the server's side keeps TIME_WAIT.
    link->server = Fd();
    QVERIFY(settle([&] { return net::tcpState(link->client.get()) == TCP_CLOSE_WAIT; }));
    link->client = Fd();
    QVERIFY(settle([&] {
        auto st = net::tcpStateOf(serverSide, clientSide);
        return st.ok() && *st == TCP_TIME_WAIT;
    }));
    // (S, S) is no conn: the listener's port S is never also a client's port meanwhile.
    net::Endpoint local = serverSide, peer = clientSide;
    if (ask == QStringLiteral("client")) {
        local = clientSide;
        peer = serverSide;
    } else if (ask == QStringLiteral("unknown")) {
        peer.port = listenerAt.port;
    } else if (ask == QStringLiteral("listener")) {
        local = listenerAt;
        peer.port = quint16(clientSide.port ^ 1);
    }
    auto n = net::tcpSocketsInStates(local, peer, 1u << TCP_TIME_WAIT);
    QVERIFY2(n.ok(), qPrintable(n.error().text));
    QCOMPARE(*n, expected);
    auto any = net::tcpStateOf(local, peer);
    QVERIFY2(any.ok(), qPrintable(any.error().text));
    QCOMPARE(*any != 0, expected != 0);
}

void TestNet::urgentByte()
{
    auto link = makeLink();
    QVERIFY2(link.ok(), qPrintable(link.error().text));
    const int server = link->server.get();
    QVERIFY(net::send(link->client.get(), QByteArray("abc")).ok());
    auto u = net::sendUrgent(link->client.get(), '!');
    QVERIFY(u.ok());
    QCOMPARE(*u, qint64(1));
    pollfd p{server, POLLPRI, 0};
    QCOMPARE(::poll(&p, 1, 2000), 1);
    QVERIFY(p.revents & POLLPRI);
    // FIONREAD counts only the bytes before the urgent mark; the urgent byte is out of band.
    QCOMPARE(net::bytesReadable(server), 3);
    auto urgent = net::recvUrgent(server);
    QVERIFY2(urgent.ok(), qPrintable(urgent.error().text));
    QCOMPARE(*urgent, QByteArray("!"));
    auto normal = net::recv(server, 10);
    QVERIFY(normal.ok());
    QCOMPARE(*normal, QByteArray("abc")); // the urgent byte is not in the normal stream
    auto again = net::recvUrgent(server);
    QVERIFY(!again.ok()); // already read: the kernel says EINVAL
    QCOMPARE(again.error().err, EINVAL);
}

void TestNet::udpRoundTrip()
{
    auto a = net::udpBind({kLoopback, 0});
    auto b = net::udpBind({kLoopback, 0});
    QVERIFY(a.ok() && b.ok());
    const net::Endpoint atA = net::localEndpoint(a->get());
    const net::Endpoint atB = net::localEndpoint(b->get());
    auto n = net::sendTo(a->get(), QByteArray("ping"), atB);
    QVERIFY(n.ok());
    QCOMPARE(*n, qint64(4));
    net::Endpoint from;
    Result<QByteArray> got = Error{};
    QVERIFY(settle([&] {
        got = net::recvFrom(b->get(), 100, &from);
        return got.ok();
    }));
    QCOMPARE(*got, QByteArray("ping"));
    QCOMPARE(from, atA);
    auto none = net::recvFrom(b->get(), 100, nullptr);
    QVERIFY(!none.ok());
    QCOMPARE(none.error().err, EAGAIN);
    QCOMPARE(net::tcpState(a->get()), -1); // a UDP socket has no TCP state
}

void TestNet::sendToResetPeer()
{
    // SIGPIPE is blocked, not ignored: a send that raised it would leave it pending where the
    // test can see it, instead of either killing the process or vanishing unseen.
    sigset_t pipeSet, oldMask;
    sigemptyset(&pipeSet);
    sigaddset(&pipeSet, SIGPIPE);
    QCOMPARE(pthread_sigmask(SIG_BLOCK, &pipeSet, &oldMask), 0);
    auto pendingPipe = [] {
        sigset_t p;
        sigpending(&p);
        return sigismember(&p, SIGPIPE) == 1;
    };
    auto consumePipe = [&] {
        const timespec zero{0, 0};
        while (sigtimedwait(&pipeSet, nullptr, &zero) == SIGPIPE) {
        }
    };
    consumePipe();
    struct Restore {
        sigset_t mask;
        ~Restore() { pthread_sigmask(SIG_SETMASK, &mask, nullptr); }
    } restore{oldMask};

    auto link = makeLink();
    QVERIFY2(link.ok(), qPrintable(link.error().text));
    QVERIFY(net::resetAndClose(link->server).ok());
    QVERIFY(!link->server.valid());
    QVERIFY(settle([&] { return net::tcpState(link->client.get()) == TCP_CLOSE; }));

    // First the reset itself, then "broken pipe" for every later write.
    auto first = net::send(link->client.get(), QByteArray("after reset"));
    QVERIFY(!first.ok());
    QCOMPARE(first.error().err, ECONNRESET);
    auto second = net::send(link->client.get(), QByteArray("again"));
    QVERIFY(!second.ok());
    QCOMPARE(second.error().err, EPIPE);
    QVERIFY2(second.error().text.contains(QStringLiteral("errno %1").arg(EPIPE)),
             qPrintable(second.error().text));
    QVERIFY(!pendingPipe());

    // The check above can fail: the same write without MSG_NOSIGNAL does raise SIGPIPE.
    QCOMPARE(::send(link->client.get(), "x", 1, 0), ssize_t(-1));
    QVERIFY(pendingPipe());
    consumePipe();
    QVERIFY(!pendingPipe());
}

void TestNet::fdRaii()
{
    int raw;
    {
        auto s = net::tcpListen({kLoopback, 0});
        QVERIFY(s.ok());
        raw = s->get();
        QVERIFY(fdIsOpen(raw));
    }
    QVERIFY(!fdIsOpen(raw));

    // Moving hands the descriptor over; only the last owner closes it.
    int p[2];
    QCOMPARE(::pipe(p), 0);
    Fd a(p[0]);
    Fd keep(p[1]);
    {
        Fd b(std::move(a));
        QVERIFY(!a.valid());
        QCOMPARE(a.get(), -1);
        QCOMPARE(b.get(), p[0]);
        Fd c;
        c = std::move(b);
        QVERIFY(!b.valid());
        QVERIFY(fdIsOpen(p[0]));
    }
    QVERIFY(!fdIsOpen(p[0]));

    // release() gives it up without closing; reset() closes the old one.
    int q[2];
    QCOMPARE(::pipe(q), 0);
    int released;
    {
        Fd r(q[0]);
        released = r.release();
        QVERIFY(!r.valid());
    }
    QCOMPARE(released, q[0]);
    QVERIFY(fdIsOpen(q[0]));
    {
        Fd r(q[0]);
        r.reset(q[1]);
        QVERIFY(!fdIsOpen(q[0]));
        QVERIFY(fdIsOpen(q[1]));
    }
    QVERIFY(!fdIsOpen(q[1]));
    QVERIFY(fdIsOpen(keep.get()));
}

void TestNet::invalidHost_data()
{
    QTest::addColumn<QString>("host");
    QTest::newRow("words") << QStringLiteral("not an address");
    QTest::newRow("hostname") << QStringLiteral("localhost");
    QTest::newRow("octet too big") << QStringLiteral("256.1.1.1");
    QTest::newRow("ipv6") << QStringLiteral("::1");
    QTest::newRow("empty") << QString();
    QTest::newRow("non-latin") << QStringLiteral("一二七.0.0.1");
}

void TestNet::invalidHost()
{
    QFETCH(QString, host);
    const auto check = [&](const Error &e) {
        QCOMPARE(e.err, EINVAL);
        QVERIFY2(e.text.contains(QLatin1Char('"') + host + QLatin1Char('"')), qPrintable(e.text));
        QVERIFY2(e.text.contains(QStringLiteral("IPv4")), qPrintable(e.text));
    };
    auto c = net::tcpConnect({host, 80});
    QVERIFY(!c.ok());
    check(c.error());
    if (QTest::currentTestFailed())
        return;
    auto cb = net::tcpConnectBlocking({host, 80});
    QVERIFY(!cb.ok());
    check(cb.error());
    if (QTest::currentTestFailed())
        return;
    auto l = net::tcpListen({host, 0});
    QVERIFY(!l.ok());
    check(l.error());
    if (QTest::currentTestFailed())
        return;
    auto u = net::udpBind({host, 0});
    QVERIFY(!u.ok());
    check(u.error());
}

void TestNet::errnoErrorText()
{
    const Error e = errnoError(QStringLiteral("recv(7)"), ECONNRESET);
    QCOMPARE(e.err, ECONNRESET);
    QVERIFY2(e.text.startsWith(QStringLiteral("recv(7): ")), qPrintable(e.text));
    QVERIFY2(e.text.endsWith(QStringLiteral("(errno %1)").arg(ECONNRESET)), qPrintable(e.text));
    auto bad = net::recv(-1, 10);
    QVERIFY(!bad.ok());
    QCOMPARE(bad.error().err, EBADF);
}

QTEST_GUILESS_MAIN(TestNet)
#include "tst_net.moc"
