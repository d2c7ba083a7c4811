/* libmuxtrace.so: loaded with LD_PRELOAD into a program muxlab runs (`muxlab --exec`). It wraps
 * the multiplexing calls and the socket calls between them, calls the real function through
 * dlsym(RTLD_NEXT), and reports each call to muxlab over a socketpair end muxlab passed in the
 * environment. The program sees the same results and the same errno as without it.
 *
 * Run mode reports and never waits: records are copied into a buffer that a flusher thread
 * of the library writes out about once a millisecond, so a call costs a copy, not a write.
 * Step mode writes every record at once and, before each multiplexing call, waits for muxlab's
 * one-byte go.
 *
 * The channel is kept out of the program's way: moved to a high descriptor, close-on-exec, and
 * close/dup2/dup3/close_range on it are answered as if it were not open (or moved aside first).
 * A forked child detaches (it runs untraced); threads share the channel under a mutex and each
 * record carries its thread id. Every process that loads the library dies with its parent
 * (PR_SET_PDEATHSIG), so a SIGKILL of muxlab leaves nothing of the program running. */
#define _GNU_SOURCE
#include "muxtrace_proto.h"

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/un.h>

#define EXPORT __attribute__((visibility("default")))

/* How many payload bytes of a recv/send are reported: what the tick view shows, and more. */
#define MT_DATA_MAX 256
#define MT_BUF_SIZE (64 * 1024)
/* Descriptors the library remembers facts about (socket or not, described or not). */
#define MT_FD_MAX 65536

/* ---------- the real functions ---------- */

#define REAL_DECL(ret, name, ...)                                                                  \
    typedef ret (*name##_fn)(__VA_ARGS__);                                                         \
    static name##_fn real_##name

REAL_DECL(int, select, int, fd_set *, fd_set *, fd_set *, struct timeval *);
REAL_DECL(int, pselect, int, fd_set *, fd_set *, fd_set *, const struct timespec *,
          const sigset_t *);
REAL_DECL(int, poll, struct pollfd *, nfds_t, int);
REAL_DECL(int, ppoll, struct pollfd *, nfds_t, const struct timespec *, const sigset_t *);
REAL_DECL(int, epoll_create, int);
REAL_DECL(int, epoll_create1, int);
REAL_DECL(int, epoll_ctl, int, int, int, struct epoll_event *);
REAL_DECL(int, epoll_wait, int, struct epoll_event *, int, int);
REAL_DECL(int, epoll_pwait, int, struct epoll_event *, int, int, const sigset_t *);
REAL_DECL(int, socket, int, int, int);
REAL_DECL(int, socketpair, int, int, int, int *);
REAL_DECL(int, bind, int, const struct sockaddr *, socklen_t);
REAL_DECL(int, listen, int, int);
REAL_DECL(int, accept, int, struct sockaddr *, socklen_t *);
REAL_DECL(int, accept4, int, struct sockaddr *, socklen_t *, int);
REAL_DECL(int, connect, int, const struct sockaddr *, socklen_t);
REAL_DECL(ssize_t, recv, int, void *, size_t, int);
REAL_DECL(ssize_t, recvfrom, int, void *, size_t, int, struct sockaddr *, socklen_t *);
REAL_DECL(ssize_t, recvmsg, int, struct msghdr *, int);
REAL_DECL(ssize_t, read, int, void *, size_t);
REAL_DECL(ssize_t, send, int, const void *, size_t, int);
REAL_DECL(ssize_t, sendto, int, const void *, size_t, int, const struct sockaddr *, socklen_t);
REAL_DECL(ssize_t, sendmsg, int, const struct msghdr *, int);
REAL_DECL(ssize_t, write, int, const void *, size_t);
REAL_DECL(int, shutdown, int, int);
REAL_DECL(int, close, int);
REAL_DECL(int, close_range, unsigned, unsigned, int);
REAL_DECL(int, dup2, int, int);
REAL_DECL(int, dup3, int, int, int);
REAL_DECL(int, setsockopt, int, int, int, const void *, socklen_t);
REAL_DECL(int, fcntl, int, int, ...);
REAL_DECL(int, fcntl64, int, int, ...);
REAL_DECL(int, ioctl, int, unsigned long, ...);
REAL_DECL(pid_t, fork, void);

#define RESOLVE(name)                                                                              \
    do {                                                                                           \
        if (!real_##name)                                                                          \
            real_##name = (name##_fn)dlsym(RTLD_NEXT, #name);                                      \
    } while (0)

static void resolve_all(void)
{
    RESOLVE(select);
    RESOLVE(pselect);
    RESOLVE(poll);
    RESOLVE(ppoll);
    RESOLVE(epoll_create);
    RESOLVE(epoll_create1);
    RESOLVE(epoll_ctl);
    RESOLVE(epoll_wait);
    RESOLVE(epoll_pwait);
    RESOLVE(socket);
    RESOLVE(socketpair);
    RESOLVE(bind);
    RESOLVE(listen);
    RESOLVE(accept);
    RESOLVE(accept4);
    RESOLVE(connect);
    RESOLVE(recv);
    RESOLVE(recvfrom);
    RESOLVE(recvmsg);
    RESOLVE(read);
    RESOLVE(send);
    RESOLVE(sendto);
    RESOLVE(sendmsg);
    RESOLVE(write);
    RESOLVE(shutdown);
    RESOLVE(close);
    RESOLVE(close_range);
    RESOLVE(dup2);
    RESOLVE(dup3);
    RESOLVE(setsockopt);
    RESOLVE(fcntl);
    RESOLVE(fcntl64);
    RESOLVE(ioctl);
    RESOLVE(fork);
}

/* A wrapper called before the constructor (another library's constructor doing I/O) resolves
 * what it needs itself. */
#define NEED(name)                                                                                 \
    do {                                                                                           \
        if (__builtin_expect(!real_##name, 0))                                                     \
            RESOLVE(name);                                                                         \
    } while (0)

/* ---------- state ---------- */

static int g_chan = -1; /* the channel; -1: not attached (no muxlab, or a forked child) */
static int g_step;      /* step mode: wait for a go before each multiplexing call */
static pid_t g_pid;
static pthread_mutex_t g_lock = PTHREAD_MUTEX_INITIALIZER;
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
static unsigned char g_isSock[MT_FD_MAX / 8];    /* fds made by socket/accept/socketpair */
static unsigned char g_described[MT_FD_MAX / 8]; /* fds whose MT_DESC was sent */
/* A wrapper calling another wrapped function (or Python calling one while we walk its frames)
 * passes straight through. */
static __thread int t_inside;
static __thread pid_t t_tid;

static int bit(const unsigned char *set, int fd)
{
    return fd >= 0 && fd < MT_FD_MAX && (set[fd >> 3] >> (fd & 7)) & 1;
}
static void setBit(unsigned char *set, int fd, int on)
{
    if (fd < 0 || fd >= MT_FD_MAX)
        return;
    if (on)
        set[fd >> 3] |= (unsigned char)(1u << (fd & 7));
    else
        set[fd >> 3] &= (unsigned char)~(1u << (fd & 7));
}

static int64_t nowNs(void)
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

static pthread_cond_t g_pending;
static void detachLocked(void)
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
static void startFlusherLocked(void)
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

/* A record was added: in step mode it goes now, in run mode the flusher is woken if asleep. */
static void sendLocked(void)
{
    if (g_step || !g_flusherStarted)
        flushLocked();
    else if (g_flusherWaiting)
        pthread_cond_signal(&g_pending);
}

/* Appends one record; the caller holds g_lock. */
static void putLocked(const struct mt_rec *h, const void *pairs, const void *data, const char *src)
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

static void initRec(struct mt_rec *h, int type, int call, int fd)
{
    memset(h, 0, sizeof *h);
    h->type = (uint8_t)type;
    h->call = (uint8_t)call;
    h->pid = g_pid;
    h->tid = tid();
    h->fd = fd;
    h->ns = nowNs();
}

static void finishRec(struct mt_rec *h, unsigned npairs, size_t datalen, size_t srclen)
{
    h->npairs = (uint16_t)npairs;
    h->datalen = (uint32_t)datalen;
    h->srclen = (uint32_t)srclen;
    h->size = (uint32_t)(sizeof *h + npairs * sizeof(struct mt_pair) + datalen + srclen);
}

/* ---------- describing descriptors ---------- */

static size_t addrText(const struct sockaddr_storage *ss, socklen_t len, char *out, size_t cap)
{
    char host[INET6_ADDRSTRLEN] = "";
    if (len == 0) {
        out[0] = 0;
        return 0;
    }
    if (ss->ss_family == AF_INET) {
        const struct sockaddr_in *a = (const struct sockaddr_in *)ss;
        inet_ntop(AF_INET, &a->sin_addr, host, sizeof host);
        return (size_t)snprintf(out, cap, "%s:%u", host, ntohs(a->sin_port));
    }
    if (ss->ss_family == AF_INET6) {
        const struct sockaddr_in6 *a = (const struct sockaddr_in6 *)ss;
        inet_ntop(AF_INET6, &a->sin6_addr, host, sizeof host);
        return (size_t)snprintf(out, cap, "[%s]:%u", host, ntohs(a->sin6_port));
    }
    if (ss->ss_family == AF_UNIX) {
        const struct sockaddr_un *a = (const struct sockaddr_un *)ss;
        return (size_t)snprintf(out, cap, "unix:%s", len > sizeof(sa_family_t) ? a->sun_path : "");
    }
    out[0] = 0;
    return 0;
}

/* Sends what fd is now. The caller holds g_lock; t_inside is set. */
static void describeLocked(int fd)
{
    struct stat st;
    char data[2 * 128 + 2];
    size_t len = 0;
    int kind = MTK_OTHER;
    if (fstat(fd, &st) != 0)
        return;
    if (S_ISSOCK(st.st_mode)) {
        int type = 0, acc = 0;
        socklen_t tl = sizeof type, al = sizeof acc;
        struct sockaddr_storage ss;
        socklen_t sl = sizeof ss;
        getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &tl);
        getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &acc, &al);
        if (getsockname(fd, (struct sockaddr *)&ss, &sl) != 0)
            sl = 0;
        len = addrText(&ss, sl, data, 128) + 1;
        sl = sizeof ss;
        if (getpeername(fd, (struct sockaddr *)&ss, &sl) != 0)
            sl = 0;
        len += addrText(&ss, sl, data + len, 128);
        kind = acc ? MTK_LISTENER : type == SOCK_DGRAM ? MTK_DGRAM : sl ? MTK_STREAM : MTK_SOCKET;
        setBit(g_isSock, fd, 1);
    } else if (S_ISFIFO(st.st_mode)) {
        kind = MTK_PIPE;
    } else if (S_ISREG(st.st_mode)) {
        kind = MTK_FILE;
    } else if (S_ISCHR(st.st_mode)) {
        kind = MTK_TTY;
    } else {
        char path[64], link[64] = "";
        snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
        ssize_t n = readlink(path, link, sizeof link - 1);
        if (n > 0) {
            link[n] = 0;
            kind = strstr(link, "eventpoll") ? MTK_EPOLL
                   : strstr(link, "eventfd") ? MTK_EVENTFD
                                             : MTK_OTHER;
        }
    }
    struct mt_rec h;
    initRec(&h, MT_DESC, MTC_NONE, fd);
    h.arg = kind;
    finishRec(&h, 0, len, 0);
    putLocked(&h, NULL, data, NULL);
    setBit(g_described, fd, 1);
}

static void forgetFd(int fd)
{
    setBit(g_isSock, fd, 0);
    setBit(g_described, fd, 0);
}

/* ---------- the Python line ---------- */

/* In a python3 process the innermost frame in the user's own script (not in the standard
 * library, so a selectors call is the user's line) is found through the C API, resolved at run
 * time: the library links no Python and works in any program. select() and friends release the
 * GIL before calling C, so the walk takes it back with PyGILState_Ensure. */
typedef void *PyObj;
static struct {
    int tried, ok;
    int (*isInitialized)(void);
    int (*gilEnsure)(void);
    void (*gilRelease)(int);
    PyObj (*getFrame)(void);
    PyObj (*frameBack)(PyObj);
    PyObj (*frameCode)(PyObj);
    int (*frameLine)(PyObj);
    PyObj (*getAttr)(PyObj, const char *);
    const char *(*utf8)(PyObj);
    void (*decRef)(PyObj);
    void (*incRef)(PyObj);
    PyObj (*sysGet)(const char *);
} py;
static char g_stdlib[512]; /* sys._stdlib_dir, "" until known */

static void pyResolve(void)
{
    py.tried = 1;
    py.isInitialized = (int (*)(void))dlsym(RTLD_DEFAULT, "Py_IsInitialized");
    if (!py.isInitialized)
        return;
    py.gilEnsure = (int (*)(void))dlsym(RTLD_DEFAULT, "PyGILState_Ensure");
    py.gilRelease = (void (*)(int))dlsym(RTLD_DEFAULT, "PyGILState_Release");
    py.getFrame = (PyObj(*)(void))dlsym(RTLD_DEFAULT, "PyEval_GetFrame");
    py.frameBack = (PyObj(*)(PyObj))dlsym(RTLD_DEFAULT, "PyFrame_GetBack");
    py.frameCode = (PyObj(*)(PyObj))dlsym(RTLD_DEFAULT, "PyFrame_GetCode");
    py.frameLine = (int (*)(PyObj))dlsym(RTLD_DEFAULT, "PyFrame_GetLineNumber");
    py.getAttr = (PyObj(*)(PyObj, const char *))dlsym(RTLD_DEFAULT, "PyObject_GetAttrString");
    py.utf8 = (const char *(*)(PyObj))dlsym(RTLD_DEFAULT, "PyUnicode_AsUTF8");
    py.decRef = (void (*)(PyObj))dlsym(RTLD_DEFAULT, "Py_DecRef");
    py.incRef = (void (*)(PyObj))dlsym(RTLD_DEFAULT, "Py_IncRef");
    py.sysGet = (PyObj(*)(const char *))dlsym(RTLD_DEFAULT, "PySys_GetObject");
    py.ok = py.gilEnsure && py.gilRelease && py.getFrame && py.frameBack && py.frameCode &&
            py.frameLine && py.getAttr && py.utf8 && py.decRef && py.incRef && py.sysGet;
}

/* co_filename of a code object, through a small cache: the same few code objects make every
 * call of a server's loop, and the lookup by name costs more than the rest of the walk. Each
 * cached code object is kept alive (one reference), so its address cannot be reused for
 * another. The GIL is held. */
#define MT_CODE_CACHE 64
static struct {
    PyObj code;
    char file[480];
} g_codes[MT_CODE_CACHE];

static const char *codeFile(PyObj code)
{
    unsigned slot = (unsigned)(((uintptr_t)code >> 4) % MT_CODE_CACHE);
    if (g_codes[slot].code == code)
        return g_codes[slot].file;
    PyObj name = py.getAttr(code, "co_filename");
    const char *file = name ? py.utf8(name) : NULL;
    if (!file) {
        if (name)
            py.decRef(name);
        return NULL;
    }
    if (g_codes[slot].code)
        py.decRef(g_codes[slot].code);
    py.incRef(code);
    g_codes[slot].code = code;
    snprintf(g_codes[slot].file, sizeof g_codes[slot].file, "%s", file);
    py.decRef(name);
    return g_codes[slot].file;
}

static int isLibraryFile(const char *file)
{
    if (file[0] == '<') /* <frozen importlib._bootstrap>, <string> */
        return 1;
    if (g_stdlib[0])
        return strncmp(file, g_stdlib, strlen(g_stdlib)) == 0;
    return strstr(file, "/lib/python3") != NULL;
}

/* Writes "FILE:LINE" of the innermost user frame into out; returns its length (0: none). */
static size_t pythonSource(char *out, size_t cap)
{
    if (!py.tried)
        pyResolve();
    if (!py.ok || !py.isInitialized())
        return 0;
    size_t len = 0;
    int state = py.gilEnsure();
    if (!g_stdlib[0]) {
        PyObj dir = py.sysGet("_stdlib_dir"); /* borrowed */
        const char *d = dir ? py.utf8(dir) : NULL;
        if (d)
            snprintf(g_stdlib, sizeof g_stdlib, "%s/", d);
    }
    PyObj frame = py.getFrame(); /* borrowed */
    PyObj owned = NULL;
    char first[512] = "";
    int firstLine = 0;
    while (frame) {
        PyObj code = py.frameCode(frame);
        const char *file = code ? codeFile(code) : NULL;
        if (file) {
            int line = py.frameLine(frame);
            if (!first[0]) {
                snprintf(first, sizeof first, "%s", file);
                firstLine = line;
            }
            if (!isLibraryFile(file)) {
                int n = snprintf(out, cap, "%s:%d", file, line);
                len = n > 0 && (size_t)n < cap ? (size_t)n : 0;
            }
        }
        if (code)
            py.decRef(code);
        if (len)
            break;
        PyObj back = py.frameBack(frame); /* new reference */
        if (owned)
            py.decRef(owned);
        owned = frame = back;
    }
    if (owned)
        py.decRef(owned);
    if (!len && first[0]) { /* the whole stack is library code: its innermost line */
        int n = snprintf(out, cap, "%s:%d", first, firstLine);
        len = n > 0 && (size_t)n < cap ? (size_t)n : 0;
    }
    py.gilRelease(state);
    return len;
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

/* ---------- the multiplexing calls ---------- */

/* Everything a multiplexing wrapper does around the real call. */
struct muxCall {
    int saved;
    int64_t start;
};

/* Reports the call's in sets (and the source line), then in step mode waits for the go. */
static void muxEnter(int call, int fd, int timeoutMs, int aux, const struct mt_pair *pairs,
                     unsigned npairs)
{
    char src[600];
    size_t srclen = pythonSource(src, sizeof src);
    struct mt_rec h;
    initRec(&h, MT_ENTER, call, fd);
    h.arg = timeoutMs;
    h.aux = aux;
    finishRec(&h, npairs, 0, srclen);
    pthread_mutex_lock(&g_lock);
    for (unsigned i = 0; i < npairs; ++i)
        if (!bit(g_described, pairs[i].fd))
            describeLocked(pairs[i].fd);
    putLocked(&h, pairs, NULL, src);
    sendLocked();
    while (g_step && g_chan >= 0) {
        char go = 0;
        ssize_t n = real_read(g_chan, &go, 1);
        if (n < 0 && errno == EINTR)
            continue;
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

static int active(void)
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

/* ---------- the other calls ---------- */

/* Reports one call after it returned. `describe`: the fd is new or changed (accept, listen,
 * connect), so say what it is now. */
static void report(int call, int fd, int arg, int aux, int64_t ret, int err, const void *data,
                   size_t datalen, int describe)
{
    struct mt_rec h;
    initRec(&h, MT_CALL, call, fd);
    h.arg = arg;
    h.aux = aux;
    h.ret = ret;
    h.err = ret < 0 ? err : 0;
    if (datalen > MT_DATA_MAX)
        datalen = MT_DATA_MAX;
    finishRec(&h, 0, datalen, 0);
    pthread_mutex_lock(&g_lock);
    if (describe >= 0) /* first, so the call reads as what the fd now is (bound, listening) */
        describeLocked(describe);
    putLocked(&h, NULL, data, NULL);
    sendLocked();
    pthread_mutex_unlock(&g_lock);
}

/* The common shape: call, then report with errno kept. */
#define AROUND(call_expr, type, report_stmt)                                                       \
    do {                                                                                           \
        t_inside = 1;                                                                              \
        type ret_ = (call_expr);                                                                   \
        int err_ = errno;                                                                          \
        report_stmt;                                                                               \
        t_inside = 0;                                                                              \
        errno = err_;                                                                              \
        return ret_;                                                                               \
    } while (0)

EXPORT int epoll_create(int size)
{
    NEED(epoll_create);
    if (!active())
        return real_epoll_create(size);
    AROUND(real_epoll_create(size), int,
           report(MTC_EPOLL_CREATE, ret_, 0, 0, ret_, err_, NULL, 0, ret_));
}

EXPORT int epoll_create1(int flags)
{
    NEED(epoll_create1);
    if (!active())
        return real_epoll_create1(flags);
    AROUND(real_epoll_create1(flags), int,
           report(MTC_EPOLL_CREATE, ret_, 0, 0, ret_, err_, NULL, 0, ret_));
}

EXPORT int epoll_ctl(int epfd, int op, int fd, struct epoll_event *ev)
{
    NEED(epoll_ctl);
    if (!active())
        return real_epoll_ctl(epfd, op, fd, ev);
    t_inside = 1;
    int ret = real_epoll_ctl(epfd, op, fd, ev);
    int err = errno;
    /* data: the target fd, then the user data muxlab maps ready events back with */
    struct {
        int32_t fd;
        uint32_t pad;
        uint64_t data;
    } d = {fd, 0, ev ? ev->data.u64 : 0};
    pthread_mutex_lock(&g_lock);
    if (ret == 0 && op == EPOLL_CTL_ADD && !bit(g_described, fd))
        describeLocked(fd);
    pthread_mutex_unlock(&g_lock);
    report(MTC_EPOLL_CTL, epfd, ev ? (int)ev->events : 0, op, ret, err, &d, sizeof d, -1);
    t_inside = 0;
    errno = err;
    return ret;
}

EXPORT int socket(int domain, int type, int protocol)
{
    NEED(socket);
    if (!active())
        return real_socket(domain, type, protocol);
    t_inside = 1;
    int ret = real_socket(domain, type, protocol);
    int err = errno;
    setBit(g_described, ret, 0);
    report(MTC_SOCKET, ret, domain, type, ret, err, NULL, 0, ret);
    t_inside = 0;
    errno = err;
    return ret;
}

EXPORT int socketpair(int domain, int type, int protocol, int sv[2])
{
    NEED(socketpair);
    int ret = real_socketpair(domain, type, protocol, sv);
    if (ret == 0) {
        setBit(g_isSock, sv[0], 1);
        setBit(g_isSock, sv[1], 1);
        setBit(g_described, sv[0], 0);
        setBit(g_described, sv[1], 0);
    }
    return ret;
}

EXPORT int bind(int fd, const struct sockaddr *addr, socklen_t len)
{
    NEED(bind);
    if (!active())
        return real_bind(fd, addr, len);
    AROUND(real_bind(fd, addr, len), int, report(MTC_BIND, fd, 0, 0, ret_, err_, NULL, 0, fd));
}

EXPORT int listen(int fd, int backlog)
{
    NEED(listen);
    if (!active())
        return real_listen(fd, backlog);
    AROUND(real_listen(fd, backlog), int,
           report(MTC_LISTEN, fd, backlog, 0, ret_, err_, NULL, 0, fd));
}

static int doAccept(int fd, struct sockaddr *addr, socklen_t *len, int flags, int four)
{
    t_inside = 1;
    int ret = four ? real_accept4(fd, addr, len, flags) : real_accept(fd, addr, len);
    int err = errno;
    if (ret >= 0)
        setBit(g_described, ret, 0);
    report(MTC_ACCEPT, fd, flags, 0, ret, err, NULL, 0, ret);
    t_inside = 0;
    errno = err;
    return ret;
}

EXPORT int accept(int fd, struct sockaddr *addr, socklen_t *len)
{
    NEED(accept);
    if (!active())
        return real_accept(fd, addr, len);
    return doAccept(fd, addr, len, 0, 0);
}

EXPORT int accept4(int fd, struct sockaddr *addr, socklen_t *len, int flags)
{
    NEED(accept4);
    if (!active())
        return real_accept4(fd, addr, len, flags);
    return doAccept(fd, addr, len, flags, 1);
}

EXPORT int connect(int fd, const struct sockaddr *addr, socklen_t len)
{
    NEED(connect);
    if (!active())
        return real_connect(fd, addr, len);
    AROUND(real_connect(fd, addr, len), int,
           report(MTC_CONNECT, fd, 0, 0, ret_, err_, NULL, 0, fd));
}

EXPORT ssize_t recv(int fd, void *buf, size_t n, int flags)
{
    NEED(recv);
    if (!active())
        return real_recv(fd, buf, n, flags);
    AROUND(real_recv(fd, buf, n, flags), ssize_t,
           report(MTC_RECV, fd, (int)n, flags, ret_, err_, buf, ret_ > 0 ? (size_t)ret_ : 0, -1));
}

EXPORT ssize_t __recv_chk(int fd, void *buf, size_t n, size_t buflen, int flags)
{
    (void)buflen;
    return recv(fd, buf, n, flags);
}

EXPORT ssize_t recvfrom(int fd, void *buf, size_t n, int flags, struct sockaddr *addr,
                        socklen_t *alen)
{
    NEED(recvfrom);
    if (!active())
        return real_recvfrom(fd, buf, n, flags, addr, alen);
    AROUND(
        real_recvfrom(fd, buf, n, flags, addr, alen), ssize_t,
        report(MTC_RECVFROM, fd, (int)n, flags, ret_, err_, buf, ret_ > 0 ? (size_t)ret_ : 0, -1));
}

EXPORT ssize_t __recvfrom_chk(int fd, void *buf, size_t n, size_t buflen, int flags,
                              struct sockaddr *addr, socklen_t *alen)
{
    (void)buflen;
    return recvfrom(fd, buf, n, flags, addr, alen);
}

/* recvmsg/sendmsg: the size asked is the sum of the iovecs; the bytes shown are those of the
 * first iovec only (the record carries one contiguous payload). */
static void report_msg(int call, int fd, const struct msghdr *msg, int flags, ssize_t ret, int err)
{
    size_t asked = 0;
    for (size_t i = 0; i < msg->msg_iovlen; ++i)
        asked += msg->msg_iov[i].iov_len;
    const void *first = msg->msg_iovlen ? msg->msg_iov[0].iov_base : NULL;
    size_t shown = ret > 0 && msg->msg_iovlen ? (size_t)ret : 0;
    if (msg->msg_iovlen && shown > msg->msg_iov[0].iov_len)
        shown = msg->msg_iov[0].iov_len;
    report(call, fd, (int)asked, flags, ret, err, first, shown, -1);
}

EXPORT ssize_t recvmsg(int fd, struct msghdr *msg, int flags)
{
    NEED(recvmsg);
    if (!active())
        return real_recvmsg(fd, msg, flags);
    t_inside = 1;
    ssize_t ret = real_recvmsg(fd, msg, flags);
    int err = errno;
    report_msg(MTC_RECVMSG, fd, msg, flags, ret, err);
    t_inside = 0;
    errno = err;
    return ret;
}

EXPORT ssize_t read(int fd, void *buf, size_t n)
{
    NEED(read);
    if (!active() || !bit(g_isSock, fd))
        return real_read(fd, buf, n);
    AROUND(real_read(fd, buf, n), ssize_t,
           report(MTC_READ, fd, (int)n, 0, ret_, err_, buf, ret_ > 0 ? (size_t)ret_ : 0, -1));
}

EXPORT ssize_t __read_chk(int fd, void *buf, size_t n, size_t buflen)
{
    (void)buflen;
    return read(fd, buf, n);
}

EXPORT ssize_t send(int fd, const void *buf, size_t n, int flags)
{
    NEED(send);
    if (!active())
        return real_send(fd, buf, n, flags);
    AROUND(real_send(fd, buf, n, flags), ssize_t,
           report(MTC_SEND, fd, (int)n, flags, ret_, err_, buf, ret_ > 0 ? (size_t)ret_ : 0, -1));
}

EXPORT ssize_t sendto(int fd, const void *buf, size_t n, int flags, const struct sockaddr *addr,
                      socklen_t alen)
{
    NEED(sendto);
    if (!active())
        return real_sendto(fd, buf, n, flags, addr, alen);
    AROUND(real_sendto(fd, buf, n, flags, addr, alen), ssize_t,
           report(MTC_SENDTO, fd, (int)n, flags, ret_, err_, buf, ret_ > 0 ? (size_t)ret_ : 0, -1));
}

EXPORT ssize_t sendmsg(int fd, const struct msghdr *msg, int flags)
{
    NEED(sendmsg);
    if (!active())
        return real_sendmsg(fd, msg, flags);
    t_inside = 1;
    ssize_t ret = real_sendmsg(fd, msg, flags);
    int err = errno;
    report_msg(MTC_SENDMSG, fd, msg, flags, ret, err);
    t_inside = 0;
    errno = err;
    return ret;
}

EXPORT ssize_t write(int fd, const void *buf, size_t n)
{
    NEED(write);
    if (!active() || !bit(g_isSock, fd))
        return real_write(fd, buf, n);
    AROUND(real_write(fd, buf, n), ssize_t,
           report(MTC_WRITE, fd, (int)n, 0, ret_, err_, buf, ret_ > 0 ? (size_t)ret_ : 0, -1));
}

EXPORT int shutdown(int fd, int how)
{
    NEED(shutdown);
    if (!active())
        return real_shutdown(fd, how);
    AROUND(real_shutdown(fd, how), int, report(MTC_SHUTDOWN, fd, how, 0, ret_, err_, NULL, 0, -1));
}

/* The channel is not the program's: closing it answers as an fd that is not open would. */
EXPORT int close(int fd)
{
    NEED(close);
    if (fd == g_chan && fd >= 0) {
        errno = EBADF;
        return -1;
    }
    if (!active() || (!bit(g_described, fd) && !bit(g_isSock, fd)))
        return real_close(fd);
    t_inside = 1;
    int ret = real_close(fd);
    int err = errno;
    forgetFd(fd);
    report(MTC_CLOSE, fd, 0, 0, ret, err, NULL, 0, -1);
    t_inside = 0;
    errno = err;
    return ret;
}

/* close_range over the channel closes the rest around it. */
EXPORT int close_range(unsigned first, unsigned last, int flags)
{
    NEED(close_range);
    int chan = g_chan;
    if (chan < 0 || (unsigned)chan < first || (unsigned)chan > last)
        return real_close_range(first, last, flags);
    int ret = 0;
    if ((unsigned)chan > first)
        ret = real_close_range(first, (unsigned)chan - 1, flags);
    if (ret == 0 && (unsigned)chan < last)
        ret = real_close_range((unsigned)chan + 1, last, flags);
    return ret;
}

/* dup2/dup3 onto the channel: the channel moves aside first, then the program gets its fd. */
static void moveChannelFrom(int fd)
{
    pthread_mutex_lock(&g_lock);
    if (g_chan == fd && fd >= 0) {
        int moved = real_fcntl(fd, F_DUPFD_CLOEXEC, fd > 64 ? fd / 2 : 64);
        if (moved >= 0) {
            real_close(fd);
            g_chan = moved;
        } else {
            detachLocked();
        }
    }
    pthread_mutex_unlock(&g_lock);
}

EXPORT int dup2(int oldfd, int newfd)
{
    NEED(dup2);
    if (oldfd == g_chan && oldfd >= 0) {
        errno = EBADF;
        return -1;
    }
    moveChannelFrom(newfd);
    int ret = real_dup2(oldfd, newfd);
    if (ret >= 0 && oldfd != newfd) {
        int err = errno;
        setBit(g_isSock, newfd, bit(g_isSock, oldfd));
        setBit(g_described, newfd, 0);
        errno = err;
    }
    return ret;
}

EXPORT int dup3(int oldfd, int newfd, int flags)
{
    NEED(dup3);
    if (oldfd == g_chan && oldfd >= 0) {
        errno = EBADF;
        return -1;
    }
    moveChannelFrom(newfd);
    int ret = real_dup3(oldfd, newfd, flags);
    if (ret >= 0) {
        int err = errno;
        setBit(g_isSock, newfd, bit(g_isSock, oldfd));
        setBit(g_described, newfd, 0);
        errno = err;
    }
    return ret;
}

EXPORT int setsockopt(int fd, int level, int name, const void *val, socklen_t len)
{
    NEED(setsockopt);
    if (!active())
        return real_setsockopt(fd, level, name, val, len);
    int value = val && len >= sizeof(int) ? *(const int *)val : 0;
    AROUND(real_setsockopt(fd, level, name, val, len), int,
           report(MTC_SETSOCKOPT, fd, value, level << 16 | name, ret_, err_, NULL, 0, -1));
}

/* fcntl: only F_SETFL changing O_NONBLOCK on a socket is reported; the dup commands keep what
 * the library knows about the fd. The argument is read as the commands that take one need. */
static int doFcntl(fcntl_fn fn, int fd, int cmd, va_list ap)
{
    void *arg = va_arg(ap, void *);
    if (fd == g_chan && fd >= 0 && g_chan >= 0 && cmd != F_GETFD && cmd != F_GETFL) {
        errno = EBADF;
        return -1;
    }
    if (!active() || cmd != F_SETFL)
        return fn(fd, cmd, arg);
    t_inside = 1;
    int before = fn(fd, F_GETFL);
    int ret = fn(fd, cmd, arg);
    int err = errno;
    int nb = (int)((long)arg & O_NONBLOCK) != 0;
    if (ret == 0 && before >= 0 && ((before & O_NONBLOCK) != 0) != nb && bit(g_isSock, fd))
        report(MTC_SETBLOCKING, fd, nb, 0, ret, err, NULL, 0, -1);
    t_inside = 0;
    errno = err;
    return ret;
}

EXPORT int fcntl(int fd, int cmd, ...)
{
    NEED(fcntl);
    va_list ap;
    va_start(ap, cmd);
    int ret = doFcntl(real_fcntl, fd, cmd, ap);
    va_end(ap);
    return ret;
}

EXPORT int fcntl64(int fd, int cmd, ...)
{
    NEED(fcntl64);
    va_list ap;
    va_start(ap, cmd);
    int ret = doFcntl(real_fcntl64 ? real_fcntl64 : real_fcntl, fd, cmd, ap);
    va_end(ap);
    return ret;
}

EXPORT int ioctl(int fd, unsigned long req, ...)
{
    NEED(ioctl);
    va_list ap;
    va_start(ap, req);
    void *arg = va_arg(ap, void *);
    va_end(ap);
    if (!active() || req != FIONBIO)
        return real_ioctl(fd, req, arg);
    AROUND(real_ioctl(fd, req, arg), int,
           report(MTC_SETBLOCKING, fd, arg ? *(int *)arg != 0 : 0, 0, ret_, err_, NULL, 0, -1));
}

EXPORT pid_t fork(void)
{
    NEED(fork);
    pid_t ret = real_fork();
    int err = errno;
    if (ret > 0 && active())
        report(MTC_FORK, -1, 0, 0, ret, err, NULL, 0, -1);
    errno = err;
    return ret;
}
