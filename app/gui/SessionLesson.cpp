#include "Session.h"

#include "net/Interfaces.h"
#include "programs/ProgramFactory.h"

#include <QJsonArray>

#include <cerrno>
#include <utility>

namespace gui {

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
    return startLesson(*lesson, backend);
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
    return startLesson(copy, backend);
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

void Session::stopRuns()
{
    // The old run's listeners close before the new ones bind: were both open at once, every
    // second restart would find the lesson's own port taken by the run it replaces.
    if (m_run) {
        disconnect(&m_run->engine(), nullptr, this, nullptr);
        m_run.reset();
    }
    closeProgram();
}

bool Session::startRun(const mux::Lesson &lesson, mux::Backend backend, qsizetype replayTo)
{
    stopRuns();
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
