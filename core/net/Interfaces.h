#pragma once

#include <QList>
#include <QString>

#include <optional>

namespace mux::net {

/// An IPv4 subnet: 192.168.1.0/24. Addresses are kept in host byte order.
struct Subnet {
    quint32 network = 0;
    int prefix = 32;

    quint32 mask() const { return prefix <= 0 ? 0 : ~quint32(0) << (32 - prefix); }
    bool contains(quint32 address) const { return (address & mask()) == (network & mask()); }
    /// "192.168.1.23" inside it; false for anything that is not a dotted IPv4 address.
    bool contains(const QString &address) const;
    /// "192.168.1.0/24".
    QString toString() const;
    bool operator==(const Subnet &) const = default;
};

/// "192.168.1.23" → host-order integer; nullopt for anything else (names, IPv6, junk).
std::optional<quint32> parseIpv4(const QString &text);
QString ipv4Text(quint32 address);

/// One IPv4 address the machine has, on the interface that holds it (getifaddrs).
struct Interface {
    QString name;    ///< "eth0", "wlan0", "lo"
    QString address; ///< "192.168.1.23"
    Subnet subnet;   ///< the subnet it reaches directly: 192.168.1.0/24
    bool loopback = false;
    bool up = false;
};

/// Every IPv4 address of this machine, in the kernel's order (loopback included).
QList<Interface> ipv4Interfaces();

/// The subnets a server bound to `bindAddress` reaches directly: the subnet of the interface
/// holding that address, or every interface's for 0.0.0.0; loopback (127.0.0.0/8) always, so
/// the machine's own clients still come in. Empty when the address is not this machine's.
QList<Subnet> subnetsServedBy(const QString &bindAddress);

} // namespace mux::net
