/* The channel to muxlab: state, records written (batched by a flusher thread in run mode),
 * attaching at load and across fork. */
#include "mt_internal.h"

/* ---------- state ---------- */

int g_chan = -1;         /* the channel; -1: not attached (no muxlab, or a forked child) */
int g_step;              /* step mode: wait for a go before each multiplexing call */
int g_blockingTicks;     /* MT_ENV_BLOCKING: blocking socket calls are waited for as ticks */
int64_t g_lastHoldCheck; /* run mode: when the channel was last looked at for MT_HOLD */
static pid_t g_pid;
pthread_mutex_t g_lock = PTHREAD_MUTEX_INITIALIZER;
/* Records wait in one of two buffers. In run mode a flusher thread swaps them and writes the
 * full one while the program goes on filling the other: a call costs a copy, not a write. */
static char g_bufs[2][MT_BUF_SIZE];
static char *g_buf = g_bufs[0];
static size_t g_used;
/* Whoever writes to the channel holds it (taken after g_lock, never before), so records reach
 * muxlab in the order they were made. */
static pthread_mutex_t g_writeLock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t g_pending = PTHREAD_COND_INITIALIZER;
static int g_flusherWaiting;
static int g_flusherStarted;
unsigned char g_isSock[MT_FD_MAX / 8];    /* fds made by socket/accept/socketpair */
unsigned char g_described[MT_FD_MAX / 8]; /* fds whose MT_DESC was sent */
/* A wrapper calling another wrapped function (or Python calling one while we walk its frames)
 * passes straight through. */
__thread int t_inside;
static __thread pid_t t_tid;

int bit(const unsigned char *set, int fd)
{
    return fd >= 0 && fd < MT_FD_MAX && (set[fd >> 3] >> (fd & 7)) & 1;
}
void setBit(unsigned char *set, int fd, int on)
{
    if (fd < 0 || fd >= MT_FD_MAX)
        return;
    if (on)
        set[fd >> 3] |= (unsigned char)(1u << (fd & 7));
    else
        set[fd >> 3] &= (unsigned char)~(1u << (fd & 7));
}

int64_t nowNs(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static pid_t tid(void)
{
    if (!t_tid)
        t_tid = (pid_t)syscall(SYS_gettid);
    return t_tid;
}

/* ---------- writing records ---------- */

void detachLocked(void)
{
    if (g_chan >= 0)
        real_close(g_chan);
    g_chan = -1;
    g_used = 0;
    pthread_cond_broadcast(&g_pending); /* the flusher ends */
}

/* Writes all of buf; false when muxlab is gone. */
static int writeAll(int fd, const char *buf, size_t len)
{
    size_t off = 0;
    while (off < len) {
        ssize_t n = real_write(fd, buf + off, len - off);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return 0;
        off += (size_t)n;
    }
    return 1;
}

static void flushLocked(void)
{
    if (!g_used || g_chan < 0)
        return;
    pthread_mutex_lock(&g_writeLock);
    int ok = writeAll(g_chan, g_buf, g_used);
    pthread_mutex_unlock(&g_writeLock);
    g_used = 0;
    if (!ok) /* muxlab is gone: run on, untraced */
        detachLocked();
}

/* Run mode's writer: waits for records, lets a millisecond's worth gather, then writes them in
 * one go. muxlab sees a tick at most about a millisecond after the call returned. */
static void *flusher(void *unused)
{
    (void)unused;
    const struct timespec gather = {0, 1000000};
    pthread_mutex_lock(&g_lock);
    for (;;) {
        while (g_chan >= 0 && !g_used) {
            g_flusherWaiting = 1;
            pthread_cond_wait(&g_pending, &g_lock);
            g_flusherWaiting = 0;
        }
        if (g_chan < 0)
            break;
        pthread_mutex_unlock(&g_lock);
        nanosleep(&gather, NULL);
        pthread_mutex_lock(&g_lock);
        if (!g_used || g_chan < 0)
            continue;
        pthread_mutex_lock(&g_writeLock);
        char *full = g_buf;
        size_t len = g_used;
        int chan = g_chan;
        g_buf = g_buf == g_bufs[0] ? g_bufs[1] : g_bufs[0];
        g_used = 0;
        pthread_mutex_unlock(&g_lock);
        int ok = writeAll(chan, full, len);
        pthread_mutex_unlock(&g_writeLock);
        pthread_mutex_lock(&g_lock);
        if (!ok)
            detachLocked();
    }
    pthread_mutex_unlock(&g_lock);
    return NULL;
}

/* Starts the flusher with every signal blocked, so the program's signals go to its own
 * threads. The caller holds g_lock. */
void startFlusherLocked(void)
{
    if (g_flusherStarted)
        return;
    g_flusherStarted = 1;
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    pthread_t t;
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_attr_setstacksize(&attr, 64 * 1024);
    if (pthread_create(&t, &attr, flusher, NULL) != 0)
        g_flusherStarted = 0;
    pthread_attr_destroy(&attr);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
}

/* Run mode: whether muxlab asked to hold the program again. One non-blocking peek at the
 * channel; only a hold byte is taken from it. The caller holds g_lock. */
int holdAskedLocked(void)
{
    char b = 0;
    if (g_chan < 0)
        return 0;
    ssize_t n = real_recv(g_chan, &b, 1, MSG_DONTWAIT | MSG_PEEK);
    if (n == 0) {
        detachLocked(); /* muxlab is gone: run on, untraced */
        return 0;
    }
    if (n != 1 || b != MT_HOLD)
        return 0;
    n = real_recv(g_chan, &b, 1, MSG_DONTWAIT);
    return n == 1;
}

/* A record was added: in step mode it goes now, in run mode the flusher is woken if asleep. */
void sendLocked(void)
{
    if (g_step || !g_flusherStarted)
        flushLocked();
    else if (g_flusherWaiting)
        pthread_cond_signal(&g_pending);
}

/* Appends one record; the caller holds g_lock. */
void putLocked(const struct mt_rec *h, const void *pairs, const void *data, const char *src)
{
    size_t need = h->size;
    if (g_chan < 0)
        return;
    if (g_used + need > MT_BUF_SIZE)
        flushLocked();
    if (need > MT_BUF_SIZE || g_chan < 0)
        return; /* a select over thousands of fds: too big to report, dropped */
    char *p = g_buf + g_used;
    memcpy(p, h, sizeof *h);
    p += sizeof *h;
    memcpy(p, pairs, h->npairs * sizeof(struct mt_pair));
    p += h->npairs * sizeof(struct mt_pair);
    if (h->datalen)
        memcpy(p, data, h->datalen);
    p += h->datalen;
    if (h->srclen)
        memcpy(p, src, h->srclen);
    g_used += need;
}

void initRec(struct mt_rec *h, int type, int call, int fd)
{
    memset(h, 0, sizeof *h);
    h->type = (uint8_t)type;
    h->call = (uint8_t)call;
    h->pid = g_pid;
    h->tid = tid();
    h->fd = fd;
    h->ns = nowNs();
}

void finishRec(struct mt_rec *h, unsigned npairs, size_t datalen, size_t srclen)
{
    h->npairs = (uint16_t)npairs;
    h->datalen = (uint32_t)datalen;
    h->srclen = (uint32_t)srclen;
    h->size = (uint32_t)(sizeof *h + npairs * sizeof(struct mt_pair) + datalen + srclen);
}

/* ---------- attaching ---------- */

static void atforkPrepare(void)
{
    pthread_mutex_lock(&g_lock);
    pthread_mutex_lock(&g_writeLock);
}
static void atforkParent(void)
{
    pthread_mutex_unlock(&g_writeLock);
    pthread_mutex_unlock(&g_lock);
}
static void atforkChild(void)
{
    /* The child runs untraced: two processes reading one channel's go bytes would steal each
     * other's steps. Its parent reports the fork. */
    g_pid = getpid();
    t_tid = 0;
    prctl(PR_SET_PDEATHSIG, SIGKILL); /* dies with the program, as the program dies with muxlab */
    /* The flusher thread did not come along: a fresh condition, then off the channel. */
    g_flusherStarted = 0;
    g_flusherWaiting = 0;
    pthread_cond_init(&g_pending, NULL);
    detachLocked();
    pthread_mutex_unlock(&g_writeLock);
    pthread_mutex_unlock(&g_lock);
}

__attribute__((constructor)) static void muxtraceInit(void)
{
    resolve_all();
    g_pid = getpid();
    /* Nothing muxlab started outlives it: the program gets this from muxlab, and every process
     * that loads this library (LD_PRELOAD stays set for what the program runs) or is forked by
     * one dies when its parent dies. */
    pid_t parent = getppid();
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent)
        _exit(127);
    /* A shell or env in front of the program (a pyenv shim, a wrapper script) only execs it:
     * the channel and the variables are left for the program it runs. */
    char self[512];
    ssize_t selfLen = readlink("/proc/self/exe", self, sizeof self - 1);
    if (selfLen > 0) {
        self[selfLen] = 0;
        const char *base = strrchr(self, '/') ? strrchr(self, '/') + 1 : self;
        static const char *const passers[] = {"bash", "sh", "dash", "zsh", "env"};
        for (size_t i = 0; i < sizeof passers / sizeof *passers; ++i)
            if (strcmp(base, passers[i]) == 0)
                return;
    }
    const char *fdText = getenv(MT_ENV_FD);
    const char *mode = getenv(MT_ENV_MODE);
    g_step = mode && strcmp(mode, "step") == 0;
    const char *blocking = getenv(MT_ENV_BLOCKING);
    g_blockingTicks = blocking && strcmp(blocking, "1") == 0;
    unsetenv(MT_ENV_BLOCKING);
    int fd = fdText ? atoi(fdText) : -1;
    unsetenv(MT_ENV_FD);
    unsetenv(MT_ENV_MODE);
    if (fd < 0 || real_fcntl(fd, F_GETFD) < 0)
        return;
    /* Out of the program's way: the highest free descriptor under the limit (and not past
     * 4095), close-on-exec, blocking. */
    struct rlimit rl;
    int top = 1023;
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY)
        top = rl.rlim_cur > 4096 ? 4095 : (int)rl.rlim_cur - 1;
    int moved = -1;
    for (int want = top; want > fd && moved < 0; want -= 16)
        if (real_fcntl(want, F_GETFD) < 0 && errno == EBADF)
            moved = real_fcntl(fd, F_DUPFD_CLOEXEC, want);
    if (moved >= 0) {
        real_close(fd);
        fd = moved;
    }
    real_fcntl(fd, F_SETFD, FD_CLOEXEC);
    real_fcntl(fd, F_SETFL, real_fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    g_chan = fd;
    pthread_atfork(atforkPrepare, atforkParent, atforkChild);

    char exe[512];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe);
    struct mt_rec h;
    initRec(&h, MT_HELLO, MTC_NONE, -1);
    h.ret = getppid();
    finishRec(&h, 0, n > 0 ? (size_t)n : 0, 0);
    pthread_mutex_lock(&g_lock);
    putLocked(&h, NULL, exe, NULL);
    flushLocked();
    if (!g_step)
        startFlusherLocked();
    pthread_mutex_unlock(&g_lock);
}

__attribute__((destructor)) static void muxtraceFini(void)
{
    pthread_mutex_lock(&g_lock);
    flushLocked();
    pthread_mutex_unlock(&g_lock);
}
