"""--wait for the lessons' clients: muxlab's window runs the server one tick at a time.

In the window the server makes a call only when the teacher steps (F10), so a reply may come
minutes after the request. A client started with --wait (the window's commands add it) waits as
long as the class does: a timeout of LONG seconds or more, which the clients set to wait for a
reply, becomes no timeout at all, and the first time the client has waited PATIENCE seconds it
says once, on stderr, that it is waiting for the server's next tick. Shorter timeouts, which
the clients use on purpose to show that nothing came, are left alone. Without --wait (muxlab
--serve runs at full speed) nothing changes: the clients keep their timeouts.

A client uses it in three lines:
    stepwait.add_option(parser)     # before parse_args()
    stepwait.start(args)            # after it
    deadline = stepwait.deadline(8) # instead of time.monotonic() + 8
"""
import select
import socket
import sys
import time
import weakref

NOTICE = "waiting for the server's next tick (press F10 in muxlab)…"
LONG = 2.0  # seconds: a timeout this long waits for a reply; a shorter one probes
PATIENCE = 1.0  # seconds of silence before saying so

_on = False
_said = False
_patient = weakref.WeakSet()  # sockets whose long timeout became "wait as long as it takes"


def add_option(parser):
    parser.add_argument('--wait', action='store_true',
                        help="wait for replies as long as it takes (muxlab's window runs a "
                             "tick only when the teacher steps)")


def start(args):
    global _on
    _on = bool(getattr(args, 'wait', False))
    if _on:
        _patch()
    return args


def waiting():
    return _on


def deadline(seconds):
    """time.monotonic() + seconds; with --wait, never."""
    return float('inf') if _on else time.monotonic() + seconds


def idle():
    """A wait came back empty: with --wait, say once what the client waits for."""
    global _said
    if _on and not _said:
        _said = True
        print(NOTICE, file=sys.stderr, flush=True)


def _long(timeout):
    return timeout is not None and timeout >= LONG


def _patch():
    plain_settimeout = socket.socket.settimeout
    plain_select = select.select

    def settimeout(self, timeout):
        if _long(timeout):
            _patient.add(self)
            timeout = None
        else:
            _patient.discard(self)
        plain_settimeout(self, timeout)

    def patient(method, writing):
        plain = getattr(socket.socket, method)

        def call(self, *args, **kwargs):
            if self in _patient and not _said:
                ready = plain_select([], [self], [], PATIENCE) if writing else \
                    plain_select([self], [], [], PATIENCE)
                if not any(ready):
                    idle()
            return plain(self, *args, **kwargs)
        call.__name__ = method
        return call

    def select_(rlist, wlist, xlist, timeout=None):
        if timeout is not None and timeout < LONG:
            return plain_select(rlist, wlist, xlist, timeout)
        if not _said:
            ready = plain_select(rlist, wlist, xlist, PATIENCE)
            if any(ready):
                return ready
            idle()
        return plain_select(rlist, wlist, xlist, None)

    socket.socket.settimeout = settimeout
    for name in ('recv', 'recv_into', 'recvfrom', 'recvfrom_into'):
        setattr(socket.socket, name, patient(name, False))
    for name in ('send', 'sendall'):
        setattr(socket.socket, name, patient(name, True))
    select.select = select_
