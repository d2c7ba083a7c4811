#pragma once

#include "Trace.h"

#include <QHash>

#include <string>

namespace mux {

/// Turns recorded ticks into the text learners read: strace-form lines
/// (`select([3,4],[],[], 1.0) = 1 ([4],[],[])`, `accept(3) = 6`, `recv(6, 1024) = 5 "hello"`).
/// Shared by the command line, the GUI's syscall log and the tests.
namespace format {

/// Bytes as a quoted C-style string: valid UTF-8 kept (so 你好 reads as 你好), control bytes
/// and invalid UTF-8 escaped (\n, \0, \xff) — never dropped. Longer than maxBytes: "…(+N)".
QString quoted(const QByteArray &bytes, int maxBytes = 64);

/// The multiplexing call of a tick as the backend would spell it, given the whole interest.
QString call(const TickRecord &t, const QList<FdEvents> &interest);
/// What came back: "([4],[],[])" for select, "[{fd=4, revents=POLLIN}]" for poll…
QString returned(const TickRecord &t);
/// One action; `clientNames` names Actor::Client actions ("A: send(7, \"hi\") = 2").
QString action(const Action &a, Backend backend, const QStringList &clientNames = {});
/// The list operations of the documents for each backend: rlist.append(5),
/// poll.register(5, POLLIN), epoll_ctl(EPOLL_CTL_ADD, 5, EPOLLIN).
QString listChange(const Action &a, Backend backend);

/// The headless line of one tick: number, call, result, then the actions.
QString tickLine(const Trace &trace, qsizetype index, const QStringList &clientNames = {});
/// The same line appended to `line` as UTF-8, as --serve writes it to stdout: no UTF-16
/// round trip and, with a buffer kept between ticks, no allocation per tick.
void appendTickLine(std::string &line, const Trace &trace, qsizetype index,
                    const QStringList &clientNames = {});

} // namespace format

/// The stable name (L0, conn:A, client:A…) of fd as it was at tick index i.
QString socketNameAt(const Trace &trace, qsizetype i, int fd);

} // namespace mux
