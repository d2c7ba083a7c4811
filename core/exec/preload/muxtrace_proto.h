/* The records libmuxtrace.so writes to muxlab over their private socketpair, and the bytes
 * muxlab answers with. Plain C: the preload library has no Qt and no C++ runtime, and
 * core/exec reads the same structs. Both ends run on the same machine from the same build,
 * so the layout is native and never versioned.
 *
 * A record is a header, then `npairs` fd/event pairs, then `datalen` bytes of data, then
 * `srclen` bytes of source location ("FILE:LINE", no terminator). */
#ifndef MUXTRACE_PROTO_H
#define MUXTRACE_PROTO_H

#include <stdint.h>

#define MT_ENV_FD "MUXTRACE_FD"     /* the inherited channel descriptor */
#define MT_ENV_MODE "MUXTRACE_MODE" /* "run" (report, never wait) or "step" (wait for a go) */
/* "1": a blocking socket call that would wait (accept, recv, recvfrom, recvmsg, read) is first
 * waited for by the library with select on that one descriptor and no timeout, reported and
 * held like the program's own calls: a program with no multiplexing call still has ticks. The
 * MT_ENTER of such a select carries the blocking call (enum mt_call) in `err`. */
#define MT_ENV_BLOCKING "MUXTRACE_BLOCKING"

/* What a record is. */
enum mt_type {
    MT_HELLO = 1, /* the library is attached: pid, ppid; data = /proc/self/exe */
    MT_ENTER = 2, /* a multiplexing call is about to be made: its in sets, timeout, source */
    MT_EXIT = 3,  /* that call returned: ready pairs, ret, errno */
    MT_CALL = 4,  /* any other intercepted call, after it returned */
    MT_DESC = 5,  /* what a descriptor is (arg: enum mt_kind); data = "local\0peer" */
};

/* Which function. */
enum mt_call {
    MTC_NONE = 0,
    MTC_SELECT,
    MTC_PSELECT,
    MTC_POLL,
    MTC_PPOLL,
    MTC_EPOLL_CREATE,
    MTC_EPOLL_CTL,
    MTC_EPOLL_WAIT,
    MTC_EPOLL_PWAIT,
    MTC_SOCKET,
    MTC_BIND,
    MTC_LISTEN,
    MTC_ACCEPT,
    MTC_CONNECT,
    MTC_RECV,
    MTC_RECVFROM,
    MTC_RECVMSG,
    MTC_READ,
    MTC_SEND,
    MTC_SENDTO,
    MTC_SENDMSG,
    MTC_WRITE,
    MTC_SHUTDOWN,
    MTC_CLOSE,
    MTC_SETSOCKOPT,
    MTC_SETBLOCKING, /* fcntl(F_SETFL) or ioctl(FIONBIO) that changed O_NONBLOCK; arg = 1 if
                        non-blocking now */
    MTC_FORK,        /* the process forked: ret = the child's pid (the child is not traced) */
    MTC_COUNT
};

/* What a descriptor is, as MT_DESC says. */
enum mt_kind {
    MTK_OTHER = 0,
    MTK_LISTENER,
    MTK_STREAM, /* a connected (or connecting) stream socket */
    MTK_DGRAM,
    MTK_SOCKET, /* a socket not yet listening nor connected */
    MTK_PIPE,
    MTK_FILE,
    MTK_TTY, /* a character device: the terminal, /dev/null */
    MTK_EPOLL,
    MTK_EVENTFD,
};

struct mt_rec {
    uint32_t size; /* the whole record, header included */
    uint8_t type;  /* enum mt_type */
    uint8_t call;  /* enum mt_call */
    uint16_t npairs;
    int32_t pid;
    int32_t tid;
    int32_t fd;  /* the call's descriptor (epfd for epoll_ctl / epoll_wait) */
    int32_t arg; /* size asked (recv), backlog, how (shutdown), events (epoll_ctl), timeout ms
                    (-1: none) for MT_ENTER, the op's target fd for epoll_ctl in `aux` */
    int64_t ret; /* MT_ENTER: MT_ENTER_WAITS when the library waits for a go after it */
    int32_t err; /* errno when ret < 0 */
    int32_t aux; /* epoll_ctl: op; setsockopt: level<<16|optname; MT_ENTER: maxevents */
    uint32_t datalen;
    uint32_t srclen;
    int64_t ns; /* CLOCK_MONOTONIC when the record was made */
};

/* One fd and its events: select r/w/x as 1/2/4, poll's short events, epoll's u32 events. For
 * the epoll ready list the fd is the low 32 bits of epoll_data; the full 64 bits follow in the
 * data, one uint64_t per pair, so muxlab can map user data back to the fd it was added with. */
struct mt_pair {
    int32_t fd;
    uint32_t events;
};

/* muxlab's answers in step mode: one byte. */
#define MT_GO 'g'  /* make this call */
#define MT_RUN 'r' /* make it, and never wait again */
/* Sent while the program runs freely: be held again. The library looks for it at most every
 * MT_HOLD_CHECK_NS (never a syscall per call), then reports the next multiplexing call's
 * MT_ENTER and waits for a go before making it, as in step mode. */
#define MT_HOLD 'h'
#define MT_HOLD_CHECK_NS 5000000
/* An MT_ENTER's ret: the program is held before this call. Records made in run mode before a
 * hold took effect can still be in flight; only this one says the program waits. */
#define MT_ENTER_WAITS 1

#endif
