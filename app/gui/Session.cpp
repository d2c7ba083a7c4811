#include "Session.h"

#include "ProgramRun.h"
#include "net/Interfaces.h"
#include "programs/ProgramFactory.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonArray>

#include <cerrno>
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
    if (m_program)
        return &m_program->trace();
    if (m_loaded)
        return &*m_loaded;
    return nullptr;
}

const mux::Lesson *Session::lesson() const
{
    if (m_run)
        return &m_run->lesson();
    if (m_loadedLesson)
        return &*m_loadedLesson;
    return nullptr;
}

mux::Backend Session::backend() const
{
    const mux::Trace *t = trace();
    return t ? t->backend : mux::Backend::Select;
}

QStringList Session::clientNames() const
{
    if (m_run)
        return m_run->engine().clientNames();
    if (m_loadedLesson)
        return m_loadedLesson->clients;
    return {};
}

QString Session::title() const
{
    if (m_run)
        return m_run->lesson().id;
    if (m_program)
        return m_program->name();
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
    return m_run && atEnd();
}

void Session::setLang(const QString &lang)
{
    if (lang == m_lang)
        return;
    m_lang = lang;
    emit langChanged(lang);
}

bool Session::openLesson(const QString &id, mux::Backend backend)
{
    auto lesson = mux::findLesson(id);
    if (!lesson) {
        emit errorRaised(tr("There is no lesson called \"%1\".").arg(id));
        return false;
    }
    if (!lesson->backends.contains(backend)) {
        const mux::Backend first = lesson->backends.value(0, mux::Backend::Select);
        m_deferredNotices << tr("The lesson \"%1\" does not run on %2, so it runs on %3.")
                                 .arg(id, mux::backendName(backend), mux::backendName(first));
        backend = first;
    }
    m_extraClients.clear();
    m_userOps.clear();
    m_pending.clear();
    return startRun(*lesson, backend, 0);
}

bool Session::setBackend(mux::Backend backend)
{
    const mux::Lesson *l = lesson();
    if (!l) {
        emit errorRaised(
            tr("Open a lesson first: a saved trace keeps the backend it was recorded on."));
        return false;
    }
    if (!l->backends.contains(backend)) {
        emit errorRaised(
            tr("The lesson \"%1\" does not run on %2.").arg(l->id, mux::backendName(backend)));
        return false;
    }
    const mux::Lesson copy = *l;
    m_userOps.clear();
    m_pending.clear();
    return startRun(copy, backend, 0);
}

bool Session::replayTo(qsizetype index)
{
    if (m_program) // a program cannot be replayed to a tick: it runs again from its start
        return startProgram();
    const mux::Lesson *l = lesson();
    if (!l || !m_run) {
        if (l)
            return setBackend(backend());
        emit errorRaised(tr("A saved trace cannot be replayed; open its lesson to run it again."));
        return false;
    }
    const mux::Lesson copy = *l;
    const quint32 upTo = index >= 0 && index < trace()->size() ? trace()->at(index).tick : 0;
    // Ops after the target tick belong to a future that the replay throws away.
    QList<UserOp> kept;
    for (const UserOp &u : std::as_const(m_userOps))
        if (u.tick <= upTo)
            kept.append(u);
    m_userOps = kept;
    m_pending.clear();
    return startRun(copy, backend(), index);
}

bool Session::startRun(const mux::Lesson &lesson, mux::Backend backend, qsizetype replayTo)
{
    // The old run's listeners close before the new ones bind: were both open at once, every
    // second restart would find the lesson's own port taken by the run it replaces.
    if (m_run) {
        disconnect(&m_run->engine(), nullptr, this, nullptr);
        m_run.reset();
    }
    closeProgram();
    m_snapshotStale = true;
    m_portsMoved = false;
    mux::Engine::Options options;
    options.backend = backend;
    options.host = m_bindAddress;
    options.basePort = m_useLessonPorts ? mux::defaultBasePort(lesson.params) : 0;
    auto run = std::make_unique<mux::LessonRun>(lesson, options);
    auto started = run->start();
    if (!started && started.error().err == EADDRINUSE && options.basePort != 0) {
        m_deferredNotices << tr("Port %1 is already in use (is another muxlab or server running?), "
                                "so the lesson listens on ports the system chose instead.")
                                 .arg(options.basePort);
        options.basePort = 0;
        run = std::make_unique<mux::LessonRun>(lesson, options);
        started = run->start();
        m_portsMoved = bool(started);
    }
    if (!started) {
        // Nothing runs now: the panes show an empty window rather than the closed run.
        m_cursor = -1;
        emit sessionReset();
        emit cursorChanged(m_cursor);
        flushNotices();
        emit errorRaised(tr("The lesson \"%1\" could not start its server: %2")
                             .arg(lesson.id, started.error().text));
        return false;
    }
    applyExternalPolicy(run->engine());
    for (const QString &name : std::as_const(m_extraClients))
        run->engine().addClient(name);
    for (const UserOp &u : std::as_const(m_userOps))
        run->engine().schedule(u.tick, u.op);

    m_loaded.reset();
    m_loadedLesson.reset();
    m_traceName.clear();
    m_run = std::move(run);
    m_cursor = 0;
    const qsizetype target = replayTo;
    while (m_run->engine().trace().size() <= target)
        m_run->engine().step();
    m_cursor = m_run->engine().trace().size() - 1;
    connect(&m_run->engine(), &mux::Engine::tickRecorded, this, &Session::onTick);
    emit sessionReset();
    emit cursorChanged(m_cursor);
    emit pendingChanged();
    flushNotices();
    return true;
}

QList<quint16> Session::documentedPorts() const
{
    const mux::Lesson *l = lesson();
    if (!l)
        return {};
    QList<quint16> ports;
    for (const QJsonValue &v : l->params.value(QStringLiteral("ports")).toArray())
        ports.append(quint16(v.toInt()));
    if (ports.isEmpty())
        if (const quint16 base = mux::defaultBasePort(l->params))
            ports.append(base);
    return ports;
}

QList<mux::net::Endpoint> Session::listeners() const
{
    return m_run ? m_run->engine().server().listenAddresses() : QList<mux::net::Endpoint>();
}

void Session::flushNotices()
{
    const QStringList notices = std::exchange(m_deferredNotices, {});
    for (const QString &n : notices)
        emit noticeRaised(n);
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
    m_run.reset();
    closeProgram();
    m_snapshotStale = true;
    m_portsMoved = false;
    m_loaded = std::move(*loaded);
    m_loadedLesson.reset();
    if (auto l = mux::findLesson(m_loaded->lessonId))
        m_loadedLesson = std::move(*l);
    m_traceName = QFileInfo(path).fileName();
    // Clients by index as the run named them: the lesson's, then those the user added, whose
    // names the trace keeps on their sockets ("client:C"), so "client C" stays "client C".
    QStringList clients = m_loadedLesson ? m_loadedLesson->clients : QStringList();
    for (qsizetype i = m_loaded->firstKept(); i < m_loaded->size(); ++i)
        for (const mux::Action &a : m_loaded->at(i).actions) {
            if (a.actor != mux::Action::Actor::Client || a.call != mux::Action::Call::Connect ||
                a.fd < 0 || a.client < 0)
                continue;
            const QString socket = m_loaded->socketsAt(i).value(a.fd).name;
            if (!socket.startsWith(QLatin1String("client:")))
                continue;
            while (clients.size() <= a.client)
                clients.append(QString::number(clients.size()));
            clients[a.client] = socket.mid(7);
        }
    if (m_loadedLesson)
        m_loadedLesson->clients = clients;
    m_userOps.clear();
    m_extraClients.clear();
    m_pending.clear();
    m_cursor = m_loaded->firstKept(); // a trace that kept only its newest ticks starts there
    emit sessionReset();
    emit cursorChanged(m_cursor);
    emit pendingChanged();
    return true;
}

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
        m_program->step(); // not held: it is in a call or has ended; the tick comes or never will
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
        emit errorRaised(tr("Simulated clients act only in lessons. Connect a real client to "
                            "the program instead (Lesson ▸ Connect a client…)."));
        return;
    }
    if (!m_run) {
        emit errorRaised(
            tr("A saved trace is only for browsing; open a lesson to act as a client."));
        return;
    }
    m_pending.append(op);
    emit pendingChanged();
}

QString Session::addClient()
{
    if (m_program) {
        emit errorRaised(tr("Simulated clients act only in lessons. Connect a real client to "
                            "the program instead (Lesson ▸ Connect a client…)."));
        return {};
    }
    if (!m_run) {
        emit errorRaised(tr("A saved trace is only for browsing; open a lesson to add a client."));
        return {};
    }
    const QStringList names = clientNames();
    QString name;
    for (int i = 0; i < 26 * 27 && name.isEmpty(); ++i) {
        const QString candidate = i < 26 ? QString(QChar(u'A' + i))
                                         : QString(QChar(u'A' + i / 26 - 1)) + QChar(u'A' + i % 26);
        if (!names.contains(candidate))
            name = candidate;
    }
    m_run->engine().addClient(name);
    m_extraClients.append(name);
    emit pendingChanged();
    return name;
}

} // namespace gui

namespace gui {

void Session::applyExternalPolicy(mux::Engine &engine)
{
    if (!m_peerFinder)
        m_peerFinder = std::make_shared<mux::net::PeerProcessFinder>();
    engine.server().setPeerNamer(
        [finder = m_peerFinder](const mux::net::Endpoint &peer, const mux::net::Endpoint &local) {
            const auto who = finder->find(peer, local);
            return who ? who->display() : QString();
        });
    engine.server().setExternalLimit(
        m_externalLimit,
        tr("Sorry, the class is full (at most %1 clients): please wait a moment and "
           "connect again.")
            .arg(m_externalLimit));
    engine.server().setAllowedSubnets(
        m_onlyLocalSubnets ? mux::net::subnetsServedBy(m_bindAddress) : QList<mux::net::Subnet>(),
        tr("Sorry, this class server takes clients from %2 only, and %1 is not on that network."));
}

void Session::setBindAddress(const QString &host, bool onlyLocalSubnets)
{
    m_bindAddress = host;
    m_onlyLocalSubnets = onlyLocalSubnets;
    if (m_run) // the subnets apply from the next accept; the address from the next start
        applyExternalPolicy(m_run->engine());
}

void Session::setFrozen(bool on)
{
    if (on == m_frozen)
        return;
    m_frozen = on;
    emit frozenChanged(on);
}

void Session::setExternalLimit(int limit)
{
    m_externalLimit = std::max(0, limit);
    if (m_run)
        applyExternalPolicy(m_run->engine());
}

} // namespace gui
