/* The multiplexing calls: select, pselect, poll, ppoll, epoll_wait, epoll_pwait. Each reports its
 * in sets, waits for the go in step mode, then reports what came back. */
#include "mt_internal.h"

/* Everything a multiplexing wrapper does around the real call. */
struct muxCall {
    int saved;
    int64_t start;
};

/* The blocking call a library-made select waits for (0: the program's own call). */
static __thread int t_forCall;

/* Reports the call's in sets (and the source line), then in step mode waits for the go. In run
 * mode it looks for a hold request every MT_HOLD_CHECK_NS, reading the clock the record needs
 * anyway, so a call costs a syscall only once in that interval. */
static void muxEnter(int call, int fd, int timeoutMs, int aux, const struct mt_pair *pairs,
                     unsigned npairs)
{
    char src[600];
    size_t srclen = pythonSource(src, sizeof src);
    struct mt_rec h;
    initRec(&h, MT_ENTER, call, fd);
    h.arg = timeoutMs;
    h.aux = aux;
    h.err = t_forCall;
    finishRec(&h, npairs, 0, srclen);
    pthread_mutex_lock(&g_lock);
    if (!g_step && h.ns - g_lastHoldCheck >= MT_HOLD_CHECK_NS) {
        g_lastHoldCheck = h.ns;
        if (holdAskedLocked())
            g_step = 1; /* this record goes out now and the call waits for a go */
    }
    h.ret = g_step ? MT_ENTER_WAITS : 0;
    for (unsigned i = 0; i < npairs; ++i)
        if (!bit(g_described, pairs[i].fd))
            describeLocked(pairs[i].fd);
    putLocked(&h, pairs, NULL, src);
    sendLocked();
    while (g_step && g_chan >= 0) {
        char go = 0;
        ssize_t n = real_read(g_chan, &go, 1);
        if ((n < 0 && errno == EINTR) || (n == 1 && go == MT_HOLD))
            continue; /* a hold asked for while already held */
        if (n <= 0)
            detachLocked();
        else if (go == MT_RUN) {
            g_step = 0;
            startFlusherLocked();
        }
        break;
    }
    pthread_mutex_unlock(&g_lock);
}

static void muxExit(int call, int fd, int ret, int err, const struct mt_pair *pairs,
                    unsigned npairs, const void *data, size_t datalen, int64_t start)
{
    struct mt_rec h;
    initRec(&h, MT_EXIT, call, fd);
    h.ret = ret;
    h.err = ret < 0 ? err : 0;
    h.aux = (int32_t)((h.ns - start) / 1000); /* duration, µs */
    finishRec(&h, npairs, datalen, 0);
    pthread_mutex_lock(&g_lock);
    putLocked(&h, pairs, data, NULL);
    sendLocked();
    pthread_mutex_unlock(&g_lock);
}

int active(void)
{
    return g_chan >= 0 && !t_inside;
}

static int timevalMs(const struct timeval *tv)
{
    return tv ? (int)(tv->tv_sec * 1000 + tv->tv_usec / 1000) : -1;
}
static int timespecMs(const struct timespec *ts)
{
    return ts ? (int)(ts->tv_sec * 1000 + ts->tv_nsec / 1000000) : -1;
}

/* select's three sets as pairs (r=1, w=2, x=4). FD_ISSET past FD_SETSIZE reads past the set:
 * that is the program's own bug (glibc does not check), so only fds below it are reported. */
static unsigned selectPairs(int nfds, const fd_set *r, const fd_set *w, const fd_set *x,
                            struct mt_pair *out)
{
    unsigned n = 0;
    int top = nfds < FD_SETSIZE ? nfds : FD_SETSIZE;
    for (int fd = 0; fd < top; ++fd) {
        uint32_t ev = (r && FD_ISSET(fd, r) ? 1u : 0u) | (w && FD_ISSET(fd, w) ? 2u : 0u) |
                      (x && FD_ISSET(fd, x) ? 4u : 0u);
        if (ev) {
            out[n].fd = fd;
            out[n++].events = ev;
        }
    }
    return n;
}

static int doSelect(int call, int nfds, fd_set *r, fd_set *w, fd_set *x, int timeoutMs,
                    struct timeval *tv, const struct timespec *ts, const sigset_t *mask)
{
    struct mt_pair in[FD_SETSIZE], out[FD_SETSIZE];
    unsigned nin = selectPairs(nfds, r, w, x, in);
    t_inside = 1;
    muxEnter(call, -1, timeoutMs, nfds, in, nin);
    int64_t start = nowNs();
    int ret =
        call == MTC_SELECT ? real_select(nfds, r, w, x, tv) : real_pselect(nfds, r, w, x, ts, mask);
    int err = errno;
    unsigned nout = ret > 0 ? selectPairs(nfds, r, w, x, out) : 0;
    muxExit(call, -1, ret, err, out, nout, NULL, 0, start);
    t_inside = 0;
    errno = err;
    return ret;
}

/* Waits, as ticks, until a blocking socket call on fd would not block. Only sockets in
 * blocking mode, without MSG_DONTWAIT, below FD_SETSIZE. The select is the tracer's own, so the
 * program's results and errno are those of its call, made right after. Each wait is reported
 * with no timeout, as the blocking call waits; held in step mode, it looks once (timeout 0) and,
 * with nothing ready, reports 0 and waits again as the next tick: the engine's model of a
 * blocked call ("a real call would still be waiting"), so a step never hangs. */
void blockingWait(int call, int fd, int flags)
{
    if (!g_blockingTicks || fd < 0 || fd >= FD_SETSIZE || (flags & MSG_DONTWAIT) || !active())
        return;
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISSOCK(st.st_mode))
        return;
    const int fl = real_fcntl(fd, F_GETFL);
    if (fl < 0 || (fl & O_NONBLOCK))
        return;
    const int saved = errno;
    t_inside = 1;
    t_forCall = call;
    for (;;) {
        fd_set r;
        FD_ZERO(&r);
        FD_SET(fd, &r);
        struct mt_pair in = {fd, 1u}, out = {fd, 1u};
        muxEnter(MTC_SELECT, -1, -1, fd + 1, &in, 1);
        struct timeval zero = {0, 0};
        const int stepping = g_step && g_chan >= 0; /* after the go: MT_RUN ends stepping */
        int64_t start = nowNs();
        int ret = real_select(fd + 1, &r, NULL, NULL, stepping ? &zero : NULL);
        int err = errno;
        muxExit(MTC_SELECT, -1, ret, err, &out, ret > 0 ? 1u : 0u, NULL, 0, start);
        if (ret != 0 && !(ret < 0 && err == EINTR))
            break;
    }
    t_forCall = 0;
    t_inside = 0;
    errno = saved;
}

EXPORT int select(int nfds, fd_set *r, fd_set *w, fd_set *x, struct timeval *tv)
{
    NEED(select);
    if (!active())
        return real_select(nfds, r, w, x, tv);
    return doSelect(MTC_SELECT, nfds, r, w, x, timevalMs(tv), tv, NULL, NULL);
}

EXPORT int pselect(int nfds, fd_set *r, fd_set *w, fd_set *x, const struct timespec *ts,
                   const sigset_t *mask)
{
    NEED(pselect);
    if (!active())
        return real_pselect(nfds, r, w, x, ts, mask);
    return doSelect(MTC_PSELECT, nfds, r, w, x, timespecMs(ts), NULL, ts, mask);
}

static int doPoll(int call, struct pollfd *fds, nfds_t nfds, int timeoutMs, int ms,
                  const struct timespec *ts, const sigset_t *mask)
{
    unsigned n = nfds > 4096 ? 4096 : (unsigned)nfds;
    struct mt_pair *pairs = alloca(n * sizeof *pairs);
    for (unsigned i = 0; i < n; ++i) {
        pairs[i].fd = fds[i].fd;
        pairs[i].events = (uint16_t)fds[i].events;
    }
    t_inside = 1;
    muxEnter(call, -1, timeoutMs, (int)nfds, pairs, n);
    int64_t start = nowNs();
    int ret = call == MTC_POLL ? real_poll(fds, nfds, ms) : real_ppoll(fds, nfds, ts, mask);
    int err = errno;
    unsigned nout = 0;
    for (unsigned i = 0; ret > 0 && i < n; ++i)
        if (fds[i].revents) {
            pairs[nout].fd = fds[i].fd;
            pairs[nout++].events = (uint16_t)fds[i].revents;
        }
    muxExit(call, -1, ret, err, pairs, nout, NULL, 0, start);
    t_inside = 0;
    errno = err;
    return ret;
}

EXPORT int poll(struct pollfd *fds, nfds_t nfds, int timeout)
{
    NEED(poll);
    if (!active())
        return real_poll(fds, nfds, timeout);
    return doPoll(MTC_POLL, fds, nfds, timeout, timeout, NULL, NULL);
}

EXPORT int __poll_chk(struct pollfd *fds, nfds_t nfds, int timeout, size_t fdslen)
{
    (void)fdslen;
    return poll(fds, nfds, timeout);
}

EXPORT int ppoll(struct pollfd *fds, nfds_t nfds, const struct timespec *ts, const sigset_t *mask)
{
    NEED(ppoll);
    if (!active())
        return real_ppoll(fds, nfds, ts, mask);
    return doPoll(MTC_PPOLL, fds, nfds, timespecMs(ts), 0, ts, mask);
}

static int doEpollWait(int call, int epfd, struct epoll_event *ev, int max, int timeout,
                       const sigset_t *mask)
{
    t_inside = 1;
    muxEnter(call, epfd, timeout, max, NULL, 0);
    int64_t start = nowNs();
    int ret = call == MTC_EPOLL_WAIT ? real_epoll_wait(epfd, ev, max, timeout)
                                     : real_epoll_pwait(epfd, ev, max, timeout, mask);
    int err = errno;
    unsigned n = ret > 0 ? (unsigned)ret : 0;
    n = n > 4096 ? 4096 : n;
    struct mt_pair *pairs = alloca(n * sizeof *pairs + 1);
    uint64_t *data = alloca(n * sizeof *data + 1);
    for (unsigned i = 0; i < n; ++i) {
        pairs[i].fd = (int32_t)ev[i].data.u64;
        pairs[i].events = ev[i].events;
        data[i] = ev[i].data.u64;
    }
    muxExit(call, epfd, ret, err, pairs, n, data, n * sizeof *data, start);
    t_inside = 0;
    errno = err;
    return ret;
}

EXPORT int epoll_wait(int epfd, struct epoll_event *ev, int max, int timeout)
{
    NEED(epoll_wait);
    if (!active())
        return real_epoll_wait(epfd, ev, max, timeout);
    return doEpollWait(MTC_EPOLL_WAIT, epfd, ev, max, timeout, NULL);
}

EXPORT int epoll_pwait(int epfd, struct epoll_event *ev, int max, int timeout, const sigset_t *mask)
{
    NEED(epoll_pwait);
    if (!active())
        return real_epoll_pwait(epfd, ev, max, timeout, mask);
    return doEpollWait(MTC_EPOLL_PWAIT, epfd, ev, max, timeout, mask);
}
