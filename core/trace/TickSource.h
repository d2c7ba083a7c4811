#pragma once

#include "trace/Trace.h"

#include <QObject>
#include <QString>

namespace mux {

/// Where ticks come from. Everything above the trace (the window's panes, history, the syscall
/// log, export, the headless lines) reads a TickSource and never asks which kind it is:
///   - the Engine stepping a built-in lesson program (core/engine), and
///   - a real process whose select/poll/epoll calls are intercepted and held (core/exec).
///
/// The contract, the same for both:
///   - trace() holds every tick recorded so far, tick 0 first; a source only ever appends.
///   - requestStep() asks for one more tick. The engine makes it before returning; a traced
///     process makes it when the program reaches its next multiplexing call, which may be
///     later or never (it exits). Either way tickRecorded() says when the tick is in trace().
///   - finished() is emitted once, when no further tick can come (the program exited, crashed
///     or was stopped); `why` is one sentence for the learner. A lesson that reached its last
///     scripted tick is not finished: a learner may keep stepping.
class TickSource : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;
    ~TickSource() override = default;

    virtual const Trace &trace() const = 0;
    /// False once finished(), or while a requested tick has not arrived yet.
    virtual bool canStep() const = 0;
    virtual void requestStep() = 0;

signals:
    void tickRecorded(quint32 tick);
    void finished(const QString &why);
};

} // namespace mux
