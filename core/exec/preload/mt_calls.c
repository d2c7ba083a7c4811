/* The socket calls between two multiplexing calls, reported as they return: epoll_create/ctl,
 * socket, bind, listen, accept, connect, recv*, read, send*, write. */
#include "mt_internal.h"

/* Reports one call after it returned. `describe`: the fd is new or changed (accept, listen,
 * connect), so say what it is now. */
void report(int call, int fd, int arg, int aux, int64_t ret, int err, const void *data,
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
    blockingWait(MTC_ACCEPT, fd, 0);
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

/* A connect is described with where it is going: a non-blocking one (EINPROGRESS) has no
 * peer name in the kernel until its handshake ends. */
static void reportConnect(int fd, int ret, int err, const struct sockaddr *to, socklen_t tolen)
{
    struct mt_rec h;
    initRec(&h, MT_CALL, MTC_CONNECT, fd);
    h.ret = ret;
    h.err = ret < 0 ? err : 0;
    finishRec(&h, 0, 0, 0);
    const int going = ret == 0 || err == EINPROGRESS || err == EALREADY;
    pthread_mutex_lock(&g_lock);
    describeConnectingLocked(fd, going ? to : NULL, going ? tolen : 0);
    putLocked(&h, NULL, NULL, NULL);
    sendLocked();
    pthread_mutex_unlock(&g_lock);
}

EXPORT int connect(int fd, const struct sockaddr *addr, socklen_t len)
{
    NEED(connect);
    if (!active())
        return real_connect(fd, addr, len);
    AROUND(real_connect(fd, addr, len), int, reportConnect(fd, ret_, err_, addr, len));
}

EXPORT ssize_t recv(int fd, void *buf, size_t n, int flags)
{
    NEED(recv);
    if (!active())
        return real_recv(fd, buf, n, flags);
    blockingWait(MTC_RECV, fd, flags);
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
    blockingWait(MTC_RECVFROM, fd, flags);
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

/* The bytes a send's record carries: those that went, or, when it failed (EPIPE, EAGAIN…),
 * all it tried to send, so the line shows what was lost and not an empty string. */
static size_t sentShown(ssize_t ret, size_t asked)
{
    return ret > 0 ? (size_t)ret : ret < 0 ? asked : 0;
}

/* recvmsg/sendmsg: the size asked is the sum of the iovecs; the bytes shown are those of the
 * first iovec only (the record carries one contiguous payload). A recvmsg shows what it read, a
 * sendmsg what went (all it tried, when it failed). */
static void report_msg(int call, int fd, const struct msghdr *msg, int flags, ssize_t ret, int err)
{
    size_t asked = 0;
    for (size_t i = 0; i < msg->msg_iovlen; ++i)
        asked += msg->msg_iov[i].iov_len;
    const void *first = msg->msg_iovlen ? msg->msg_iov[0].iov_base : NULL;
    size_t shown = !msg->msg_iovlen      ? 0
                   : call == MTC_SENDMSG ? sentShown(ret, asked)
                   : ret > 0             ? (size_t)ret
                                         : 0;
    if (msg->msg_iovlen && shown > msg->msg_iov[0].iov_len)
        shown = msg->msg_iov[0].iov_len;
    report(call, fd, (int)asked, flags, ret, err, first, shown, -1);
}

EXPORT ssize_t recvmsg(int fd, struct msghdr *msg, int flags)
{
    NEED(recvmsg);
    if (!active())
        return real_recvmsg(fd, msg, flags);
    blockingWait(MTC_RECVMSG, fd, flags);
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
    blockingWait(MTC_READ, fd, 0);
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
           report(MTC_SEND, fd, (int)n, flags, ret_, err_, buf, sentShown(ret_, n), -1));
}

EXPORT ssize_t sendto(int fd, const void *buf, size_t n, int flags, const struct sockaddr *addr,
                      socklen_t alen)
{
    NEED(sendto);
    if (!active())
        return real_sendto(fd, buf, n, flags, addr, alen);
    AROUND(real_sendto(fd, buf, n, flags, addr, alen), ssize_t,
           report(MTC_SENDTO, fd, (int)n, flags, ret_, err_, buf, sentShown(ret_, n), -1));
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
           report(MTC_WRITE, fd, (int)n, 0, ret_, err_, buf, sentShown(ret_, n), -1));
}
