// bench-echo-min: the smallest honest epoll echo server, the yardstick muxlab --serve is held
// against. It speaks select-echo's protocol (greeting on accept, reply = data + suffix) so the
// same load client drives both. No Qt, no recording, level-triggered, one thread.
//   usage: bench-echo-min PORT
#include <arpa/inet.h>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <netinet/in.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: bench-echo-min PORT\n");
        return 2;
    }
    std::signal(SIGPIPE, SIG_IGN);
    const int lfd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    const int one = 1;
    ::setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<uint16_t>(std::atoi(argv[1])));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::bind(lfd, reinterpret_cast<sockaddr *>(&a), sizeof a) < 0 || ::listen(lfd, 512) < 0) {
        std::fprintf(stderr, "bench-echo-min: cannot listen on %s: %s\n", argv[1],
                     std::strerror(errno));
        return 1;
    }
    const int ep = ::epoll_create1(EPOLL_CLOEXEC);
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.fd = lfd;
    ::epoll_ctl(ep, EPOLL_CTL_ADD, lfd, &ev);
    static const char greeting[] = "\xe4\xbd\xa0\xe5\xa5\xbd"; // 你好
    static const char suffix[] = "\xe5\xa5\xbd";               // 好
    epoll_event ready[256];
    char buf[1024 + sizeof suffix];
    for (;;) {
        const int n = ::epoll_wait(ep, ready, 256, 1000);
        for (int i = 0; i < n; ++i) {
            const int fd = ready[i].data.fd;
            if (fd == lfd) {
                const int c = ::accept4(lfd, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
                if (c < 0)
                    continue;
                ::send(c, greeting, sizeof greeting - 1, MSG_NOSIGNAL);
                ev.data.fd = c;
                ::epoll_ctl(ep, EPOLL_CTL_ADD, c, &ev);
                continue;
            }
            const ssize_t got = ::recv(fd, buf, 1024, 0);
            if (got <= 0) {
                if (got < 0 && errno == EAGAIN)
                    continue;
                ::epoll_ctl(ep, EPOLL_CTL_DEL, fd, nullptr);
                ::close(fd);
                continue;
            }
            std::memcpy(buf + got, suffix, sizeof suffix - 1);
            ::send(fd, buf, size_t(got) + sizeof suffix - 1, MSG_NOSIGNAL);
        }
    }
}
