#include "Session.h"

#include "ProgramRun.h"

namespace gui {

void Session::onTick(quint32)
{
    if (m_programFree || m_programHolding) { // gathered into the next frame
        // Unless the trace just dropped its oldest ticks: the panes must let go of them now,
        // before anything paints them.
        if (trace()->firstKept() != m_shownFirstKept) {
            m_frame->stop();
            flushFreeTicks();
        } else if (!m_frame->isActive()) {
            m_frame->start();
        }
        return;
    }
    if (m_frame->isActive()) { // held again: the last frame's ticks first
        m_frame->stop();
        flushFreeTicks();
    }
    const qsizetype last = trace()->size() - 1;
    // A program's tick comes after the step that let it run: the cursor follows it when it
    // was on the newest tick (or on none yet), and stays where the learner went back to.
    const bool follow = m_program && m_cursor >= last - 1;
    emit tickAppended(last);
    if (follow) {
        m_cursor = last;
        emit cursorChanged(m_cursor);
    }
}

void Session::flushFreeTicks()
{
    if (isEmpty())
        return;
    const qsizetype last = trace()->size() - 1;
    m_shownFirstKept = trace()->firstKept();
    emit tickAppended(last);
    if (m_cursor != last) { // at full speed the view shows the newest tick
        m_cursor = last;
        emit cursorChanged(m_cursor);
    }
}

void Session::setProgramFree(bool on)
{
    if (!m_program || on == m_programFree)
        return;
    m_programFree = on;
    if (on) {
        m_program->runFreely();
        return;
    }
    // The calls it made before the hold took effect still arrive: a frame at a time too, and
    // all of them once it is held.
    m_programHolding = true;
    m_program->holdAgain();
}

bool Session::openProgram(const mux::exec::Command &command, const QString &workingDir)
{
    if (m_run) {
        disconnect(&m_run->engine(), nullptr, this, nullptr);
        m_run.reset();
    }
    closeProgram();
    m_loaded.reset();
    m_loadedLesson.reset();
    m_traceName.clear();
    m_userOps.clear();
    m_extraClients.clear();
    m_pending.clear();
    m_portsMoved = false;
    m_program = std::make_unique<ProgramRun>(command, workingDir);
    connect(m_program.get(), &ProgramRun::tickRecorded, this, &Session::onTick);
    connect(m_program.get(), &ProgramRun::finished, this, [this] {
        m_programFree = false;
        m_programHolding = false;
        if (m_frame->isActive()) {
            m_frame->stop();
            flushFreeTicks();
        }
    });
    connect(m_program.get(), &ProgramRun::stateChanged, this, [this] {
        if (m_programHolding && (m_program->isHeld() || m_program->isFinished())) {
            m_programHolding = false;
            m_frame->stop();
            flushFreeTicks();
        }
    });
    connect(m_program.get(), &ProgramRun::stateChanged, this, &Session::programChanged);
    return startProgram();
}

bool Session::startProgram()
{
    m_programFree = false;
    m_programHolding = false;
    m_shownFirstKept = 0;
    m_frame->stop();
    m_snapshotStale = true;
    m_cursor = -1;
    const auto started = m_program->start();
    emit sessionReset();
    emit cursorChanged(m_cursor);
    emit pendingChanged();
    emit programChanged();
    if (!started) {
        emit errorRaised(tr("%1 could not start: %2").arg(m_program->name(), started.error().text));
        return false;
    }
    return true;
}

void Session::closeProgram()
{
    if (!m_program)
        return;
    disconnect(m_program.get(), nullptr, this, nullptr);
    m_programFree = false;
    m_programHolding = false;
    m_frame->stop();
    m_program.reset(); // stops the program and everything it started
}

} // namespace gui
