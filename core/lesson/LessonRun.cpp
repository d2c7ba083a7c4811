#include "LessonRun.h"

#include "programs/ProgramFactory.h"
#include "trace/TickFormat.h"

#include <QDir>

#include <algorithm>

namespace mux {

LessonRun::LessonRun(Lesson lesson, Engine::Options options)
    : m_lesson(std::move(lesson)), m_engine(std::make_unique<Engine>(options))
{
    m_engine->trace().lessonId = m_lesson.id;
}

Result<void> LessonRun::start(bool withScript)
{
    QJsonObject params = m_lesson.params;
    const QString dataKey = QStringLiteral("data_dir");
    if (params.contains(dataKey) && params.value(dataKey).toString().isEmpty()) {
        if (m_dataDir.isEmpty()) {
            m_tempDir = std::make_unique<QTemporaryDir>(QDir::tempPath() +
                                                        QStringLiteral("/muxlab-data-XXXXXX"));
            m_dataDir = m_tempDir->path();
        }
        params.insert(dataKey, m_dataDir);
    }
    auto program = createProgram(m_lesson.program, params);
    if (!program)
        return Error{0, QStringLiteral("Lesson %1: %2").arg(m_lesson.id, program.error().text)};
    if (withScript) {
        for (const QString &c : m_lesson.clients)
            m_engine->addClient(c);
        for (const LessonStep &s : m_lesson.steps)
            for (const ClientOp &op : s.ops)
                m_engine->schedule(s.tick, op);
    }
    return m_engine->start(std::move(*program));
}

void LessonRun::runToEnd()
{
    while (!finished())
        m_engine->step();
}

ReadyNames LessonRun::readyNamesAt(const Trace &trace, qsizetype index)
{
    ReadyNames n;
    for (const FdEvents &e : trace.at(index).ready) {
        const QString name = socketNameAt(trace, index, e.fd);
        if (e.events & Readable)
            n.r.append(name);
        if (e.events & Writable)
            n.w.append(name);
        if (e.events & Exceptional)
            n.x.append(name);
    }
    return n;
}

QByteArray LessonRun::receivedBy(const QString &name, quint32 tick) const
{
    return receivedBy(m_lesson, m_engine->trace(), name, tick);
}

QByteArray LessonRun::receivedBy(const Lesson &lesson, const Trace &t, const QString &name,
                                 quint32 tick)
{
    const int index = int(lesson.clients.indexOf(name));
    QByteArray got;
    for (qsizetype i = 0; i < t.size() && t.at(i).tick <= tick; ++i)
        for (const Action &a : t.at(i).actions)
            if (a.actor == Action::Actor::Client && a.client == index &&
                (a.call == Action::Call::Recv || a.call == Action::Call::RecvFrom))
                got += a.data;
    return got;
}

QByteArray LessonRun::receivedFrom(const QString &name, quint32 tick) const
{
    return receivedFrom(m_engine->trace(), name, tick);
}

QByteArray LessonRun::receivedFrom(const Trace &t, const QString &name, quint32 tick)
{
    const QString conn = QStringLiteral("conn:") + name;
    QByteArray got;
    for (qsizetype i = 0; i < t.size() && t.at(i).tick <= tick; ++i)
        for (const Action &a : t.at(i).actions)
            if (a.actor == Action::Actor::Server && a.call == Action::Call::Recv && a.ret > 0 &&
                socketNameAt(t, i, a.fd) == conn)
                got += a.data;
    return got;
}

QList<CheckResult> LessonRun::checkStep(const LessonStep &s) const
{
    return checkStep(m_lesson, m_engine->trace(), s);
}

QStringList LessonRun::serverCalls(const TickRecord &rec, bool traced)
{
    // Option calls are shown in the log but are not part of what a step checks.
    QStringList calls;
    for (const Action &a : rec.actions)
        if (a.actor == Action::Actor::Server && a.call != Action::Call::Measure &&
            a.call != Action::Call::SetSockOpt && a.call != Action::Call::GetSockOpt &&
            a.call != Action::Call::Ioctl)
            calls.append(callName(a.call));
    return comparableCalls(calls, rec.backend, traced);
}

QStringList LessonRun::comparableCalls(QStringList names, Backend backend, bool traced)
{
    if (!traced)
        return names;
    for (const QString &text : {QStringLiteral("note"), QStringLiteral("refuse")})
        names.removeAll(text);
    if (backend == Backend::Select || backend == Backend::Poll) {
        const auto lists = std::stable_partition(names.begin(), names.end(), [](const QString &n) {
            return n != QLatin1String("watch") && n != QLatin1String("unwatch") &&
                   n != QLatin1String("modify");
        });
        std::sort(lists, names.end());
    }
    return names;
}

QList<CheckResult> LessonRun::checkStep(const Lesson &lesson, const Trace &t, const LessonStep &s,
                                        bool traced)
{
    QList<CheckResult> out;
    qsizetype index = -1;
    for (qsizetype i = 0; i < t.size(); ++i)
        if (t.at(i).tick == s.tick)
            index = i;
    if (index < 0)
        return out;
    const TickRecord &rec = t.at(index);
    const ReadyNames got = readyNamesAt(t, index);
    const Expect &e = s.expectFor(rec.backend);
    if (e.ready)
        out.append(
            {s.tick, *e.ready == got, QStringLiteral("ready"),
             QStringLiteral("expected %1, got %2").arg(e.ready->toString(), got.toString())});
    if (const auto answer = s.answerFor(rec.backend))
        out.append(
            {s.tick, *answer == got, QStringLiteral("question"),
             QStringLiteral("answer %1, kernel said %2").arg(answer->toString(), got.toString())});
    if (e.returned)
        out.append({s.tick, *e.returned == rec.ret, QStringLiteral("returned"),
                    QStringLiteral("expected %1, got %2").arg(*e.returned).arg(rec.ret)});
    if (!e.calls.isEmpty()) {
        const QStringList calls = serverCalls(rec, traced);
        const QStringList expected = comparableCalls(e.calls, rec.backend, traced);
        out.append({s.tick, calls == expected, QStringLiteral("calls"),
                    QStringLiteral("expected %1, got %2")
                        .arg(e.calls.join(QLatin1Char(' ')), calls.join(QLatin1Char(' ')))});
    }
    for (auto it = e.received.begin(); it != e.received.end(); ++it) {
        const QByteArray got = receivedBy(lesson, t, it.key(), s.tick);
        out.append({s.tick, got == it.value(), QStringLiteral("received %1").arg(it.key()),
                    QStringLiteral("expected %1, got %2")
                        .arg(format::quoted(it.value(), 200), format::quoted(got, 200))});
    }
    for (auto it = e.serverReceived.begin(); it != e.serverReceived.end(); ++it) {
        const QByteArray got = receivedFrom(t, it.key(), s.tick);
        out.append({s.tick, got == it.value(),
                    QStringLiteral("server received from %1").arg(it.key()),
                    QStringLiteral("expected the server to have read %1 from conn %2, it read %3")
                        .arg(format::quoted(it.value(), 200), it.key(), format::quoted(got, 200))});
    }
    return out;
}

QList<CheckResult> LessonRun::check() const
{
    QList<CheckResult> out;
    for (const LessonStep &s : m_lesson.steps)
        if (s.tick <= m_engine->tickCount())
            out += checkStep(s);
    return out;
}

} // namespace mux
