#include "Session.h"

#include "ProgramRun.h"
#include "lesson/LessonFiles.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

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
    if (!m_program || on == m_programFree || (on && !m_program->canRunFreely()))
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

void Session::clearForProgram()
{
    stopRuns();
    // A loaded trace, and the clients and ops the user gave the run before, belong to that run.
    m_loaded.reset();
    m_loadedLesson.reset();
    m_traceName.clear();
    m_userOps.clear();
    m_extraClients.clear();
    m_pending.clear();
    m_portsMoved = false;
    m_portRetries = 0;
}

bool Session::openProgram(const mux::exec::Command &command, const QString &workingDir)
{
    clearForProgram();
    adoptProgram(std::make_unique<ProgramRun>(command, workingDir));
    return startProgram();
}

void Session::adoptProgram(std::unique_ptr<ProgramRun> program)
{
    m_program = std::move(program);
    connect(m_program.get(), &ProgramRun::tickRecorded, this, &Session::onTick);
    connect(m_program.get(), &ProgramRun::finished, this, [this] {
        // Another program took the free port between muxlab's check and the program's bind:
        // start it again on others (a few times), as the command line does.
        if (m_program->portWasTaken() && m_portRetries < 4) {
            ++m_portRetries;
            QTimer::singleShot(0, this, [this] {
                if (m_program && m_program->portWasTaken())
                    startProgram();
            });
            return;
        }
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
}

bool Session::startProgram()
{
    m_programFree = false;
    m_programHolding = false;
    m_shownFirstKept = 0;
    m_frame->stop();
    m_snapshotStale = true;
    m_cursor = -1;
    m_pending.clear();
    const auto started = m_program->start();
    emit sessionReset();
    emit cursorChanged(m_cursor);
    emit pendingChanged();
    emit programChanged();
    flushNotices();
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

void Session::stepProgram()
{
    if (!m_pending.isEmpty()) {
        for (const mux::ClientOp &op : std::as_const(m_pending))
            m_program->run().queue(op);
        m_pending.clear();
        emit pendingChanged();
        // Already in its call (a select with no timeout waits for them): they act now, and
        // the call returns with what they did.
        if (!m_program->isHeld()) {
            m_program->run().actNow();
            return;
        }
    }
    m_program->step(); // not held: it is in a call or has ended; the tick comes or never will
}

QString Session::programRefusesOp(const mux::ClientOp &op) const
{
    if (m_programFree)
        return tr("Simulated clients act between the program's calls: pause it first (or pick "
                  "a speed below full speed).");
    if (m_program->isFinished())
        return tr("The program has ended: restart it to let a client act.");
    if (op.kind == mux::ClientOp::Connect && !m_program->run().listenerAt(op.listener))
        return tr("The program has no listening socket (yet), so a simulated client has "
                  "nothing to connect to; connect a real client if it connects out instead.");
    return {};
}

bool Session::runsLessonProgram() const
{
    return m_program && m_program->lesson();
}

QString Session::pythonProgramFile(const mux::Lesson &lesson)
{
    if (lesson.pythonFile.isEmpty())
        return {};
    const QString folder = QFileInfo(lesson.path).dir().dirName();
    return mux::lessonFile(folder + QLatin1Char('/') + lesson.pythonFile);
}

QString Session::pythonRefusal(const mux::Lesson &lesson)
{
    if (lesson.pythonFile.isEmpty())
        return tr("This lesson has no Python program of its own.");
    // A blocking server never calls select, poll or epoll: without "python_blocking" (its
    // blocking calls waited for as ticks) there is no call to hold it at.
    if (lesson.program == QLatin1String("blocking") && !lesson.pythonBlocking)
        return tr("This lesson's Python program is a blocking server: it makes no select, poll "
                  "or epoll call, so there is no tick to stop it at.");
    const QString file = pythonProgramFile(lesson);
    if (file.isEmpty() || !QFileInfo::exists(file))
        return tr("This lesson's Python program %1 is not found beside the lesson.")
            .arg(lesson.pythonFile);
    if (!QFileInfo::exists(QStringLiteral("/usr/bin/python3")) &&
        QStandardPaths::findExecutable(QStringLiteral("python3")).isEmpty())
        return tr("python3 is not installed, so the lesson's Python program cannot run.");
    return {};
}

void Session::setServer(Server server)
{
    if (server == m_server)
        return;
    m_server = server;
    emit serverChanged(server);
    if (const mux::Lesson *l = lesson(); l && (m_run || m_program)) {
        const mux::Lesson copy = *l;
        const mux::Backend b = backend();
        m_userOps.clear();
        m_pending.clear();
        m_extraClients.clear();
        startLesson(copy, b);
    }
}

bool Session::startLesson(const mux::Lesson &lesson, mux::Backend backend)
{
    if (m_server == Server::Python) {
        const QString why = pythonRefusal(lesson);
        if (why.isEmpty())
            return startLessonProgram(lesson, backend);
        m_deferredNotices << tr("%1 It runs on muxlab's server instead.").arg(why);
    }
    return startRun(lesson, backend, 0);
}

bool Session::startLessonProgram(const mux::Lesson &lesson, mux::Backend backend)
{
    clearForProgram();
    adoptProgram(std::make_unique<ProgramRun>(lesson, pythonProgramFile(lesson), backend));
    if (startProgram())
        return true;
    if (m_program->run().started()) // it ran and failed: its output shows why
        return false;
    closeProgram();
    return startRun(lesson, backend, 0);
}

} // namespace gui
