/* An echo server in C on epoll (level-triggered), each conn's fd kept as its epoll data.
 * Usage: epoll_echo PORT [ROUNDS]; prints "listening PORT" first. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    int port = argc > 1 ? atoi(argv[1]) : 0;
    int rounds = argc > 2 ? atoi(argv[2]) : -1;
    int server = socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    setsockopt(server, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((unsigned short)port)};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(server, (struct sockaddr *)&a, sizeof a) != 0 || listen(server, 5) != 0)
        return 1;
    socklen_t len = sizeof a;
    getsockname(server, (struct sockaddr *)&a, &len);
    printf("listening %d\n", ntohs(a.sin_port));
    fflush(stdout);
    int ep = epoll_create1(EPOLL_CLOEXEC);
    struct epoll_event ev = {.events = EPOLLIN, .data.fd = server};
    epoll_ctl(ep, EPOLL_CTL_ADD, server, &ev);
    while (rounds-- != 0) {
        struct epoll_event ready[16];
        int got = epoll_wait(ep, ready, 16, 5000);
        for (int i = 0; i < got; ++i) {
            int fd = ready[i].data.fd;
            if (fd == server) {
                int c = accept(server, NULL, NULL);
                struct epoll_event cev = {.events = EPOLLIN, .data.fd = c};
                epoll_ctl(ep, EPOLL_CTL_ADD, c, &cev);
                continue;
            }
            char buf[1024];
            ssize_t n = recv(fd, buf, sizeof buf, 0);
            if (n > 0) {
                send(fd, buf, (size_t)n, 0);
            } else {
                epoll_ctl(ep, EPOLL_CTL_DEL, fd, NULL);
                close(fd);
            }
        }
    }
    return 0;
}
