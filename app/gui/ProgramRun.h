#pragma once

#include "exec/ScriptedRun.h"

#include <QObject>

#include <memory>
#include <optional>

namespace gui {

/// A real program the window steps, traced: either a program of the learner's own (its command
/// and working directory), or a lesson's own Python program playing the lesson's script (the
/// lesson run on "the Python program" instead of muxlab's server). Both run as a ScriptedRun,
/// so simulated clients act on either with the engine's settle rules. Restart stops the process
/// and starts it again with an empty trace. The program is held before each multiplexing call;
/// step() lets it make that call, and the tick arrives later through tickRecorded(), never by
/// blocking.
///
/// At full speed a learner's program runs freely (runFreely) and makes thousands of ticks a
/// second, so the trace keeps only the newest kKeepTicks, as `--serve` does; holdAgain() holds
/// it again at its next call. The log and timeline start at the trace's firstKept(). A lesson's
/// program is only stepped: its script's clients act between calls.
class ProgramRun : public QObject {
    Q_OBJECT
public:
    ProgramRun(mux::exec::Command command, QString workingDir, QObject *parent = nullptr);
    /// The lesson's Python program `programFile` on `backend` (the lesson's python_args for it).
    ProgramRun(const mux::Lesson &lesson, const QString &programFile, mux::Backend backend,
               QObject *parent = nullptr);
    ~ProgramRun() override;

    /// Starts (or restarts) the program. An error is one sentence.
    mux::Result<void> start();
    void stop();

    const mux::Trace &trace() const { return m_run->trace(); }
    const mux::exec::TracedProcess &process() const { return m_run->process(); }
    /// The run: its simulated clients, the ops queued for them, the program's listeners.
    mux::exec::ScriptedRun &run() { return *m_run; }
    const mux::exec::ScriptedRun &run() const { return *m_run; }
    /// The lesson whose script this run plays, or null for a learner's own program.
    const mux::Lesson *lesson() const { return m_lesson ? &*m_lesson : nullptr; }
    mux::Backend lessonBackend() const { return m_backend; }
    const mux::exec::Command &command() const;
    QString workingDir() const { return m_workingDir; }
    /// The script's or the executable's file name.
    QString name() const;
    /// The command as a learner would type it (arguments quoted where a shell needs it).
    QString commandLine() const;

    /// The newest ticks kept: the same figure as `--serve`, a few seconds of a program calling
    /// select ten thousand times a second, some tens of MB; a stepped program never reaches it.
    static constexpr qsizetype kKeepTicks = 65536;

    /// Lets the program make the call it is held before; false when it is not held.
    bool step();
    /// Full speed (a learner's program only): it makes its calls without waiting; every one is
    /// still a tick.
    void runFreely();
    bool canRunFreely() const { return !m_lesson; }
    /// Holds a program running freely before its next call (stateChanged() when held).
    void holdAgain();
    bool runsFreely() const
    {
        return m_run->started() &&
               m_run->process().state() == mux::exec::TracedProcess::State::Running;
    }
    bool isHeld() const { return m_run->started() && m_run->process().isHeld(); }
    /// Ended, or never started.
    bool isFinished() const { return !m_run->started() || m_run->process().isFinished(); }
    /// It ended before its first call because its free port was taken meanwhile
    /// (ScriptedRun::portWasTaken): start() again finds other ports.
    bool portWasTaken() const { return m_run->started() && m_run->portWasTaken(); }
    /// No multiplexing call yet after the silent delay.
    bool isSilent() const { return m_silent; }

    /// The file to show for tick index i: the FILE of its FILE:LINE source, else the script.
    QString fileAt(qsizetype i) const;
    /// The line of tick index i in fileAt(i) (1-based), or 0 when the call carries none.
    int lineAt(qsizetype i) const;
    /// The line the program's traceback names last in `file` (1-based), or 0.
    int failingLine(const QString &file) const;

signals:
    void tickRecorded(quint32 tick);
    /// Held, running, output, silent, finished: what a pane shows about the program changed.
    void stateChanged();
    void finished(const QString &why);

private:
    void makeRun();

    mux::exec::ScriptedRun::Options m_options;
    std::optional<mux::Lesson> m_lesson;
    mux::Backend m_backend = mux::Backend::Select;
    QString m_workingDir;
    bool m_silent = false;
    std::unique_ptr<mux::exec::ScriptedRun> m_run;
};

} // namespace gui
