/* An echo server in C on poll(): the listener and every conn in one pollfd array.
 * Usage: poll_echo PORT [ROUNDS]; prints "listening PORT" first. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
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
    struct pollfd fds[64] = {{.fd = server, .events = POLLIN}};
    int n = 1;
    while (rounds-- != 0) {
        if (poll(fds, (nfds_t)n, 5000) <= 0)
            continue;
        for (int i = n - 1; i >= 0; --i) {
            if (!fds[i].revents)
                continue;
            if (fds[i].fd == server) {
                int c = accept(server, NULL, NULL);
                if (c >= 0 && n < 64)
                    fds[n++] = (struct pollfd){.fd = c, .events = POLLIN};
                continue;
            }
            char buf[1024];
            ssize_t got = recv(fds[i].fd, buf, sizeof buf, 0);
            if (got > 0) {
                send(fds[i].fd, buf, (size_t)got, 0);
            } else {
                close(fds[i].fd);
                fds[i] = fds[--n];
            }
        }
    }
    return 0;
}
