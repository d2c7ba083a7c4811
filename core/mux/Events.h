#pragma once

#include <QList>
#include <QString>

#include <cstdint>
#include <optional>

namespace mux {

/// What a program asks to be told about, and what comes back, in the documents' vocabulary.
/// Readable/Writable/Exceptional are the three lists of select(); HangUp, Error and Invalid are
/// what poll and epoll add and are shown as themselves, never folded into a list.
enum Event : quint8 {
    Readable = 0x01,    ///< rlist · POLLIN · EPOLLIN
    Writable = 0x02,    ///< wlist · POLLOUT · EPOLLOUT
    Exceptional = 0x04, ///< xlist · POLLPRI · EPOLLPRI (urgent data on Linux)
    HangUp = 0x08,      ///< POLLHUP · EPOLLHUP (returned only)
    Failed = 0x10,      ///< POLLERR · EPOLLERR (returned only)
    Invalid = 0x20,     ///< POLLNVAL (returned only; epoll refuses such fds at ctl time)
    PeerClosed = 0x40,  ///< POLLRDHUP · EPOLLRDHUP (returned only)
};
using Events = quint8;

/// The events a program may request. The rest only ever come back.
constexpr Events kRequestable = Readable | Writable | Exceptional;

/// One descriptor with one set of events: a row of the interest, or of what came back.
struct FdEvents {
    int fd = -1;
    Events events = 0;
    bool operator==(const FdEvents &) const = default;
};

/// The four backends, each one small file.
enum class Backend : quint8 { Select, Poll, Epoll, EpollEt };

QString backendName(Backend b);
std::optional<Backend> backendFromName(const QString &name);
QList<Backend> allBackends();

/// The one table that maps our flags to the kernel's (muduo's eventsToString, made a table).
struct FlagRow {
    Event event;
    short pollBit;
    std::uint32_t epollBit;
    const char *pollName;  ///< "POLLIN"
    const char *epollName; ///< "EPOLLIN"
    const char *list;      ///< "r", "w", "x" or nullptr for flags that are not a select list
};
extern const FlagRow kFlagTable[7];

short toPoll(Events e);
Events fromPoll(short revents);
std::uint32_t toEpoll(Events e);
Events fromEpoll(std::uint32_t events);

/// "IN OUT PRI" style, as muduo prints it; "POLLIN|POLLOUT" with `pollNames`.
QString eventsToString(Events e);
QString pollEventsToString(Events e);
QString epollEventsToString(Events e);

} // namespace mux
