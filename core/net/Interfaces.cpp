#include "Interfaces.h"

#include <arpa/inet.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>

#include <bit>

namespace mux::net {

std::optional<quint32> parseIpv4(const QString &text)
{
    in_addr a{};
    if (::inet_pton(AF_INET, text.toLatin1().constData(), &a) != 1)
        return std::nullopt;
    return ntohl(a.s_addr);
}

QString ipv4Text(quint32 address)
{
    return QStringLiteral("%1.%2.%3.%4")
        .arg(address >> 24)
        .arg((address >> 16) & 0xff)
        .arg((address >> 8) & 0xff)
        .arg(address & 0xff);
}

bool Subnet::contains(const QString &address) const
{
    const auto a = parseIpv4(address);
    return a && contains(*a);
}

QString Subnet::toString() const
{
    return ipv4Text(network & mask()) + QLatin1Char('/') + QString::number(prefix);
}

QList<Interface> ipv4Interfaces()
{
    QList<Interface> out;
    ifaddrs *all = nullptr;
    if (::getifaddrs(&all) != 0)
        return out;
    for (const ifaddrs *i = all; i; i = i->ifa_next) {
        if (!i->ifa_addr || i->ifa_addr->sa_family != AF_INET)
            continue;
        const quint32 address =
            ntohl(reinterpret_cast<const sockaddr_in *>(i->ifa_addr)->sin_addr.s_addr);
        const quint32 mask =
            i->ifa_netmask
                ? ntohl(reinterpret_cast<const sockaddr_in *>(i->ifa_netmask)->sin_addr.s_addr)
                : ~quint32(0);
        out.append({.name = QString::fromLocal8Bit(i->ifa_name),
                    .address = ipv4Text(address),
                    .subnet = {address & mask, std::popcount(mask)},
                    .loopback = (i->ifa_flags & IFF_LOOPBACK) != 0,
                    .up = (i->ifa_flags & IFF_UP) != 0});
    }
    ::freeifaddrs(all);
    return out;
}

QList<Subnet> subnetsServedBy(const QString &bindAddress)
{
    const Subnet loopback{0x7f000000, 8};
    const auto bound = parseIpv4(bindAddress);
    if (!bound)
        return {};
    if (loopback.contains(*bound))
        return {loopback};
    QList<Subnet> out{loopback};
    for (const Interface &i : ipv4Interfaces()) {
        if (i.loopback || (*bound != 0 && i.address != bindAddress) || out.contains(i.subnet))
            continue;
        out.append(i.subnet);
    }
    return out.size() > 1 ? out : QList<Subnet>();
}

} // namespace mux::net
