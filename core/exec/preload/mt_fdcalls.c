/* Calls that change descriptors or options: shutdown, close, close_range, dup2/dup3 (which must
 * never take the channel), setsockopt, fcntl, ioctl, fork. */
#include "mt_internal.h"

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
