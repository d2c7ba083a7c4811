#pragma once

#include "exec/TracedProcess.h"

#include <QObject>

#include <memory>

namespace gui {

/// A real program the window steps instead of a lesson: its command and working directory, and
/// the TracedProcess running it now. Restart stops that process and starts the command again
/// with an empty trace. The program is held before each multiplexing call; step() lets it make
/// that call, and the tick arrives later through tickRecorded(), never by blocking.
///
/// At full speed the program runs freely (runFreely) and makes thousands of ticks a second, so
/// the trace keeps only the newest kKeepTicks, as `--serve` does; holdAgain() holds it again at
/// its next call. The log and timeline start at the trace's firstKept().
class ProgramRun : public QObject {
    Q_OBJECT
public:
    ProgramRun(mux::exec::Command command, QString workingDir, QObject *parent = nullptr);
    ~ProgramRun() override;

    /// Starts (or restarts) the program. An error is one sentence.
    mux::Result<void> start();
    void stop();

    const mux::Trace &trace() const { return m_process->trace(); }
    const mux::exec::TracedProcess &process() const { return *m_process; }
    const mux::exec::Command &command() const { return m_command; }
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
    /// Full speed: the program makes its calls without waiting; every one is still a tick.
    void runFreely();
    /// Holds a program running freely before its next call (stateChanged() when held).
    void holdAgain();
    bool runsFreely() const
    {
        return m_process->state() == mux::exec::TracedProcess::State::Running;
    }
    bool isHeld() const { return m_process->isHeld(); }
    bool isFinished() const { return m_process->isFinished(); }
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
    mux::exec::Command m_command;
    QString m_workingDir;
    bool m_silent = false;
    std::unique_ptr<mux::exec::TracedProcess> m_process;
};

} // namespace gui
