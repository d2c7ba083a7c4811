// JSON export and import of a Trace. The format is plain enough to read in an editor:
// {"format": "muxlab-trace", "version": 2, "lesson": "...", "backend": "...", "ticks": [...]}
//
// Versions: 1 (or no "version" at all) knows the socket calls; 2 adds the option calls
// (setsockopt, getsockopt, fcntl). A reader opens every version up to its own and refuses a
// newer one with a sentence, never by guessing at calls it does not know. Any version may
// carry "site" on an action (the program's branch that made it) and "before_call" on a tick
// (how many of its actions came before the call); a file without them reads as before.
//
// A run that kept only its newest ticks (Trace::keepAtMost) is written as version 3, so a
// reader that would take its first tick for tick 0 refuses it: "first" is the index of the
// first tick in the file, and "before_first" what the dropped ticks left behind at the end of
// the tick before it: the interest then passed in, the sockets open ("sockets", as "opened"),
// their last probes, the bytes each socket took in and put out ("traffic": [fd, in, out]) and
// what each simulated client had received ("received": [{"client", "text" or "b64"}]). The
// dropped ticks themselves are not in the file.

#include "Trace.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QStringDecoder>

#include <algorithm>

namespace mux {

namespace {

const QLatin1String kFormat("muxlab-trace");
constexpr int kVersion = 3;
constexpr int kVersionWhole = 2; ///< what a file starting at tick 0 is written as

QJsonArray fdEventsToJson(const QList<FdEvents> &list)
{
    QJsonArray a;
    for (const FdEvents &e : list)
        a.append(QJsonArray{e.fd, int(e.events)});
    return a;
}

// Every entry must be [fd, events] with fd >= 0 and only known flags: a hand-edited or
// truncated file must not turn into rows for descriptor -1 that the views then index by.
Result<QList<FdEvents>> fdEventsFromJson(const QJsonValue &v, const QString &key)
{
    QList<FdEvents> out;
    if (v.isUndefined())
        return out;
    if (!v.isArray())
        return Error{0, QStringLiteral("\"%1\" is not a list").arg(key)};
    const QJsonArray list = v.toArray();
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QJsonArray pair = list.at(i).toArray();
        const int fd = pair.at(0).toInt(-1);
        const int events = pair.at(1).toInt(-1);
        if (!list.at(i).isArray() || pair.size() != 2 || fd < 0 || events < 0 ||
            events > (Readable | Writable | Exceptional | HangUp | Failed | Invalid | PeerClosed))
            return Error{
                0, QStringLiteral("entry %1 of \"%2\" is not a pair [fd, events]").arg(i).arg(key)};
        out.append({fd, Events(events)});
    }
    return out;
}

// Text only when the text gives back exactly these bytes: valid UTF-8 that does not start with
// a byte order mark, which QString::fromUtf8 drops without a word.
bool isExactUtf8(const QByteArray &b)
{
    QStringDecoder dec(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString s = dec.decode(b);
    return !dec.hasError() && s.toUtf8() == b;
}

// Payloads stay readable when they are text and exact when they are not.
void putBytes(QJsonObject &o, const QByteArray &b)
{
    if (b.isEmpty())
        return;
    if (isExactUtf8(b))
        o.insert(QStringLiteral("text"), QString::fromUtf8(b));
    else
        o.insert(QStringLiteral("b64"), QString::fromLatin1(b.toBase64()));
}

QByteArray getBytes(const QJsonObject &o)
{
    if (o.contains(QStringLiteral("b64")))
        return QByteArray::fromBase64(o.value(QStringLiteral("b64")).toString().toLatin1());
    return o.value(QStringLiteral("text")).toString().toUtf8();
}

// How many actions open the list before the first the server made.
qsizetype leadingClientActions(const QList<Action> &actions)
{
    qsizetype n = 0;
    while (n < actions.size() && actions[n].actor == Action::Actor::Client)
        ++n;
    return n;
}

QJsonObject actionToJson(const Action &a)
{
    QJsonObject o{{QStringLiteral("by"), a.actor == Action::Actor::Server ? QStringLiteral("server")
                                         : a.actor == Action::Actor::Client
                                             ? QStringLiteral("client")
                                             : QStringLiteral("engine")},
                  {QStringLiteral("call"), callName(a.call)},
                  {QStringLiteral("fd"), a.fd}};
    if (a.client >= 0)
        o.insert(QStringLiteral("client"), a.client);
    if (a.arg)
        o.insert(QStringLiteral("arg"), a.arg);
    if (a.ret)
        o.insert(QStringLiteral("ret"), double(a.ret));
    if (a.err)
        o.insert(QStringLiteral("errno"), a.err);
    if (a.site != Site::None)
        o.insert(QStringLiteral("site"), siteName(a.site));
    putBytes(o, a.data);
    return o;
}

Result<Action> actionFromJson(const QJsonObject &o)
{
    Action a;
    const QString by = o.value(QStringLiteral("by")).toString();
    a.actor = by == QLatin1String("client")   ? Action::Actor::Client
              : by == QLatin1String("engine") ? Action::Actor::Engine
                                              : Action::Actor::Server;
    const auto call = callFromName(o.value(QStringLiteral("call")).toString());
    if (!call)
        return Error{
            0,
            QStringLiteral("unknown call \"%1\"").arg(o.value(QStringLiteral("call")).toString())};
    a.call = *call;
    a.client = qint16(o.value(QStringLiteral("client")).toInt(-1));
    a.fd = o.value(QStringLiteral("fd")).toInt(-1);
    a.arg = o.value(QStringLiteral("arg")).toInt();
    a.ret = qint64(o.value(QStringLiteral("ret")).toDouble());
    a.err = qint16(o.value(QStringLiteral("errno")).toInt());
    // A site this reader does not know only lights fewer lines: read as none, not refused.
    a.site = siteFromName(o.value(QStringLiteral("site")).toString()).value_or(Site::None);
    a.data = getBytes(o);
    return a;
}

QJsonObject extrasToJson(const TickExtras &x)
{
    QJsonObject o;
    QJsonArray opened, closed, probes, atCall;
    for (const SocketInfo &s : x.opened)
        opened.append(QJsonObject{{QStringLiteral("fd"), s.fd},
                                  {QStringLiteral("role"), roleName(s.role)},
                                  {QStringLiteral("name"), s.name},
                                  {QStringLiteral("label"), s.label},
                                  {QStringLiteral("local"), s.local},
                                  {QStringLiteral("peer"), s.peer}});
    for (int fd : x.closed)
        closed.append(fd);
    for (const SocketProbe &p : x.probes)
        probes.append(QJsonArray{p.fd, p.readable, p.unsent, p.backlog, p.tcpState});
    for (const SocketProbe &p : x.atCall)
        atCall.append(QJsonArray{p.fd, p.readable, p.unsent, p.backlog, p.tcpState});
    if (!opened.isEmpty())
        o.insert(QStringLiteral("opened"), opened);
    if (!closed.isEmpty())
        o.insert(QStringLiteral("closed"), closed);
    if (!probes.isEmpty())
        o.insert(QStringLiteral("probes"), probes);
    if (!atCall.isEmpty())
        o.insert(QStringLiteral("probes_at_call"), atCall);
    return o;
}

std::shared_ptr<const TickExtras> extrasFromJson(const QJsonObject &o)
{
    if (!o.contains(QStringLiteral("opened")) && !o.contains(QStringLiteral("closed")) &&
        !o.contains(QStringLiteral("probes")) && !o.contains(QStringLiteral("probes_at_call")))
        return nullptr;
    auto x = std::make_shared<TickExtras>();
    for (const QJsonValue &v : o.value(QStringLiteral("opened")).toArray()) {
        const QJsonObject s = v.toObject();
        SocketInfo info;
        info.fd = s.value(QStringLiteral("fd")).toInt(-1);
        const QString role = s.value(QStringLiteral("role")).toString();
        for (Role r : {Role::Listener, Role::Conn, Role::Client, Role::External, Role::Udp})
            if (roleName(r) == role)
                info.role = r;
        info.name = s.value(QStringLiteral("name")).toString();
        info.label = s.value(QStringLiteral("label")).toString();
        info.local = s.value(QStringLiteral("local")).toString();
        info.peer = s.value(QStringLiteral("peer")).toString();
        x->opened.append(info);
    }
    for (const QJsonValue &v : o.value(QStringLiteral("closed")).toArray())
        x->closed.append(v.toInt(-1));
    for (const QJsonValue &v : o.value(QStringLiteral("probes")).toArray()) {
        const QJsonArray p = v.toArray();
        x->probes.append({p.at(0).toInt(-1), p.at(1).toInt(-1), p.at(2).toInt(-1),
                          p.at(3).toInt(-1), qint8(p.at(4).toInt(-1))});
    }
    for (const QJsonValue &v : o.value(QStringLiteral("probes_at_call")).toArray()) {
        const QJsonArray p = v.toArray();
        x->atCall.append({p.at(0).toInt(-1), p.at(1).toInt(-1), p.at(2).toInt(-1),
                          p.at(3).toInt(-1), qint8(p.at(4).toInt(-1))});
    }
    return x;
}

} // namespace

QJsonObject Trace::toJson() const
{
    QJsonArray ticks;
    for (qsizetype i = firstKept(); i < m_ticks.size(); ++i) {
        const TickRecord &t = m_ticks[i];
        QJsonObject o{{QStringLiteral("tick"), double(t.tick)},
                      {QStringLiteral("backend"), backendName(t.backend)},
                      {QStringLiteral("timeout_ms"), t.timeoutMs},
                      {QStringLiteral("ret"), t.ret},
                      {QStringLiteral("duration_ns"), double(t.durationNs)},
                      {t.keyframe ? QStringLiteral("interest") : QStringLiteral("interest_delta"),
                       fdEventsToJson(t.interest)},
                      {QStringLiteral("ready"), fdEventsToJson(t.ready)}};
        if (t.err)
            o.insert(QStringLiteral("errno"), t.err);
        if (t.kind == TickRecord::Kind::Setup)
            o.insert(QStringLiteral("setup"), true);
        QJsonArray actions;
        for (const Action &a : t.actions)
            actions.append(actionToJson(a));
        if (!actions.isEmpty())
            o.insert(QStringLiteral("actions"), actions);
        // Written only where a reader could not tell: without it the clients' leading actions
        // are the ones made before the call (all a file written before it ever held).
        if (t.actionsBeforeCall != leadingClientActions(t.actions))
            o.insert(QStringLiteral("before_call"), t.actionsBeforeCall);
        if (t.extras) {
            const QJsonObject x = extrasToJson(*t.extras);
            for (auto it = x.begin(); it != x.end(); ++it)
                o.insert(it.key(), it.value());
        }
        ticks.append(o);
    }
    QJsonObject o{{QStringLiteral("format"), kFormat},
                  {QStringLiteral("version"), firstKept() > 0 ? kVersion : kVersionWhole},
                  {QStringLiteral("lesson"), lessonId},
                  {QStringLiteral("backend"), backendName(backend)},
                  {QStringLiteral("ticks"), ticks}};
    if (firstKept() > 0) {
        // In fd order, so the same state always reads the same in a file.
        const auto byFd = [](const auto &hash) {
            auto values = hash.values();
            std::sort(values.begin(), values.end(),
                      [](const auto &a, const auto &b) { return a.fd < b.fd; });
            return values;
        };
        TickExtras x;
        x.opened = byFd(m_base.history.open);
        x.probes = byFd(m_base.history.probes);
        QJsonObject base = extrasToJson(x);
        if (x.opened.isEmpty())
            base.insert(QStringLiteral("opened"), QJsonArray());
        base.insert(QStringLiteral("sockets"), base.take(QStringLiteral("opened")));
        base.insert(
            QStringLiteral("interest"),
            fdEventsToJson(QList<FdEvents>(m_base.interest.begin(), m_base.interest.end())));
        QList<int> fds = m_base.history.traffic.keys();
        std::sort(fds.begin(), fds.end());
        QJsonArray traffic;
        for (int fd : fds) {
            const Traffic &t = m_base.history.traffic[fd];
            traffic.append(QJsonArray{fd, double(t.in), double(t.out)});
        }
        base.insert(QStringLiteral("traffic"), traffic);
        QList<int> clients = m_base.received.keys();
        std::sort(clients.begin(), clients.end());
        QJsonArray received;
        for (int c : clients) {
            QJsonObject r{{QStringLiteral("client"), c}};
            putBytes(r, m_base.received[c]);
            received.append(r);
        }
        base.insert(QStringLiteral("received"), received);
        o.insert(QStringLiteral("first"), double(firstKept()));
        o.insert(QStringLiteral("before_first"), base);
    }
    return o;
}

Result<Trace> Trace::fromJson(const QJsonObject &o)
{
    if (o.value(QStringLiteral("format")).toString() != kFormat)
        return Error{
            0, QStringLiteral("this is not a muxlab trace (no \"format\": \"%1\")").arg(kFormat)};
    const QJsonValue version = o.value(QStringLiteral("version"));
    const double v = version.isUndefined() ? 1 : version.toDouble(-1);
    if (v < 1 || v != int(v))
        return Error{0, QStringLiteral("its \"version\" is not a format version")};
    if (v > kVersion)
        return Error{0, QStringLiteral("it was written by a newer muxlab (trace format version "
                                       "%1; this one reads up to %2): open it with that muxlab")
                            .arg(int(v))
                            .arg(kVersion)};
    Trace t;
    t.lessonId = o.value(QStringLiteral("lesson")).toString();
    const auto backend = backendFromName(o.value(QStringLiteral("backend")).toString());
    if (!backend)
        return Error{0, QStringLiteral("unknown backend \"%1\"")
                            .arg(o.value(QStringLiteral("backend")).toString())};
    t.backend = *backend;
    const qsizetype first = v >= 3 ? qsizetype(o.value(QStringLiteral("first")).toDouble()) : 0;
    if (first < 0)
        return Error{0, QStringLiteral("its \"first\" is not a tick index")};
    if (first > 0) {
        t.m_ticks.startAt(first);
        const QJsonObject base = o.value(QStringLiteral("before_first")).toObject();
        auto interest =
            fdEventsFromJson(base.value(QStringLiteral("interest")), QStringLiteral("interest"));
        if (!interest)
            return Error{0, QStringLiteral("before the first tick: %1").arg(interest.error().text)};
        t.m_base.interest.assign(interest->begin(), interest->end());
        for (size_t k = 0; k < t.m_base.interest.size(); ++k)
            t.m_base.interestIndex.insert(t.m_base.interest[k].fd, qsizetype(k));
        t.m_current = t.m_base.interest;
        t.m_index = t.m_base.interestIndex;
        QJsonObject sockets{{QStringLiteral("opened"), base.value(QStringLiteral("sockets"))},
                            {QStringLiteral("probes"), base.value(QStringLiteral("probes"))}};
        if (const auto x = extrasFromJson(sockets)) {
            for (const SocketInfo &s : x->opened)
                t.m_base.history.open.insert(s.fd, s);
            for (const SocketProbe &p : x->probes)
                t.m_base.history.probes.insert(p.fd, p);
        }
        for (const QJsonValue &v : base.value(QStringLiteral("traffic")).toArray()) {
            const QJsonArray e = v.toArray();
            t.m_base.history.traffic.insert(
                e.at(0).toInt(-1), {qint64(e.at(1).toDouble()), qint64(e.at(2).toDouble())});
        }
        for (const QJsonValue &v : base.value(QStringLiteral("received")).toArray()) {
            const QJsonObject r = v.toObject();
            t.m_base.received.insert(r.value(QStringLiteral("client")).toInt(-1), getBytes(r));
        }
    }
    const QJsonArray ticks = o.value(QStringLiteral("ticks")).toArray();
    for (qsizetype i = 0; i < ticks.size(); ++i) {
        if (!ticks.at(i).isObject())
            return Error{0, QStringLiteral("tick %1 is not an object").arg(i)};
        const QJsonObject j = ticks.at(i).toObject();
        TickRecord r;
        r.tick = quint32(j.value(QStringLiteral("tick")).toDouble());
        const auto b = backendFromName(j.value(QStringLiteral("backend")).toString());
        if (!b)
            return Error{0, QStringLiteral("tick %1 has an unknown backend").arg(i)};
        r.backend = *b;
        r.kind = j.value(QStringLiteral("setup")).toBool() ? TickRecord::Kind::Setup
                                                           : TickRecord::Kind::Call;
        r.timeoutMs = j.value(QStringLiteral("timeout_ms")).toInt(-1);
        r.ret = j.value(QStringLiteral("ret")).toInt();
        r.err = j.value(QStringLiteral("errno")).toInt();
        r.durationNs = qint64(j.value(QStringLiteral("duration_ns")).toDouble());
        r.keyframe = j.contains(QStringLiteral("interest"));
        if (i == 0 && first == 0 && !r.keyframe)
            return Error{0, QStringLiteral("the first tick must carry the whole interest")};
        const QString interestKey =
            r.keyframe ? QStringLiteral("interest") : QStringLiteral("interest_delta");
        auto interest = fdEventsFromJson(j.value(interestKey), interestKey);
        if (!interest)
            return Error{0, QStringLiteral("tick %1: %2").arg(i).arg(interest.error().text)};
        r.interest = std::move(*interest);
        auto ready = fdEventsFromJson(j.value(QStringLiteral("ready")), QStringLiteral("ready"));
        if (!ready)
            return Error{0, QStringLiteral("tick %1: %2").arg(i).arg(ready.error().text)};
        r.ready = std::move(*ready);
        for (const QJsonValue &a : j.value(QStringLiteral("actions")).toArray()) {
            auto action = actionFromJson(a.toObject());
            if (!action)
                return Error{0, QStringLiteral("tick %1: %2").arg(i).arg(action.error().text)};
            r.actions.append(*action);
        }
        r.actionsBeforeCall = qint32(std::clamp<qsizetype>(
            j.value(QStringLiteral("before_call")).toInt(leadingClientActions(r.actions)), 0,
            r.actions.size()));
        r.extras = extrasFromJson(j);
        t.m_ticks.push_back(std::move(r));
        // Rebuild the running interest exactly as append() would have, without re-deciding
        // keyframes: the file says where they are.
        const TickRecord &back = t.m_ticks.back();
        if (back.keyframe) {
            t.m_current.clear();
            t.m_index.clear();
            t.m_changesSinceKey = 0;
        } else {
            t.m_changesSinceKey += back.interest.size();
        }
        apply(t.m_current, t.m_index, back.interest);
    }
    return t;
}

Result<void> Trace::save(const QString &path) const
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return Error{0,
                     QStringLiteral("Cannot write the trace to %1: %2").arg(path, f.errorString())};
    f.write(QJsonDocument(toJson()).toJson(QJsonDocument::Indented));
    if (!f.commit())
        return Error{0,
                     QStringLiteral("Cannot write the trace to %1: %2").arg(path, f.errorString())};
    return {};
}

Result<Trace> Trace::load(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Error{0, QStringLiteral("Cannot open the trace %1: %2").arg(path, f.errorString())};
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &pe);
    if (pe.error != QJsonParseError::NoError)
        return Error{0, QStringLiteral("The trace %1 is not valid JSON: %2 at byte %3")
                            .arg(path, pe.errorString())
                            .arg(pe.offset)};
    auto t = fromJson(doc.object());
    if (!t)
        return Error{0,
                     QStringLiteral("The trace %1 cannot be read: %2").arg(path, t.error().text)};
    return t;
}

} // namespace mux
