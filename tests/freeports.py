"""Free ports for the Python-driven tests: the same rule as core/net/FreePorts."""
import random
import socket
import threading

_ports_lock = threading.Lock()
_ports_given = set()


def ephemeral_low():
    """The kernel's lowest ephemeral port (ip_local_port_range; 32768 on Debian)."""
    try:
        with open('/proc/sys/net/ipv4/ip_local_port_range') as f:
            return int(f.read().split()[0])
    except (OSError, ValueError, IndexError):
        return 32768


def free_ports(count):
    """count consecutive TCP and UDP ports that nothing is bound to, never handed out twice."""
    with _ports_lock:
        while True:
            # Below the kernel's ephemeral range: there, any outgoing connection on the machine
            # may take the port between this check and the server's bind (it does under load).
            first = random.randrange(20000, ephemeral_low() - count)
            ports = range(first, first + count)
            if first + count > 65535 or _ports_given.intersection(ports):
                continue
            held = []
            try:
                for p in ports:
                    for kind in (socket.SOCK_STREAM, socket.SOCK_DGRAM):
                        s = socket.socket(socket.AF_INET, kind)
                        held.append(s)
                        s.bind(('127.0.0.1', p))
            except OSError:
                continue
            finally:
                for s in held:
                    s.close()
            _ports_given.update(ports)
            return first
