#pragma once

#include "net/Fd.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QFile>

#include <arpa/inet.h>
#include <dirent.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <functional>

/// A plain client socket for the hardening tests: what a student's nc or script does, with
/// every wait bounded (no test can hang on a server that stopped answering).
class TestClient {
public:
    /// A blocking connect to 127.0.0.1:port; reads and writes give up after `waitMs`.
    static TestClient connectTo(quint16 port, int waitMs = 10000)
    {
        TestClient c;
        c.m_fd.reset(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
        if (!c.m_fd)
            return c;
        timeval tv{waitMs / 1000, (waitMs % 1000) * 1000};
        ::setsockopt(c.fd(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        ::setsockopt(c.fd(), SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
        sockaddr_in sa{};
        sa.sin_family = AF_INET;
        sa.sin_port = htons(port);
        sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (::connect(c.fd(), reinterpret_cast<sockaddr *>(&sa), sizeof sa) != 0)
            c.m_fd.reset();
        return c;
    }
    /// A non-blocking connect (for a thousand clients at once); completes in the background.
    static TestClient connectNonBlocking(quint16 port)
    {
        TestClient c;
        c.m_fd.reset(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));
        sockaddr_in sa{};
        sa.sin_family = AF_INET;
        sa.sin_port = htons(port);
        sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (c.m_fd && ::connect(c.fd(), reinterpret_cast<sockaddr *>(&sa), sizeof sa) != 0 &&
            errno != EINPROGRESS)
            c.m_fd.reset();
        return c;
    }

    int fd() const { return m_fd.get(); }
    bool ok() const { return m_fd.valid(); }

    bool send(const QByteArray &bytes)
    {
        for (qsizetype done = 0; done < bytes.size();) {
            const ssize_t n =
                ::send(fd(), bytes.constData() + done, size_t(bytes.size() - done), MSG_NOSIGNAL);
            if (n <= 0)
                return false;
            done += n;
        }
        return true;
    }
    /// Reads until `enough` says so, the peer closes, or a read waits too long.
    QByteArray readUntil(const std::function<bool(const QByteArray &)> &enough)
    {
        while (!enough(m_in) && !m_eof) {
            char buf[65536];
            const ssize_t n = ::recv(fd(), buf, sizeof buf, 0);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0) {
                m_eof = true; // closed, reset, or silent past the wait
                m_reset = n < 0 && errno == ECONNRESET;
                break;
            }
            m_in.append(buf, n);
        }
        return m_in;
    }
    QByteArray readBytes(qsizetype n)
    {
        return readUntil([n](const QByteArray &b) { return b.size() >= n; });
    }
    QByteArray readLine()
    {
        return readUntil([](const QByteArray &b) { return b.contains('\n'); });
    }
    QByteArray readToEof()
    {
        return readUntil([](const QByteArray &) { return false; });
    }
    bool sawEof() const { return m_eof; }
    QByteArray received() const { return m_in; }
    void clearReceived() { m_in.clear(); }

    /// Sends `out` while reading replies, until `want` bytes came back: a client that reads as
    /// it writes, so neither side's buffers fill (a 1 MiB line through an echo server).
    QByteArray exchange(const QByteArray &out, qsizetype want)
    {
        ::fcntl(fd(), F_SETFL, ::fcntl(fd(), F_GETFL) | O_NONBLOCK);
        qsizetype sent = 0;
        while (m_in.size() < want) {
            pollfd p{fd(), short(POLLIN | (sent < out.size() ? POLLOUT : 0)), 0};
            if (::poll(&p, 1, 10000) <= 0)
                break; // nothing moved for ten seconds
            if (p.revents & POLLIN) {
                char buf[65536];
                const ssize_t n = ::recv(fd(), buf, sizeof buf, 0);
                if (n <= 0 && !(n < 0 && errno == EAGAIN))
                    break;
                if (n > 0)
                    m_in.append(buf, n);
            }
            if ((p.revents & POLLOUT) && sent < out.size()) {
                const ssize_t n =
                    ::send(fd(), out.constData() + sent,
                           size_t(std::min<qsizetype>(out.size() - sent, 65536)), MSG_NOSIGNAL);
                if (n > 0)
                    sent += n;
            }
            if (p.revents & (POLLERR | POLLHUP))
                break;
        }
        return m_in;
    }

    void shutdownWrite() { ::shutdown(fd(), SHUT_WR); }
    /// close() with SO_LINGER 0: the peer gets an RST, as when a client crashes.
    void reset()
    {
        linger lg{1, 0};
        ::setsockopt(fd(), SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
        m_fd.reset();
    }
    void close() { m_fd.reset(); }

private:
    mux::Fd m_fd;
    QByteArray m_in;
    bool m_eof = false;
    bool m_reset = false;
};

/// Raises this process's soft descriptor limit (children started afterwards inherit it).
inline rlim_t raiseNoFile(rlim_t want)
{
    rlimit rl{};
    ::getrlimit(RLIMIT_NOFILE, &rl);
    if (rl.rlim_cur < want) {
        rl.rlim_cur = std::min(want, rl.rlim_max);
        ::setrlimit(RLIMIT_NOFILE, &rl);
        ::getrlimit(RLIMIT_NOFILE, &rl);
    }
    return rl.rlim_cur;
}

/// Descriptors a process has open, from /proc/PID/fd.
inline int openFdCount(qint64 pid)
{
    int n = 0;
    if (DIR *d = ::opendir(QByteArray("/proc/" + QByteArray::number(pid) + "/fd").constData())) {
        while (dirent *e = ::readdir(d))
            n += e->d_name[0] != '.';
        ::closedir(d);
    }
    return n;
}

/// A field of /proc/PID/status in kB (VmRSS, VmHWM, VmPeak), -1 if absent.
inline qint64 statusKb(qint64 pid, const char *field)
{
    QFile f(QStringLiteral("/proc/%1/status").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith(field) && line.size() > qsizetype(qstrlen(field)) &&
            line.at(qstrlen(field)) == ':')
            return line.mid(qstrlen(field) + 1).trimmed().split(' ').value(0).toLongLong();
    return -1;
}

/// CPU time (user + system) a process has used, in milliseconds, from /proc/PID/stat.
inline qint64 cpuMs(qint64 pid)
{
    QFile f(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray stat = f.readAll();
    // Fields after the ")" that ends the command name: state is field 3, utime 14, stime 15.
    const QList<QByteArray> rest = stat.mid(stat.lastIndexOf(')') + 2).split(' ');
    const long tick = ::sysconf(_SC_CLK_TCK);
    return (rest.value(11).toLongLong() + rest.value(12).toLongLong()) * 1000 / tick;
}
