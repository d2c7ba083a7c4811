#include "SockDiag.h"

#include "net/Fd.h"

#include <QByteArray>

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace mux::net {

namespace {

Result<quint32> ipv4(const Endpoint &e)
{
    in_addr a{};
    if (::inet_pton(AF_INET, e.host.toLatin1().constData(), &a) != 1)
        return Error{EINVAL, QStringLiteral("not an IPv4 address: ") + e.host};
    return quint32(a.s_addr);
}

} // namespace

namespace {

struct Found {
    int state = 0; ///< 0: no socket has that 4-tuple
    quint64 inode = 0;
};

Result<Found> lookUp(const Endpoint &local, const Endpoint &peer)
{
    const auto src = ipv4(local);
    if (!src)
        return src.error();
    const auto dst = ipv4(peer);
    if (!dst)
        return dst.error();

    Fd fd(::socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_SOCK_DIAG));
    if (!fd.valid())
        return errnoError(QStringLiteral("socket(AF_NETLINK, NETLINK_SOCK_DIAG)"), errno);

    // No NLM_F_DUMP: the kernel looks the exact 4-tuple up in its hash (inet_diag_find_one_icsk)
    // rather than walking the table, and answers with that one socket or ENOENT.
    struct {
        nlmsghdr nlh;
        inet_diag_req_v2 req;
    } msg{};
    msg.nlh.nlmsg_len = sizeof msg;
    msg.nlh.nlmsg_type = SOCK_DIAG_BY_FAMILY;
    msg.nlh.nlmsg_flags = NLM_F_REQUEST;
    msg.nlh.nlmsg_seq = 1;
    msg.req.sdiag_family = AF_INET;
    msg.req.sdiag_protocol = IPPROTO_TCP;
    msg.req.idiag_states = ~0u;
    msg.req.id.idiag_sport = htons(local.port);
    msg.req.id.idiag_dport = htons(peer.port);
    msg.req.id.idiag_src[0] = *src;
    msg.req.id.idiag_dst[0] = *dst;
    msg.req.id.idiag_cookie[0] = INET_DIAG_NOCOOKIE;
    msg.req.id.idiag_cookie[1] = INET_DIAG_NOCOOKIE;

    sockaddr_nl kernel{};
    kernel.nl_family = AF_NETLINK;
    if (::sendto(fd.get(), &msg, sizeof msg, 0, reinterpret_cast<sockaddr *>(&kernel),
                 sizeof kernel) < 0)
        return errnoError(QStringLiteral("sendto(NETLINK_SOCK_DIAG)"), errno);

    alignas(nlmsghdr) char buf[8192];
    for (;;) {
        const ssize_t n = ::recv(fd.get(), buf, sizeof buf, 0);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return errnoError(QStringLiteral("recv(NETLINK_SOCK_DIAG)"), errno);
        }
        int len = int(n);
        for (auto *h = reinterpret_cast<nlmsghdr *>(buf); NLMSG_OK(h, len);
             h = NLMSG_NEXT(h, len)) {
            if (h->nlmsg_type == NLMSG_DONE)
                return Found{};
            if (h->nlmsg_type == NLMSG_ERROR) {
                const auto *e = static_cast<const nlmsgerr *>(NLMSG_DATA(h));
                if (e->error == 0 || e->error == -ENOENT)
                    return Found{}; // no socket has that 4-tuple
                return errnoError(QStringLiteral("NETLINK_SOCK_DIAG"), -e->error);
            }
            if (h->nlmsg_type != SOCK_DIAG_BY_FAMILY)
                continue;
            const auto *m = static_cast<const inet_diag_msg *>(NLMSG_DATA(h));
            // The kernel's lookup falls back to a listener on the local port; that is not the
            // connection asked for.
            if (m->id.idiag_sport != htons(local.port) || m->id.idiag_dport != htons(peer.port) ||
                m->id.idiag_src[0] != *src || m->id.idiag_dst[0] != *dst)
                return Found{};
            return Found{int(m->idiag_state), quint64(m->idiag_inode)};
        }
        return Found{}; // a request without NLM_F_DUMP has a one-message answer
    }
}

} // namespace

Result<int> tcpStateOf(const Endpoint &local, const Endpoint &peer)
{
    const auto found = lookUp(local, peer);
    if (!found)
        return found.error();
    return found->state;
}

Result<quint64> tcpInodeOf(const Endpoint &local, const Endpoint &peer)
{
    const auto found = lookUp(local, peer);
    if (!found)
        return found.error();
    return found->inode;
}

Result<int> tcpSocketsInStates(const Endpoint &local, const Endpoint &peer, quint32 states)
{
    const auto st = tcpStateOf(local, peer);
    if (!st)
        return st.error();
    return (*st != 0 && (states & (1u << *st))) ? 1 : 0;
}

} // namespace mux::net
