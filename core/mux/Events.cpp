#include "Events.h"

#include <poll.h>
#include <sys/epoll.h>

namespace mux {

// The poll and epoll bits are the same numbers on Linux; the table says so out loud anyway, so
// nothing here depends on that coincidence.
static_assert(POLLIN == EPOLLIN && POLLOUT == EPOLLOUT && POLLPRI == EPOLLPRI);

const FlagRow kFlagTable[7] = {
    {Readable, POLLIN, EPOLLIN, "POLLIN", "EPOLLIN", "r"},
    {Writable, POLLOUT, EPOLLOUT, "POLLOUT", "EPOLLOUT", "w"},
    {Exceptional, POLLPRI, EPOLLPRI, "POLLPRI", "EPOLLPRI", "x"},
    {HangUp, POLLHUP, EPOLLHUP, "POLLHUP", "EPOLLHUP", nullptr},
    {Failed, POLLERR, EPOLLERR, "POLLERR", "EPOLLERR", nullptr},
    {Invalid, POLLNVAL, 0, "POLLNVAL", "-", nullptr},
    {PeerClosed, POLLRDHUP, EPOLLRDHUP, "POLLRDHUP", "EPOLLRDHUP", nullptr},
};

QString backendName(Backend b)
{
    switch (b) {
    case Backend::Select:
        return QStringLiteral("select");
    case Backend::Poll:
        return QStringLiteral("poll");
    case Backend::Epoll:
        return QStringLiteral("epoll");
    case Backend::EpollEt:
        return QStringLiteral("epoll-et");
    }
    return {};
}

std::optional<Backend> backendFromName(const QString &name)
{
    for (Backend b : allBackends())
        if (backendName(b) == name)
            return b;
    return std::nullopt;
}

QList<Backend> allBackends()
{
    return {Backend::Select, Backend::Poll, Backend::Epoll, Backend::EpollEt};
}

short toPoll(Events e)
{
    short out = 0;
    for (const FlagRow &row : kFlagTable)
        if (e & row.event)
            out |= row.pollBit;
    return out;
}

Events fromPoll(short revents)
{
    Events out = 0;
    for (const FlagRow &row : kFlagTable)
        if (revents & row.pollBit)
            out |= row.event;
    return out;
}

std::uint32_t toEpoll(Events e)
{
    std::uint32_t out = 0;
    for (const FlagRow &row : kFlagTable)
        if (e & row.event)
            out |= row.epollBit;
    return out;
}

Events fromEpoll(std::uint32_t events)
{
    Events out = 0;
    for (const FlagRow &row : kFlagTable)
        if (row.epollBit && (events & row.epollBit))
            out |= row.event;
    return out;
}

static QString joinNames(Events e, const char *FlagRow::*name, QChar sep, int skip)
{
    QString s;
    for (const FlagRow &row : kFlagTable) {
        if (!(e & row.event))
            continue;
        if (!s.isEmpty())
            s += sep;
        s += QLatin1String(row.*name).mid(skip);
    }
    return s;
}

QString eventsToString(Events e)
{
    return joinNames(e, &FlagRow::pollName, QLatin1Char(' '), 4);
}

QString pollEventsToString(Events e)
{
    return e ? joinNames(e, &FlagRow::pollName, QLatin1Char('|'), 0) : QStringLiteral("0");
}

QString epollEventsToString(Events e)
{
    return e ? joinNames(e, &FlagRow::epollName, QLatin1Char('|'), 0) : QStringLiteral("0");
}

} // namespace mux
