#include "Session.h"

#include "ProgramRun.h"
#include "share/ClientNames.h"

#include <QCoreApplication>
#include <QFileInfo>

#include <utility>

namespace gui {

namespace {
/// A frame at full speed: the panes repaint about 30 times a second, whatever the tick rate.
constexpr int kFrameMs = 33;
} // namespace

Session::Session(QObject *parent) : QObject(parent)
{
    m_frame = new QTimer(this);
    m_frame->setSingleShot(true);
    m_frame->setInterval(kFrameMs);
    connect(m_frame, &QTimer::timeout, this, &Session::flushFreeTicks);
}

Session::~Session() = default;

const mux::Trace *Session::trace() const
{
    if (m_run)
        return &m_run->engine().trace();
    if (m_program) // a lesson's program that could not start has no trace
        return m_program->run().started() ? &m_program->trace() : nullptr;
    if (m_loaded)
        return &*m_loaded;
    return nullptr;
}

const mux::Lesson *Session::lesson() const
{
    if (m_run)
        return &m_run->lesson();
    if (m_program)
        return m_program->lesson();
    if (m_loadedLesson)
        return &*m_loadedLesson;
    return nullptr;
}

mux::Backend Session::backend() const
{
    const mux::Trace *t = trace();
    if (runsLessonProgram() && (!t || t->isEmpty())) // before its first call
        return m_program->lessonBackend();
    return t ? t->backend : mux::Backend::Select;
}

QStringList Session::clientNames() const
{
    if (m_run)
        return m_run->engine().clientNames();
    if (m_program)
        return m_program->run().clientNames();
    return m_loaded ? m_loadedClients : QStringList();
}

QString Session::title() const
{
    if (m_run)
        return m_run->lesson().id;
    if (m_program)
        return m_program->lesson() ? m_program->lesson()->id : m_program->name();
    return m_traceName;
}

const TickSnapshot &Session::snapshot() const
{
    const mux::Trace *t = trace();
    const bool valid = t && m_cursor >= 0 && m_cursor < t->size();
    if (m_snapshotStale || m_snapshot.index != (valid ? m_cursor : -1)) {
        m_snapshot = valid ? TickSnapshot::build(*t, m_cursor) : TickSnapshot();
        m_snapshotStale = false;
    }
    return m_snapshot;
}

bool Session::programEnded() const
{
    return m_program && m_program->isFinished();
}

bool Session::isLive() const
{
    return (m_run || m_program) && atEnd();
}

void Session::setLang(const QString &lang)
{
    if (lang == m_lang)
        return;
    m_lang = lang;
    emit langChanged(lang);
}

bool Session::openTrace(const QString &path)
{
    auto loaded = mux::Trace::load(path);
    if (!loaded) {
        emit errorRaised(tr("\"%1\" could not be opened as a muxlab trace: %2")
                             .arg(QFileInfo(path).fileName(), loaded.error().text));
        return false;
    }
    if (loaded->isEmpty()) {
        emit errorRaised(tr("\"%1\" holds no ticks, so there is nothing to show.")
                             .arg(QFileInfo(path).fileName()));
        return false;
    }
    stopRuns();
    m_snapshotStale = true;
    m_portsMoved = false;
    m_loaded = std::move(*loaded);
    m_loadedLesson.reset();
    if (auto l = mux::findLesson(m_loaded->lessonId))
        m_loadedLesson = std::move(*l);
    m_traceName = QFileInfo(path).fileName();
    // Clients by index as the run named them: the lesson's, then those the user added, named
    // as the trace keeps them on their sockets (its starting state's included), or as the
    // window named them where their sockets are not the traced program's.
    m_loadedClients = mux::share::clientNamesIn(*m_loaded, m_loadedLesson ? m_loadedLesson->clients
                                                                          : QStringList());
    if (m_loadedLesson)
        m_loadedLesson->clients = m_loadedClients;
    m_userOps.clear();
    m_extraClients.clear();
    m_pending.clear();
    m_cursor = m_loaded->firstKept(); // a trace that kept only its newest ticks starts there
    emit sessionReset();
    emit cursorChanged(m_cursor);
    emit pendingChanged();
    return true;
}

void Session::setCursor(qsizetype index)
{
    if (isEmpty())
        return;
    // A program at full speed keeps only the newest ticks: the older ones cannot be shown.
    index = std::clamp<qsizetype>(index, trace()->firstKept(), trace()->size() - 1);
    if (index == m_cursor)
        return;
    m_cursor = index;
    emit cursorChanged(m_cursor);
}

void Session::stepForward()
{
    if (m_programFree) { // Step at full speed holds the program at its next call
        setProgramFree(false);
        return;
    }
    if (isEmpty())
        return;
    if (!atEnd()) {
        setCursor(m_cursor + 1);
        return;
    }
    if (m_program) {
        stepProgram();
        return;
    }
    if (!m_run) {
        emit noticeRaised(tr("This is the last tick of the saved trace."));
        return;
    }
    if (m_frozen) {
        emit noticeRaised(tr("The server is frozen while students connect: their connections wait "
                             "in the accept queue. Unfreeze it to run the next tick."));
        return;
    }
    for (const mux::ClientOp &op : std::as_const(m_pending)) {
        m_userOps.append({m_run->engine().tickCount() + 1, op});
        m_run->engine().queue(op);
    }
    const bool hadPending = !m_pending.isEmpty();
    m_pending.clear();
    m_run->engine().step();
    m_cursor = trace()->size() - 1;
    emit cursorChanged(m_cursor);
    if (hadPending)
        emit pendingChanged();
}

void Session::stepBack()
{
    if (m_cursor > 0 && m_cursor > trace()->firstKept())
        setCursor(m_cursor - 1);
}

void Session::goLive()
{
    if (!isEmpty())
        setCursor(trace()->size() - 1);
}

void Session::queueOp(const mux::ClientOp &op)
{
    if (m_program) {
        if (const QString why = programRefusesOp(op); !why.isEmpty()) {
            emit errorRaised(why);
            return;
        }
    } else if (!m_run) {
        emit errorRaised(
            tr("A saved trace is only for browsing; open a lesson to act as a client."));
        return;
    }
    m_pending.append(op);
    emit pendingChanged();
}

QString Session::addClient()
{
    if (m_program && !m_program->run().started()) {
        emit errorRaised(tr("The program is not running: restart it to add a client."));
        return {};
    }
    if (!m_run && !m_program) {
        emit errorRaised(tr("A saved trace is only for browsing; open a lesson to add a client."));
        return {};
    }
    const QString name = mux::share::nextClientName(clientNames());
    if (m_program) { // a restart keeps it (ProgramRun::start)
        m_program->run().addClient(name);
    } else {
        m_run->engine().addClient(name);
        m_extraClients.append(name);
    }
    emit pendingChanged();
    return name;
}

const std::vector<std::unique_ptr<mux::SimClient>> *Session::simClients() const
{
    if (m_run)
        return &m_run->engine().clients();
    if (m_program)
        return &m_program->run().clients();
    return nullptr;
}

bool Session::takesClientOps() const
{
    return m_run || (m_program && m_program->run().started() && !m_programFree);
}

} // namespace gui
