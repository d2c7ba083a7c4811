#pragma once

#include <QHash>
#include <QList>
#include <QString>

namespace mux {

/// When each conn that started something (a frame, a login, an upload) must have finished it,
/// in engine time: a slow or idle client cannot hold a slot forever.
class Deadlines {
public:
    struct Deadline {
        qint64 atMs = 0;      ///< engine time at which it passes
        const char *why = ""; ///< the untranslated sentence, %1 = seconds
        double seconds = 0;   ///< the deadline's length
        QString english() const { return QString::fromUtf8(why).arg(seconds); }
    };

    /// Starts fd's deadline `ms` from `nowMs`; one already running is kept.
    void set(int fd, qint64 nowMs, int ms, const char *why);
    void clear(int fd) { m_byFd.remove(fd); }
    const QHash<int, Deadline> &all() const { return m_byFd; }
    Deadline value(int fd) const { return m_byFd.value(fd); }
    /// Milliseconds from `nowMs` until the earliest deadline (0 if one has passed), -1 with none.
    qint64 msToNext(qint64 nowMs) const;
    /// The fds whose deadline has passed at `nowMs`, ascending: the same order on every run.
    QList<int> due(qint64 nowMs) const;

private:
    QHash<int, Deadline> m_byFd;
};

} // namespace mux
