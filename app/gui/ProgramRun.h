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
/// Every tick is kept: the window makes at most one tick per step (50 a second at the fastest
/// run speed), and the log and timeline read history from tick 0, which a trimmed trace lacks.
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

    /// Lets the program make the call it is held before; false when it is not held.
    bool step();
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
