// One suite, four backends: every case runs once per row of allBackends(), against real TCP
// sockets on 127.0.0.1. Where the kernel answers differently per backend (a reset is POLLHUP |
// POLLERR for poll and epoll but only "readable" for select) the test says what each one gives.

#include "mux/Multiplexer.h"
#include "mux/WaitCost.h"
#include "net/Socket.h"

#include <QElapsedTimer>
#include <QTest>

#include <fcntl.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <bit>
#include <cerrno>
#include <climits>
#include <functional>
#include <thread>
#include <vector>

using namespace mux;

Q_DECLARE_METATYPE(mux::Backend)
Q_DECLARE_METATYPE(mux::WaitCostSample)

namespace mux {
/// Found by QCOMPARE on QList<FdEvents> (ADL), so a failing list shows "7:IN OUT", not bytes.
char *toString(const FdEvents &f)
{
    return qstrdup(QStringLiteral("%1:%2").arg(f.fd).arg(eventsToString(f.events)).toUtf8());
}
} // namespace mux

namespace {

const QString kLoopback = QStringLiteral("127.0.0.1");

/// Polls `done` every millisecond for up to `ms`, as the engine settles: loopback traffic is
/// finished by the kernel quickly, but not always before the syscall that caused it returns.
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

/// A plain poll(2) on one fd, outside the multiplexer under test, used only to settle: it
/// does not disturb an edge-triggered epoll instance's notion of what is new.
bool kernelSays(int fd, short events, int ms = 2000)
{
    pollfd p{fd, events, 0};
    return ::poll(&p, 1, ms) == 1 && (p.revents & events);
}

struct Link {
    Fd listener;
    Fd client;
    Fd server;
};

/// A connected pair. `listenerRcvBuf` > 0 shrinks the receive buffer the server side inherits.
Result<Link> makeLink(int listenerRcvBuf = 0)
{
    Link l;
    auto lis = net::tcpListen({kLoopback, 0});
    if (!lis)
        return lis.error();
    l.listener = std::move(*lis);
    if (listenerRcvBuf > 0) {
        auto r = net::setReceiveBuffer(l.listener.get(), listenerRcvBuf);
        if (!r)
            return r.error();
    }
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

/// The events returned for fd, 0 when it is not in the ready list. Fails (returns 0xFF) when
/// the fd is listed twice: one fd, one row.
Events eventsFor(const WaitResult &r, int fd)
{
    Events e = 0;
    int rows = 0;
    for (const FdEvents &f : r.ready)
        if (f.fd == fd) {
            e = f.events;
            ++rows;
        }
    return rows > 1 ? Events(0xFF) : e;
}

/// What the syscall itself must have returned for this ready list: select counts bits across
/// its three sets, poll and epoll count descriptors.
int expectedRet(Backend b, const WaitResult &r)
{
    if (b != Backend::Select)
        return int(r.ready.size());
    int n = 0;
    for (const FdEvents &f : r.ready)
        n += std::popcount(unsigned(f.events & kRequestable));
    return n;
}

QString describe(const WaitResult &r)
{
    QStringList rows;
    for (const FdEvents &f : r.ready)
        rows << QStringLiteral("%1:%2").arg(f.fd).arg(eventsToString(f.events));
    return QStringLiteral("ret=%1 err=%2 ready=[%3]").arg(r.ret).arg(r.err).arg(rows.join(u' '));
}

/// Sends until EAGAIN, waits until nothing moves between the two ends any more (no segment or
/// ACK still in flight, which a busy machine can hold back for a while), and repeats until a
/// send on the quiet connection fails straight away. Only then is "full" a stable state that
/// a later wait can be judged against.
Result<qint64> fillUntilFull(int fd, int peer)
{
    const QByteArray chunk(1024, 'x');
    qint64 total = 0;
    for (int round = 0; round < 100; ++round) {
        int accepted = 0;
        for (;;) {
            auto n = net::send(fd, chunk);
            if (!n) {
                if (n.error().err != EAGAIN)
                    return n.error();
                break;
            }
            total += *n;
            ++accepted;
            if (total > 64 * 1024 * 1024)
                return Error{0, QStringLiteral("the send buffer never filled")};
        }
        if (accepted == 0 && round > 0)
            return total;
        int quietSamples = 0;
        QPair<int, int> last{-2, -2};
        settle([&] {
            const QPair<int, int> now{net::bytesUnsent(fd), net::bytesReadable(peer)};
            quietSamples = now == last ? quietSamples + 1 : 0;
            last = now;
            if (quietSamples < 3)
                ::usleep(4000);
            return quietSamples >= 3;
        });
    }
    return Error{0, QStringLiteral("the send buffer kept draining")};
}

} // namespace

// A macro, not a helper function: QVERIFY/QCOMPARE return from the function they are in, and
// only in the test body does that stop the test. Every wait must have succeeded and its return
// value must agree with the ready list it came with.
#define WAIT_OK(res)                                                                               \
    do {                                                                                           \
        QVERIFY2((res).ret >= 0, qPrintable(describe(res)));                                       \
        QCOMPARE((res).ret, expectedRet(backend, (res)));                                          \
    } while (false)

class TestMux : public QObject {
    Q_OBJECT

private slots:
    void listenerReadable_data() { backendRows(); }
    void listenerReadable();
    void connReadable_data() { backendRows(); }
    void connReadable();
    void writableUntilFull_data() { backendRows(); }
    void writableUntilFull();
    void urgentData_data() { backendRows(); }
    void urgentData();
    void peerClose_data() { backendRows(); }
    void peerClose();
    void peerReset_data() { backendRows(); }
    void peerReset();
    void requestedVsReturned_data() { backendRows(); }
    void requestedVsReturned();
    void eintrIsZeroEvents_data() { backendRows(); }
    void eintrIsZeroEvents();
    void modifyRemove_data() { backendRows(); }
    void modifyRemove();
    void fdSetSize_data() { backendRows(); }
    void fdSetSize();
    void edgeVsLevel_data();
    void edgeVsLevel();
    void flagTable();
    void waitCostRoundTrip_data();
    void waitCostRoundTrip();
    void waitCostFromOtherText_data();
    void waitCostFromOtherText();

private:
    static void backendRows()
    {
        QTest::addColumn<Backend>("backend");
        for (Backend b : allBackends())
            QTest::newRow(qPrintable(backendName(b))) << b;
    }
};

void TestMux::listenerReadable()
{
    QFETCH(Backend, backend);
    auto mux = Multiplexer::create(backend);
    QVERIFY(mux);
    QCOMPARE(mux->backend(), backend);
    auto lis = net::tcpListen({kLoopback, 0});
    QVERIFY(lis.ok());
    const int L = lis->get();
    QVERIFY(mux->add(L, Readable).ok());

    // Nothing pending: the call waits out its timeout and returns nothing.
    WaitResult r = mux->wait(30);
    WAIT_OK(r);
    QCOMPARE(r.ret, 0);
    QCOMPARE(r.err, 0);
    QVERIFY(r.ready.isEmpty());
    QVERIFY2(r.durationNs >= 25'000'000LL && r.durationNs < 1'000'000'000LL,
             qPrintable(QString::number(r.durationNs)));

    auto client = net::tcpConnect({kLoopback, net::localEndpoint(L).port});
    QVERIFY(client.ok());
    QVERIFY(settle([&] { return net::acceptBacklog(L) == 1; }));
    r = mux->wait(1000);
    WAIT_OK(r);
    QCOMPARE(r.ret, 1);
    QCOMPARE(r.ready, (QList<FdEvents>{{L, Readable}}));
    QVERIFY(r.durationNs < 500'000'000LL); // it was ready: no waiting out the timeout

    auto conn = net::accept(L);
    QVERIFY(conn.ok());
    // Accepted: the queue is empty and the listener is quiet again, for every backend.
    r = mux->wait(0);
    WAIT_OK(r);
    QCOMPARE(r.ret, 0);
    QVERIFY2(r.ready.isEmpty(), qPrintable(describe(r)));
}

void TestMux::connReadable()
{
    QFETCH(Backend, backend);
    auto mux = Multiplexer::create(backend);
    auto link = makeLink();
    QVERIFY2(link.ok(), qPrintable(link.error().text));
    const int S = link->server.get(), C = link->client.get();
    QVERIFY(mux->add(S, Readable).ok());
    QVERIFY(mux->add(C, Readable).ok());

    WaitResult r = mux->wait(0);
    WAIT_OK(r);
    QVERIFY2(r.ready.isEmpty(), qPrintable(describe(r)));

    QVERIFY(net::send(C, QByteArray("hello")).ok());
    QVERIFY(settle([&] { return net::bytesReadable(S) == 5; }));
    r = mux->wait(1000);
    WAIT_OK(r);
    // Only the server side has bytes; the client side must not be reported.
    QCOMPARE(r.ready, (QList<FdEvents>{{S, Readable}}));

    auto got = net::recv(S, 100);
    QVERIFY(got.ok());
    QCOMPARE(*got, QByteArray("hello"));
    r = mux->wait(0);
    WAIT_OK(r);
    QVERIFY2(r.ready.isEmpty(), qPrintable(describe(r)));

    // Both directions at once: two fds in one call.
    QVERIFY(net::send(C, QByteArray("a")).ok());
    QVERIFY(net::send(S, QByteArray("b")).ok());
    QVERIFY(settle([&] { return net::bytesReadable(S) == 1 && net::bytesReadable(C) == 1; }));
    r = mux->wait(1000);
    WAIT_OK(r);
    QCOMPARE(r.ready.size(), 2);
    QCOMPARE(eventsFor(r, S), Events(Readable));
    QCOMPARE(eventsFor(r, C), Events(Readable));
}

void TestMux::writableUntilFull()
{
    QFETCH(Backend, backend);
    auto mux = Multiplexer::create(backend);
    // Small buffers on both ends so "full" is a few kilobytes, and the server never reads
    // until the end of the test.
    auto link = makeLink(4096);
    QVERIFY2(link.ok(), qPrintable(link.error().text));
    const int C = link->client.get(), S = link->server.get();
    QVERIFY(net::setSendBuffer(C, 4096).ok());

    QVERIFY(mux->add(C, Writable).ok());
    WaitResult r = mux->wait(1000);
    WAIT_OK(r);
    QCOMPARE(r.ready, (QList<FdEvents>{{C, Writable}}));
    QVERIFY(mux->remove(C).ok());

    auto filled = fillUntilFull(C, S);
    QVERIFY2(filled.ok(), qPrintable(filled.error().text));
    QVERIFY(*filled > 0);
    QVERIFY(net::bytesUnsent(C) > 0);

    // Watched again while full: not writable. A delayed ACK (up to 40 ms, later on a loaded
    // machine) can still free room after fillUntilFull saw the queues quiet: then "writable"
    // must be true — a send takes bytes — and the fill goes on until the peer's window shuts.
    QVERIFY(mux->add(C, Writable).ok());
    for (int round = 0;; ++round) {
        r = mux->wait(50);
        WAIT_OK(r);
        const QString state = QStringLiteral("%1; filled %2, unsent %3, room %4, peer holds %5")
                                  .arg(describe(r))
                                  .arg(*filled)
                                  .arg(net::bytesUnsent(C))
                                  .arg(net::sendRoom(C))
                                  .arg(net::bytesReadable(S));
        if (r.ret == 0 && r.ready.isEmpty())
            break;
        QVERIFY2(round < 50, qPrintable(state));
        QVERIFY2(r.ready == (QList<FdEvents>{{C, Writable}}), qPrintable(state));
        auto more = fillUntilFull(C, S);
        QVERIFY2(more.ok() && *more > 0, qPrintable(state)); // "writable" told the truth
        *filled += *more;
    }

    // The peer reads everything; ACKs open the window and the client is writable again.
    qint64 drained = 0;
    QVERIFY(settle([&] {
        auto got = net::recv(S, 65536);
        if (got.ok())
            drained += got->size();
        return drained == *filled && net::bytesUnsent(C) == 0;
    }));
    r = mux->wait(1000);
    WAIT_OK(r);
    QCOMPARE(r.ready, (QList<FdEvents>{{C, Writable}}));
}

void TestMux::urgentData()
{
    QFETCH(Backend, backend);
    auto mux = Multiplexer::create(backend);
    auto link = makeLink();
    QVERIFY2(link.ok(), qPrintable(link.error().text));
    const int C = link->client.get(), S = link->server.get();
    QVERIFY(mux->add(S, Readable | Exceptional).ok());

    QVERIFY(net::send(C, QByteArray("abc")).ok());
    QVERIFY(net::sendUrgent(C, '!').ok());
    QVERIFY(kernelSays(S, POLLPRI));
    QVERIFY(settle([&] { return net::bytesReadable(S) == 3; }));

    // Normal bytes before the mark make it readable; the urgent byte puts it in the xlist
    // (POLLPRI / EPOLLPRI).
    WaitResult r = mux->wait(1000);
    WAIT_OK(r);
    QCOMPARE(r.ready, (QList<FdEvents>{{S, Events(Readable | Exceptional)}}));

    auto urgent = net::recvUrgent(S);
    QVERIFY(urgent.ok());
    QCOMPARE(*urgent, QByteArray("!"));
    auto normal = net::recv(S, 10);
    QVERIFY(normal.ok());
    QCOMPARE(*normal, QByteArray("abc"));
    // Urgent byte consumed, normal bytes consumed: nothing left to report.
    r = mux->wait(0);
    WAIT_OK(r);
    QVERIFY2(r.ready.isEmpty(), qPrintable(describe(r)));

    // An xlist-only watcher sees the urgent byte and nothing else.
    QVERIFY(mux->modify(S, Exceptional).ok());
    QVERIFY(net::send(C, QByteArray("more")).ok());
    QVERIFY(net::sendUrgent(C, '#').ok());
    QVERIFY(kernelSays(S, POLLPRI));
    r = mux->wait(1000);
    WAIT_OK(r);
    QCOMPARE(r.ready, (QList<FdEvents>{{S, Exceptional}}));
}

void TestMux::peerClose()
{
    QFETCH(Backend, backend);
    auto mux = Multiplexer::create(backend);
    auto link = makeLink();
    QVERIFY2(link.ok(), qPrintable(link.error().text));
    const int S = link->server.get();
    QVERIFY(mux->add(S, Readable).ok());
    QVERIFY(mux->wait(0).ready.isEmpty());

    link->client.reset(); // close(): FIN
    QVERIFY(settle([&] { return net::tcpState(S) == TCP_CLOSE_WAIT; }));
    // A FIN is "readable" and nothing more for every backend: POLLHUP needs both directions
    // shut, and POLLRDHUP was not requested.
    WaitResult r = mux->wait(1000);
    WAIT_OK(r);
    QCOMPARE(r.ready, (QList<FdEvents>{{S, Readable}}));
    auto eof = net::recv(S, 100);
    QVERIFY2(eof.ok(), qPrintable(eof.error().text));
    QVERIFY(eof->isEmpty());

    // EOF stays readable for level-triggered backends; edge-triggered saw no new edge.
    r = mux->wait(0);
    WAIT_OK(r);
    if (backend == Backend::EpollEt)
        QVERIFY2(r.ready.isEmpty(), qPrintable(describe(r)));
    else
        QCOMPARE(r.ready, (QList<FdEvents>{{S, Readable}}));
}

void TestMux::peerReset()
{
    QFETCH(Backend, backend);
    auto mux = Multiplexer::create(backend);
    auto link = makeLink();
    QVERIFY2(link.ok(), qPrintable(link.error().text));
    const int S = link->server.get();
    QVERIFY(mux->add(S, Readable).ok());
    QVERIFY(mux->wait(0).ready.isEmpty());

    QVERIFY(net::resetAndClose(link->client).ok()); // SO_LINGER 0: RST
    QVERIFY(settle([&] { return net::tcpState(S) == TCP_CLOSE; }));

    // What Linux's tcp_poll gives after a RST: EPOLLIN (receive side shut), EPOLLHUP (state
    // CLOSE) and EPOLLERR (sk_err = ECONNRESET). poll and epoll show all three; select has no
    // place for HUP/ERR and puts the fd in its rlist.
    const Events expected =
        backend == Backend::Select ? Events(Readable) : Events(Readable | HangUp | Failed);
    WaitResult r = mux->wait(1000);
    WAIT_OK(r);
    QCOMPARE(r.ready, (QList<FdEvents>{{S, expected}}));

    auto got = net::recv(S, 100);
    QVERIFY(!got.ok());
    QCOMPARE(got.error().err, ECONNRESET);
    QVERIFY2(got.error().text.contains(QStringLiteral("errno %1").arg(ECONNRESET)),
             qPrintable(got.error().text));

    // The error is reported once; what is left is a closed, readable (EOF) socket.
    const Events after = backend == Backend::Select ? Events(Readable) : Events(Readable | HangUp);
    r = mux->wait(0);
    WAIT_OK(r);
    if (backend == Backend::EpollEt)
        QVERIFY2(r.ready.isEmpty(), qPrintable(describe(r)));
    else
        QCOMPARE(r.ready, (QList<FdEvents>{{S, after}}));
    auto eof = net::recv(S, 100);
    QVERIFY(eof.ok());
    QVERIFY(eof->isEmpty());
}

void TestMux::requestedVsReturned()
{
    QFETCH(Backend, backend);
    auto mux = Multiplexer::create(backend);
    auto link = makeLink();
    QVERIFY2(link.ok(), qPrintable(link.error().text));
    const int C = link->client.get(), S = link->server.get();
    QVERIFY(net::send(C, QByteArray("data")).ok());
    QVERIFY(settle([&] { return net::bytesReadable(S) == 4; }));
    // The kernel would say both readable and writable…
    pollfd p{S, POLLIN | POLLOUT | POLLPRI, 0};
    QCOMPARE(::poll(&p, 1, 0), 1);
    QCOMPARE(int(p.revents), int(POLLIN | POLLOUT));

    // …but only what was asked for comes back.
    QVERIFY(mux->add(S, Readable).ok());
    WaitResult r = mux->wait(1000);
    WAIT_OK(r);
    QCOMPARE(r.ready, (QList<FdEvents>{{S, Readable}}));

    QVERIFY(mux->modify(S, Writable).ok());
    r = mux->wait(1000);
    WAIT_OK(r);
    QCOMPARE(r.ready, (QList<FdEvents>{{S, Writable}}));

    QVERIFY(mux->modify(S, Exceptional).ok());
    r = mux->wait(0);
    WAIT_OK(r);
    QVERIFY2(r.ready.isEmpty(), qPrintable(describe(r)));

    // The other direction: asking for both does not make both come back. The client side has
    // room but nothing to read.
    QVERIFY(mux->add(C, Readable | Writable | Exceptional).ok());
    r = mux->wait(1000);
    WAIT_OK(r);
    QCOMPARE(r.ready, (QList<FdEvents>{{C, Writable}}));
    QVERIFY(mux->remove(C).ok());

    // Returned-only flags cannot be requested: HangUp | Failed | PeerClosed are dropped, so
    // nothing but the Readable request decides what comes back.
    QVERIFY(mux->modify(S, Readable | HangUp | Failed | PeerClosed | Invalid).ok());
    r = mux->wait(1000);
    WAIT_OK(r);
    QCOMPARE(r.ready, (QList<FdEvents>{{S, Readable}}));
    link->client.reset(); // FIN: would be POLLRDHUP had it been requested
    QVERIFY(settle([&] { return net::tcpState(S) == TCP_CLOSE_WAIT; }));
    r = mux->wait(1000);
    WAIT_OK(r);
    QCOMPARE(r.ready, (QList<FdEvents>{{S, Readable}}));
}

namespace {
void onSignal(int) {}
} // namespace

void TestMux::eintrIsZeroEvents()
{
    QFETCH(Backend, backend);
    auto mux = Multiplexer::create(backend);
    auto link = makeLink();
    QVERIFY2(link.ok(), qPrintable(link.error().text));
    QVERIFY(mux->add(link->server.get(), Readable).ok());

    // No SA_RESTART: the handler must interrupt the wait. (The multiplexing calls are never
    // restarted anyway, but this is the case the design names.)
    struct sigaction sa {
    }, old{};
    sa.sa_handler = onSignal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;
    QCOMPARE(::sigaction(SIGUSR1, &sa, &old), 0);
    sigset_t usr1;
    sigemptyset(&usr1);
    sigaddset(&usr1, SIGUSR1);
    pthread_sigmask(SIG_UNBLOCK, &usr1, nullptr);

    // Signal repeatedly until the wait returns: one signal sent before the thread is inside
    // the syscall would be handled and lost, and the wait would sit out its whole timeout.
    const pthread_t waiter = pthread_self();
    std::atomic<bool> done{false};
    std::thread kicker([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(30));
        while (!done.load()) {
            pthread_kill(waiter, SIGUSR1);
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
    });
    const WaitResult r = mux->wait(3000);
    done = true;
    kicker.join();
    ::sigaction(SIGUSR1, &old, nullptr);

    QCOMPARE(r.err, EINTR);
    QCOMPARE(r.ret, 0);
    QVERIFY(r.ready.isEmpty());
    QVERIFY2(r.durationNs < 2'000'000'000LL, qPrintable(QString::number(r.durationNs)));

    // And the backend is still usable afterwards.
    QVERIFY(net::send(link->client.get(), QByteArray("x")).ok());
    QVERIFY(settle([&] { return net::bytesReadable(link->server.get()) == 1; }));
    const WaitResult after = mux->wait(1000);
    QCOMPARE(after.err, 0);
    QCOMPARE(after.ready, (QList<FdEvents>{{link->server.get(), Readable}}));
}

void TestMux::modifyRemove()
{
    QFETCH(Backend, backend);
    auto mux = Multiplexer::create(backend);
    auto link = makeLink();
    QVERIFY2(link.ok(), qPrintable(link.error().text));
    const int C = link->client.get(), S = link->server.get();
    QVERIFY(net::send(C, QByteArray("data")).ok());
    QVERIFY(settle([&] { return net::bytesReadable(S) == 4; }));

    // Not watched yet: modify and remove are errors, not silent no-ops.
    QVERIFY(!mux->modify(S, Readable).ok());
    QVERIFY(!mux->remove(S).ok());

    QVERIFY(mux->add(S, Readable).ok());
    const auto dup = mux->add(S, Writable);
    QVERIFY(!dup.ok());
    QCOMPARE(dup.error().err, EEXIST);
    QVERIFY(!dup.error().text.isEmpty());
    WaitResult r = mux->wait(1000);
    WAIT_OK(r);
    // The failed second add changed nothing.
    QCOMPARE(r.ready, (QList<FdEvents>{{S, Readable}}));

    QVERIFY(mux->modify(S, Readable | Writable).ok());
    r = mux->wait(1000);
    WAIT_OK(r);
    QCOMPARE(r.ready, (QList<FdEvents>{{S, Events(Readable | Writable)}}));
    QCOMPARE(r.ret, backend == Backend::Select ? 2 : 1);

    QVERIFY(mux->add(C, Writable).ok());
    r = mux->wait(1000);
    WAIT_OK(r);
    QCOMPARE(eventsFor(r, C), Events(Writable));
    if (backend == Backend::EpollEt) {
        // S was reported after its MOD and nothing about it changed since: no new edge.
        QCOMPARE(r.ready.size(), 1);
    } else {
        QCOMPARE(r.ready.size(), 2);
        QCOMPARE(eventsFor(r, S), Events(Readable | Writable));
    }

    // Removed: more data arrives (a new edge, too), but it is no longer reported.
    QVERIFY(mux->remove(S).ok());
    QVERIFY(net::send(C, QByteArray("more")).ok());
    QVERIFY(settle([&] { return net::bytesReadable(S) == 8; }));
    r = mux->wait(backend == Backend::EpollEt ? 50 : 1000);
    WAIT_OK(r);
    QCOMPARE(eventsFor(r, S), Events(0));
    if (backend != Backend::EpollEt)
        QCOMPARE(r.ready, (QList<FdEvents>{{C, Writable}}));
    QVERIFY(mux->remove(C).ok());
    r = mux->wait(0);
    WAIT_OK(r);
    QCOMPARE(r.ret, 0);
    QVERIFY(r.ready.isEmpty());
    QVERIFY(!mux->remove(S).ok());
    QVERIFY(!mux->modify(C, Readable).ok());

    // Watched again from scratch after a remove.
    QVERIFY(mux->add(S, Readable).ok());
    r = mux->wait(1000);
    WAIT_OK(r);
    QCOMPARE(r.ready, (QList<FdEvents>{{S, Readable}}));

    // Removing the first of several must leave the others addressable: after it, modify the
    // ones that moved. Neither has anything to read, so asking for Readable alone must make
    // both quiet; a stale position would leave one of them still asking for Writable.
    auto other = makeLink();
    QVERIFY2(other.ok(), qPrintable(other.error().text));
    const int O = other->server.get();
    QVERIFY(mux->add(C, Writable).ok());
    QVERIFY(mux->add(O, Writable).ok());
    QVERIFY(mux->remove(S).ok());
    QVERIFY(mux->modify(C, Readable).ok());
    QVERIFY(mux->modify(O, Readable).ok());
    r = mux->wait(backend == Backend::EpollEt ? 50 : 100);
    WAIT_OK(r);
    QVERIFY2(r.ready.isEmpty(), qPrintable(describe(r)));
    QVERIFY(mux->modify(O, Writable).ok());
    r = mux->wait(1000);
    WAIT_OK(r);
    QCOMPARE(r.ready, (QList<FdEvents>{{O, Writable}}));
    QVERIFY(mux->remove(C).ok());
    QVERIFY(mux->remove(O).ok());
    r = mux->wait(0);
    WAIT_OK(r);
    QVERIFY2(r.ready.isEmpty(), qPrintable(describe(r)));
}

void TestMux::fdSetSize()
{
    QFETCH(Backend, backend);
    auto mux = Multiplexer::create(backend);
    QCOMPARE(mux->fdLimit(), backend == Backend::Select ? int(FD_SETSIZE) : INT_MAX);

    rlimit old{};
    QCOMPARE(::getrlimit(RLIMIT_NOFILE, &old), 0);
    if (old.rlim_max != RLIM_INFINITY && old.rlim_max < 1100)
        QSKIP("RLIMIT_NOFILE hard limit is below 1100; cannot open a descriptor >= 1024");

    // Everything opened here is closed, and the limit restored, however the test ends.
    struct Cleanup {
        rlimit limit;
        std::vector<Fd> fds;
        ~Cleanup()
        {
            fds.clear();
            ::setrlimit(RLIMIT_NOFILE, &limit);
        }
    } cleanup{old, {}};

    rlimit raised = old;
    raised.rlim_cur = old.rlim_max;
    if (::setrlimit(RLIMIT_NOFILE, &raised) != 0) {
        raised.rlim_cur = 4096; // an unlimited hard limit is still capped by fs.nr_open
        QCOMPARE(::setrlimit(RLIMIT_NOFILE, &raised), 0);
    }

    auto link = makeLink();
    QVERIFY2(link.ok(), qPrintable(link.error().text));
    // A small fd watched too, so select has a real set to build around the refusal.
    auto small = makeLink();
    QVERIFY2(small.ok(), qPrintable(small.error().text));
    QVERIFY(small->server.get() < FD_SETSIZE);
    QVERIFY(mux->add(small->server.get(), Readable).ok());

    // A busy process: descriptors up to and past FD_SETSIZE are in use.
    Fd devNull(::open("/dev/null", O_RDONLY | O_CLOEXEC));
    QVERIFY(devNull.valid());
    for (;;) {
        const int d = ::fcntl(devNull.get(), F_DUPFD_CLOEXEC, 0);
        QVERIFY2(d >= 0, strerror(errno));
        cleanup.fds.emplace_back(d);
        if (d >= FD_SETSIZE)
            break;
        QVERIFY(cleanup.fds.size() < 5000);
    }

    // The real connection lands above the limit.
    Fd bigServer(::fcntl(link->server.get(), F_DUPFD_CLOEXEC, 1030));
    Fd bigClient(::fcntl(link->client.get(), F_DUPFD_CLOEXEC, 1030));
    QVERIFY(bigServer.get() >= 1030 && bigClient.get() >= 1030);
    link->server.reset();
    link->client.reset();
    const int S = bigServer.get(), C = bigClient.get();

    const auto added = mux->add(S, Readable);
    if (backend == Backend::Select) {
        QVERIFY(!added.ok());
        QVERIFY2(added.error().text.contains(QStringLiteral("FD_SETSIZE")),
                 qPrintable(added.error().text));
        QVERIFY2(added.error().text.contains(QString::number(S)), qPrintable(added.error().text));
        QVERIFY(!mux->modify(S, Readable).ok()); // it never became part of the interest
        QVERIFY(!mux->remove(S).ok());
        QVERIFY(!mux->add(-1, Readable).ok());
    } else {
        QVERIFY2(added.ok(), qPrintable(added.error().text));
    }

    WaitResult r = mux->wait(0);
    WAIT_OK(r);
    QVERIFY2(r.ready.isEmpty(), qPrintable(describe(r)));

    QVERIFY(net::send(C, QByteArray("over the limit")).ok());
    QVERIFY(net::send(small->client.get(), QByteArray("small")).ok());
    QVERIFY(settle([&] {
        return net::bytesReadable(S) == 14 && net::bytesReadable(small->server.get()) == 5;
    }));
    r = mux->wait(1000);
    WAIT_OK(r);
    if (backend == Backend::Select) {
        // select only ever touched the small one.
        QCOMPARE(r.ready, (QList<FdEvents>{{small->server.get(), Readable}}));
    } else {
        QCOMPARE(r.ready.size(), 2);
        QCOMPARE(eventsFor(r, S), Events(Readable));
        QCOMPARE(eventsFor(r, small->server.get()), Events(Readable));
        QVERIFY(mux->remove(S).ok());
    }
    auto got = net::recv(S, 100);
    QVERIFY(got.ok());
    QCOMPARE(*got, QByteArray("over the limit"));
}

void TestMux::edgeVsLevel_data()
{
    QTest::addColumn<Backend>("backend");
    QTest::addColumn<bool>("edge");
    for (Backend b : allBackends())
        QTest::newRow(qPrintable(backendName(b))) << b << (b == Backend::EpollEt);
}

void TestMux::edgeVsLevel()
{
    QFETCH(Backend, backend);
    QFETCH(bool, edge);
    auto mux = Multiplexer::create(backend);
    auto link = makeLink();
    QVERIFY2(link.ok(), qPrintable(link.error().text));
    const int C = link->client.get(), S = link->server.get();
    QVERIFY(mux->add(S, Readable).ok());

    QVERIFY(net::send(C, QByteArray(100, 'a')).ok());
    QVERIFY(settle([&] { return net::bytesReadable(S) == 100; }));
    WaitResult r = mux->wait(1000);
    WAIT_OK(r);
    QCOMPARE(r.ready, (QList<FdEvents>{{S, Readable}}));

    // Read only part of it: 90 bytes still wait in the kernel.
    auto part = net::recv(S, 10);
    QVERIFY(part.ok());
    QCOMPARE(part->size(), 10);
    QCOMPARE(net::bytesReadable(S), 90);
    for (int i = 0; i < 3; ++i) {
        r = mux->wait(edge ? 30 : 1000);
        WAIT_OK(r);
        if (edge) // no new edge: the 90 bytes are the missed wakeup
            QVERIFY2(r.ready.isEmpty(), qPrintable(describe(r)));
        else // level: still readable, so reported every time
            QCOMPARE(r.ready, (QList<FdEvents>{{S, Readable}}));
    }

    // More data is a new edge: reported once, then silent again.
    QVERIFY(net::send(C, QByteArray(5, 'b')).ok());
    QVERIFY(settle([&] { return net::bytesReadable(S) == 95; }));
    r = mux->wait(1000);
    WAIT_OK(r);
    QCOMPARE(r.ready, (QList<FdEvents>{{S, Readable}}));
    r = mux->wait(edge ? 30 : 1000);
    WAIT_OK(r);
    if (edge)
        QVERIFY2(r.ready.isEmpty(), qPrintable(describe(r)));
    else
        QCOMPARE(r.ready, (QList<FdEvents>{{S, Readable}}));
    QCOMPARE(net::bytesReadable(S), 95);
}

void TestMux::flagTable()
{
    QCOMPARE(toPoll(Readable | Writable | Exceptional), short(POLLIN | POLLOUT | POLLPRI));
    QCOMPARE(fromPoll(POLLIN | POLLHUP | POLLERR), Events(Readable | HangUp | Failed));
    QCOMPARE(fromPoll(POLLNVAL), Events(Invalid));
    QCOMPARE(fromPoll(POLLRDNORM), Events(0)); // not a flag muxlab shows
    QCOMPARE(toEpoll(Readable | Exceptional), std::uint32_t(EPOLLIN | EPOLLPRI));
    QCOMPARE(toEpoll(Invalid), std::uint32_t(0)); // epoll has no POLLNVAL
    QCOMPARE(fromEpoll(EPOLLIN | EPOLLRDHUP | EPOLLET), Events(Readable | PeerClosed));
    QCOMPARE(eventsToString(Readable | Writable | Exceptional), QStringLiteral("IN OUT PRI"));
    QCOMPARE(pollEventsToString(Readable | HangUp), QStringLiteral("POLLIN|POLLHUP"));
    QCOMPARE(epollEventsToString(Writable | Failed), QStringLiteral("EPOLLOUT|EPOLLERR"));
    QCOMPARE(pollEventsToString(0), QStringLiteral("0"));
    for (Backend b : allBackends())
        QCOMPARE(backendFromName(backendName(b)), std::optional<Backend>(b));
    QVERIFY(!backendFromName(QStringLiteral("kqueue")));
    QCOMPARE(allBackends().size(), 4);
}

void TestMux::waitCostRoundTrip_data()
{
    QTest::addColumn<WaitCostSample>("sample");
    // Real samples, as the scaling lesson writes them to its measure lines.
    auto idle = openIdleSockets(10);
    QVERIFY(idle.ok());
    for (Backend b : {Backend::Select, Backend::Poll, Backend::Epoll})
        QTest::newRow(qPrintable(backendName(b) + QStringLiteral(" measured")))
            << measureWaitCost(b, *idle, 5);
    QTest::newRow("under 10 us, two decimals") << WaitCostSample{Backend::Poll, 100, 4567, 51, {}};
    QTest::newRow("over 10 us, one decimal")
        << WaitCostSample{Backend::Poll, 10000, 123456, 51, {}};
    QTest::newRow("refused, with a colon in the why") << WaitCostSample{
        Backend::Select, 10000, -1, 0,
        QStringLiteral("select() cannot watch descriptor 1030: an fd_set only holds 0 to 1023")};
    QTest::newRow("skipped") << WaitCostSample{Backend::Epoll, 10000, -1, 0,
                                               QStringLiteral("the descriptor limit here is 1024")};
}

void TestMux::waitCostRoundTrip()
{
    QFETCH(WaitCostSample, sample);
    const QString line = sample.toString();
    const std::optional<WaitCostSample> back = WaitCostSample::fromString(line);
    QVERIFY2(back, qPrintable(line));
    QCOMPARE(back->backend, sample.backend);
    QCOMPARE(back->sockets, sample.sockets);
    QCOMPARE(back->repeats, sample.repeats);
    QCOMPARE(back->refused, sample.refused);
    QCOMPARE(back->measured(), sample.measured());
    // The line prints µs to 2 decimals under 10 µs and 1 above: that much of the ns survives.
    const qint64 slack = sample.medianNs < 10000 ? 5 : 50;
    QVERIFY2(std::abs(back->medianNs - sample.medianNs) <= slack,
             qPrintable(
                 QStringLiteral("%1 ns read back as %2").arg(sample.medianNs).arg(back->medianNs)));
    QCOMPARE(back->toString(), line);
}

void TestMux::waitCostFromOtherText_data()
{
    QTest::addColumn<QString>("line");
    QTest::newRow("empty") << QString();
    QTest::newRow("another measure line") << QStringLiteral("12345 bytes/s over 3 s");
    QTest::newRow("unknown backend")
        << QStringLiteral("kqueue over 10 sockets: 1.00 µs per call (median of 51)");
    QTest::newRow("no count") << QStringLiteral(
        "poll over many sockets: 1.00 µs per call (median of 51)");
    QTest::newRow("cut short") << QStringLiteral("poll over 10 sockets: 1.00 µs per call");
}

void TestMux::waitCostFromOtherText()
{
    QFETCH(QString, line);
    QVERIFY(!WaitCostSample::fromString(line));
}

QTEST_GUILESS_MAIN(TestMux)
#include "tst_mux.moc"
