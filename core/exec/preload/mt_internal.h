/* libmuxtrace.so: loaded with LD_PRELOAD into a program muxlab runs (`muxlab --exec`). It wraps
 * the multiplexing calls and the socket calls between them, calls the real function through
 * dlsym(RTLD_NEXT), and reports each call to muxlab over a socketpair end muxlab passed in the
 * environment. The program sees the same results and the same errno as without it.
 *
 * Run mode reports and never waits: records are copied into a buffer that a flusher thread
 * of the library writes out about once a millisecond, so a call costs a copy, not a write.
 * Step mode writes every record at once and, before each multiplexing call, waits for muxlab's
 * one-byte go. muxlab can switch a run back to step mode with a hold byte, which the library
 * looks for without blocking at most every few milliseconds.
 *
 * The channel is kept out of the program's way: moved to a high descriptor, close-on-exec, and
 * close/dup2/dup3/close_range on it are answered as if it were not open (or moved aside first).
 * A forked child detaches (it runs untraced); threads share the channel under a mutex and each
 * record carries its thread id. Every process that loads the library dies with its parent
 * (PR_SET_PDEATHSIG), so a SIGKILL of muxlab leaves nothing of the program running. */

/* What the parts of the library share: one translation unit per call family (mt_*.c). */
#pragma once
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

/* ---------- the real functions (mt_real.c resolves them) ---------- */

#define MT_REALS(X)                                                                                \
    X(int, select, int, fd_set *, fd_set *, fd_set *, struct timeval *)                            \
    X(int, pselect, int, fd_set *, fd_set *, fd_set *, const struct timespec *, const sigset_t *)  \
    X(int, poll, struct pollfd *, nfds_t, int)                                                     \
    X(int, ppoll, struct pollfd *, nfds_t, const struct timespec *, const sigset_t *)              \
    X(int, epoll_create, int)                                                                      \
    X(int, epoll_create1, int)                                                                     \
    X(int, epoll_ctl, int, int, int, struct epoll_event *)                                         \
    X(int, epoll_wait, int, struct epoll_event *, int, int)                                        \
    X(int, epoll_pwait, int, struct epoll_event *, int, int, const sigset_t *)                     \
    X(int, socket, int, int, int)                                                                  \
    X(int, socketpair, int, int, int, int *)                                                       \
    X(int, bind, int, const struct sockaddr *, socklen_t)                                          \
    X(int, listen, int, int)                                                                       \
    X(int, accept, int, struct sockaddr *, socklen_t *)                                            \
    X(int, accept4, int, struct sockaddr *, socklen_t *, int)                                      \
    X(int, connect, int, const struct sockaddr *, socklen_t)                                       \
    X(ssize_t, recv, int, void *, size_t, int)                                                     \
    X(ssize_t, recvfrom, int, void *, size_t, int, struct sockaddr *, socklen_t *)                 \
    X(ssize_t, recvmsg, int, struct msghdr *, int)                                                 \
    X(ssize_t, read, int, void *, size_t)                                                          \
    X(ssize_t, send, int, const void *, size_t, int)                                               \
    X(ssize_t, sendto, int, const void *, size_t, int, const struct sockaddr *, socklen_t)         \
    X(ssize_t, sendmsg, int, const struct msghdr *, int)                                           \
    X(ssize_t, write, int, const void *, size_t)                                                   \
    X(int, shutdown, int, int)                                                                     \
    X(int, close, int)                                                                             \
    X(int, close_range, unsigned, unsigned, int)                                                   \
    X(int, dup2, int, int)                                                                         \
    X(int, dup3, int, int, int)                                                                    \
    X(int, setsockopt, int, int, int, const void *, socklen_t)                                     \
    X(int, fcntl, int, int, ...)                                                                   \
    X(int, fcntl64, int, int, ...)                                                                 \
    X(int, ioctl, int, unsigned long, ...)                                                         \
    X(pid_t, fork, void)

#define MT_DECLARE_REAL(ret, name, ...)                                                            \
    typedef ret (*name##_fn)(__VA_ARGS__);                                                         \
    extern name##_fn real_##name;
MT_REALS(MT_DECLARE_REAL)

void resolve_all(void);

#define RESOLVE(name)                                                                              \
    do {                                                                                           \
        if (!real_##name)                                                                          \
            real_##name = (name##_fn)dlsym(RTLD_NEXT, #name);                                      \
    } while (0)

/* A wrapper called before the constructor (another library's constructor doing I/O) resolves
 * what it needs itself. */
#define NEED(name)                                                                                 \
    do {                                                                                           \
        if (__builtin_expect(!real_##name, 0))                                                     \
            RESOLVE(name);                                                                         \
    } while (0)

/* A wrapper's common shape: call, then report with errno kept. */
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

/* ---------- shared state and helpers (defined where named) ---------- */

extern int g_chan;
extern int g_step;
extern int g_blockingTicks;
extern int64_t g_lastHoldCheck;
extern pthread_mutex_t g_lock;
extern unsigned char g_isSock[MT_FD_MAX / 8];
extern unsigned char g_described[MT_FD_MAX / 8];
extern __thread int t_inside;
int bit(const unsigned char *set, int fd);
void setBit(unsigned char *set, int fd, int on);
int64_t nowNs(void);
void detachLocked(void);
void startFlusherLocked(void);
void sendLocked(void);
int holdAskedLocked(void);
void putLocked(const struct mt_rec *h, const void *pairs, const void *data, const char *src);
void initRec(struct mt_rec *h, int type, int call, int fd);
void finishRec(struct mt_rec *h, unsigned npairs, size_t datalen, size_t srclen);
void describeLocked(int fd);
void describeConnectingLocked(int fd, const struct sockaddr *to, socklen_t tolen);
void forgetFd(int fd);
size_t pythonSource(char *out, size_t cap);
int active(void);
void blockingWait(int call, int fd, int flags);
void report(int call, int fd, int arg, int aux, int64_t ret, int err, const void *data,
            size_t datalen, int describe);
