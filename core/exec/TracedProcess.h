#pragma once

#include "Launch.h"
#include "ProgramFds.h"
#include "Records.h"
#include "TickBuilder.h"
#include "trace/TickSource.h"

#include <QByteArray>
#include <QJsonObject>
#include <QProcess>
#include <QTimer>

#include <functional>
#include <memory>

class QSocketNotifier;

namespace mux::exec {

/// A real program run with libmuxtrace.so preloaded: the second TickSource beside the Engine.
/// Its select/poll/epoll calls become ticks (TickBuilder); in step mode the program is held
/// before each multiplexing call until requestStep().
///
/// The program runs in its own process group with PR_SET_PDEATHSIG, and the library gives the
/// same to everything it forks or runs: when this object is destroyed, stop() is called, or
/// muxlab dies (SIGKILL included), the program and all it started die too.
class TracedProcess : public TickSource {
    Q_OBJECT
public:
    struct Options {
        bool step = true;        ///< hold before each multiplexing call (else run freely)
        qsizetype keepTicks = 0; ///< keep only the newest N ticks (0: all)
        QString workingDir;
        bool forwardInput = false; ///< the program reads muxlab's stdin (else it has none)
        int silentMs = 5000;       ///< after this long with no multiplexing call, silent()
        /// In step mode: read why each of the program's sockets is ready (bytes waiting, backlog,
        /// TCP state) through duplicates of its descriptors, at the call and at the tick's end,
        /// as the engine does. Left to the hook when one is set (setBeforeTickClosed).
        bool probe = true;
        /// A blocking socket call that would wait (accept, recv…) is first waited for by the
        /// library with select on that descriptor, as a tick (MT_ENV_BLOCKING): a program with
        /// no multiplexing call of its own can then be stepped.
        bool blockingCallsAreTicks = false;
    };
    TracedProcess(Command command, Options options, QObject *parent = nullptr);
    ~TracedProcess() override;

    /// Starts the program. An error is one sentence (the library missing, fork failing).
    Result<void> start();
    /// Kills the program and everything in its process group, and reaps it.
    void stop();

    const Trace &trace() const override { return m_trace; }
    bool canStep() const override { return m_held && !m_finished; }
    void requestStep() override;
    /// Lets the program run freely from now on (no more holding).
    void runFreely();
    /// Holds a program that runs freely again: it is held before its next multiplexing call
    /// (held() then), after the calls it made meanwhile have arrived as ticks. The library looks
    /// for the request every few milliseconds, so a program calling often is held within tens
    /// of milliseconds; one blocked in a call is held when that call returns.
    void holdAgain();

    /// Where the program is, for the window's buttons and the tests.
    enum class State {
        InCall,   ///< stepped (or starting): in its call or on its way to the next one
        Held,     ///< held before a multiplexing call until requestStep()
        Running,  ///< running freely: every call reported, none waits
        Holding,  ///< holdAgain() asked; held at its next call
        Finished, ///< exited, crashed or stopped
    };
    State state() const;

    const Command &command() const { return m_command; }
    qint64 pid() const { return m_pid; }
    bool isHeld() const { return m_held; }
    bool isFinished() const { return m_finished; }
    /// FILE:LINE of the call the program is held before (Python programs), or "".
    QString heldSource() const { return m_builder.pendingSource(); }
    /// "FILE:LINE" of the call of tick index i (Python programs), or "".
    QString sourceAt(qsizetype i) const { return m_builder.sourceAt(i); }
    /// The trace as JSON, each tick with its "source" line where it has one.
    QJsonObject toJson() const;
    Result<void> save(const QString &path) const;
    /// Whether the program made any multiplexing call.
    bool sawCall() const { return m_builder.sawCall(); }
    /// The program's exit: normal exit with its code, or the signal that ended it.
    bool crashed() const { return m_crashed; }
    int exitCode() const { return m_exitCode; }
    /// The last lines the program wrote (stdout and stderr, as they came), at most ~16 KB.
    QByteArray outputTail() const { return m_tail; }
    /// Why the run ended, one sentence in the application's language (also given by
    /// finished()); "" while it runs.
    QString why() const;

    /// The ticks as they are built: a scripted run (ScriptedRun) adds its clients' actions,
    /// names and probes to the tick being built.
    TickBuilder &builder() { return m_builder; }
    /// Called just before the builder closes a tick: when the program is held before its next
    /// call (ended false: the tick's handling is complete, and in step mode isHeld() is already
    /// true), or when it ended. A scripted run lets its clients read what the program sent
    /// here, so their reads belong to the tick that caused them.
    void setBeforeTickClosed(std::function<void(bool ended)> hook)
    {
        m_beforeTickClosed = std::move(hook);
    }

signals:
    /// The program is held before a multiplexing call (step mode).
    void held();
    /// The program wrote to stdout or stderr.
    void output(const QByteArray &bytes);
    /// The program has run options.silentMs without a single multiplexing call.
    void silent();

private:
    void readChannel();
    void onFinished(int code, QProcess::ExitStatus status);
    void onOutput(QProcess::ProcessChannel channel);
    void killGroup();

    Command m_command;
    Options m_options;
    Trace m_trace;
    TickBuilder m_builder{m_trace};
    RecordReader m_reader;
    QProcess m_process;
    int m_chan = -1;  ///< our end of the socketpair
    int m_child = -1; ///< the program's end, closed here once it started
    QSocketNotifier *m_notifier = nullptr;
    QTimer m_silentTimer;
    qint64 m_pid = -1;
    bool m_held = false;
    bool m_holdAsked = false; ///< holdAgain() sent the hold byte; not held yet
    bool m_finished = false;
    bool m_stopping = false;
    bool m_crashed = false;
    int m_exitCode = 0;
    QByteArray m_tail;
    std::function<void(bool ended)> m_beforeTickClosed;
    ProgramFds m_fds;
    QHash<int, SocketProbe> m_lastProbes;
    QList<SocketProbe> m_atCall;
    bool m_wasStopped = false; ///< ended by stop(), not on its own
};

} // namespace mux::exec
