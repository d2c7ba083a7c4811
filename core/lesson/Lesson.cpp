#include "Lesson.h"

#include "Narration.h"

#include "proto/FrameDecoder.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

namespace mux {

bool ReadyNames::operator==(const ReadyNames &o) const
{
    auto same = [](QStringList a, QStringList b) {
        a.sort();
        b.sort();
        return a == b;
    };
    return same(r, o.r) && same(w, o.w) && same(x, o.x);
}

QString ReadyNames::toString() const
{
    auto list = [](QStringList l) {
        l.sort();
        return QLatin1Char('[') + l.join(QLatin1Char(' ')) + QLatin1Char(']');
    };
    return QStringLiteral("r=%1 w=%2 x=%3").arg(list(r), list(w), list(x));
}

const LocalText *LessonStep::differsOn(const QString &server, Backend b) const
{
    if (auto it = differs.constFind(server + QLatin1Char('@') + backendName(b));
        it != differs.constEnd())
        return &*it;
    if (auto it = differs.constFind(server); it != differs.constEnd())
        return &*it;
    return nullptr;
}

const Expect &LessonStep::expectFor(Backend b) const
{
    auto it = expectOn.constFind(b);
    return it == expectOn.constEnd() ? expect : *it;
}

std::optional<ReadyNames> LessonStep::answerFor(Backend b) const
{
    if (!question)
        return std::nullopt;
    auto it = answerOn.constFind(b);
    return it == answerOn.constEnd() ? question->answer : *it;
}

QString LessonStep::sayFor(Backend b, const QString &lang) const
{
    auto it = sayOn.constFind(b);
    if (it == sayOn.constEnd() && b == Backend::EpollEt)
        it = sayOn.constFind(Backend::Epoll);
    return narrate((it == sayOn.constEnd() ? say : *it).in(lang), b, lang);
}

QString LessonStep::askFor(Backend b, const QString &lang) const
{
    return question ? narrate(question->ask.in(lang), b, lang) : QString();
}

QString Lesson::titleFor(Backend b, const QString &lang) const
{
    return narrate(titleAsWritten.in(lang), b, lang);
}

QString Lesson::summaryFor(Backend b, const QString &lang) const
{
    return narrate(summary.in(lang), b, lang);
}

const LessonStep *Lesson::stepAt(quint32 tick) const
{
    for (const LessonStep &s : steps)
        if (s.tick == tick)
            return &s;
    return nullptr;
}

QStringList lineTagsOf(const Action &a, const QMap<QString, QList<int>> &tags)
{
    const QString call = callName(a.call);
    if (a.site != Site::None)
        if (QString tag = call + QLatin1Char('@') + siteName(a.site); tags.contains(tag))
            return {tag};
    if (tags.contains(call))
        return {call};
    QStringList every;
    if (a.site == Site::None) {
        const QString prefix = call + QLatin1Char('@');
        for (auto it = tags.begin(); it != tags.end(); ++it)
            if (it.key().startsWith(prefix))
                every.append(it.key());
    }
    return every;
}

QList<int> Lesson::litLines(const TickRecord &t) const
{
    QSet<QString> made;
    if (t.kind == TickRecord::Kind::Call)
        made.insert(QStringLiteral("select"));
    for (const Action &a : t.actions)
        if (a.actor == Action::Actor::Server)
            for (const QString &tag : lineTagsOf(a, tags))
                made.insert(tag);
    QList<int> rows;
    for (qsizetype r = 0; r < python.size(); ++r)
        if (!python[r].tag.isEmpty() && made.contains(python[r].tag))
            rows.append(int(r));
    return rows;
}

namespace {

struct Parser {
    QString path;
    QString problem;

    bool fail(const QString &what)
    {
        if (problem.isEmpty())
            problem = what;
        return false;
    }

    LocalText text(const QJsonValue &v, const QString &field, bool required = true)
    {
        const QJsonObject o = v.toObject();
        LocalText t{o.value(QStringLiteral("zh")).toString(),
                    o.value(QStringLiteral("en")).toString()};
        if (required && !t.complete())
            fail(QStringLiteral("\"%1\" needs non-empty \"zh\" and \"en\" texts").arg(field));
        for (const QString &said : {t.zh, t.en})
            if (const QStringList unknown = unknownPlaceholders(said); !unknown.isEmpty())
                fail(QStringLiteral("\"%1\" names an unknown placeholder %2")
                         .arg(field, unknown.first()));
        return t;
    }

    ReadyNames names(const QJsonValue &v)
    {
        const QJsonObject o = v.toObject();
        auto list = [&](const char *k) {
            QStringList out;
            for (const QJsonValue &n : o.value(QLatin1String(k)).toArray())
                out.append(n.toString());
            return out;
        };
        return {list("r"), list("w"), list("x")};
    }
};

// The bytes a client op sends. "data" is UTF-8 text; "data_hex" is raw bytes for what text
// cannot carry; "repeat" sends either N times (a file body without a 3000-character string);
// "frame" appends length-prefixed frames (struct.pack('i', n) + payload, document 003 §3.2),
// each a string or {"text"|"hex": ..., "repeat": N}.
QByteArray opData(const QJsonObject &d)
{
    auto bytes = [](const QJsonObject &o) {
        QByteArray b =
            o.contains(QStringLiteral("data_hex"))
                ? QByteArray::fromHex(o.value(QStringLiteral("data_hex")).toString().toLatin1())
                : o.value(QStringLiteral("data")).toString().toUtf8();
        return b.repeated(std::max(1, o.value(QStringLiteral("repeat")).toInt(1)));
    };
    QByteArray out = bytes(d);
    const QJsonValue frames = d.value(QStringLiteral("frame"));
    const QJsonArray list = frames.isArray() ? frames.toArray() : QJsonArray{frames};
    for (const QJsonValue &f : list) {
        if (f.isUndefined() || f.isNull())
            continue;
        QByteArray payload;
        if (f.isString()) {
            payload = f.toString().toUtf8();
        } else {
            const QJsonObject fo = f.toObject();
            QJsonObject as{{QStringLiteral("data"), fo.value(QStringLiteral("text"))},
                           {QStringLiteral("repeat"), fo.value(QStringLiteral("repeat"))}};
            if (fo.contains(QStringLiteral("hex")))
                as.insert(QStringLiteral("data_hex"), fo.value(QStringLiteral("hex")));
            payload = bytes(as);
        }
        out += proto::frame(payload);
    }
    return out;
}

// The lesson's Python program: "python_file", a file name in the lesson file's own folder (a
// bare name, so a lesson cannot point anywhere else), read line by line; "tags" names, per
// action, the 1-based lines that perform it ({"accept": [12], "recv": [15, 20]}).
QList<PythonLine> pythonProgram(const QJsonObject &o, const QString &path, Parser &p,
                                QMap<QString, QList<int>> &tagLines)
{
    const QString name = o.value(QStringLiteral("python_file")).toString();
    if (name.isEmpty() || name.contains(QLatin1Char('/')) || name.contains(QLatin1Char('\\'))) {
        p.fail(QStringLiteral("\"python_file\" must name the lesson's Python program, a file "
                              "beside the lesson file"));
        return {};
    }
    QFile f(QFileInfo(path).dir().filePath(name));
    if (!f.open(QIODevice::ReadOnly)) {
        p.fail(QStringLiteral("cannot read its Python program \"%1\"").arg(f.fileName()));
        return {};
    }
    QStringList code = QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'));
    if (!code.isEmpty() && code.constLast().isEmpty())
        code.removeLast();
    QList<PythonLine> lines;
    lines.reserve(code.size());
    for (const QString &c : code)
        lines.append({c, QString()});
    const QJsonObject tags = o.value(QStringLiteral("tags")).toObject();
    for (auto it = tags.begin(); it != tags.end(); ++it) {
        const QString call = it.key().section(QLatin1Char('@'), 0, 0);
        const QString site = it.key().section(QLatin1Char('@'), 1);
        if (call != QLatin1String("select") && !callFromName(call))
            p.fail(QStringLiteral("unknown action \"%1\" in \"tags\"").arg(it.key()));
        else if (it.key().contains(QLatin1Char('@')) &&
                 (call == QLatin1String("select") ||
                  siteFromName(site).value_or(Site::None) == Site::None))
            p.fail(QStringLiteral("unknown branch \"%1\" in \"tags\" (known: %2)")
                       .arg(it.key(), siteNames().join(QStringLiteral(", "))));
        QList<int> &tagged = tagLines[it.key()];
        for (const QJsonValue &n : it.value().toArray()) {
            const int line = n.toInt();
            if (line < 1 || line > lines.size())
                p.fail(QStringLiteral("\"tags\": \"%1\" names line %2, but %3 has %4 lines")
                           .arg(it.key())
                           .arg(line)
                           .arg(name)
                           .arg(lines.size()));
            else if (!lines[line - 1].tag.isEmpty())
                p.fail(QStringLiteral("\"tags\": line %1 is tagged both \"%2\" and \"%3\"")
                           .arg(line)
                           .arg(lines[line - 1].tag, it.key()));
            else
                lines[line - 1].tag = it.key();
            tagged.append(line);
        }
    }
    return lines;
}

} // namespace

Result<Lesson> parseLesson(const QByteArray &json, const QString &path)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
    if (pe.error != QJsonParseError::NoError)
        return Error{0, QStringLiteral("Lesson file %1 is not valid JSON: %2 at byte %3")
                            .arg(path, pe.errorString())
                            .arg(pe.offset)};
    if (!doc.isObject())
        return Error{0, QStringLiteral("Lesson file %1 must hold one JSON object").arg(path)};
    const QJsonObject o = doc.object();
    Parser p{path, {}};
    Lesson l;
    l.path = path;
    l.id = o.value(QStringLiteral("id")).toString();
    if (l.id.isEmpty())
        p.fail(QStringLiteral("\"id\" is missing"));
    l.document = o.value(QStringLiteral("document")).toString();
    l.order = o.value(QStringLiteral("order")).toInt();
    l.titleAsWritten = p.text(o.value(QStringLiteral("title")), QStringLiteral("title"));
    l.section = p.text(o.value(QStringLiteral("section")), QStringLiteral("section"));
    l.summary = p.text(o.value(QStringLiteral("summary")), QStringLiteral("summary"));
    l.program = o.value(QStringLiteral("program")).toString();
    if (l.program.isEmpty())
        p.fail(QStringLiteral("\"program\" is missing"));
    l.params = o.value(QStringLiteral("params")).toObject();
    for (const QJsonValue &b : o.value(QStringLiteral("backends")).toArray()) {
        const auto backend = backendFromName(b.toString());
        if (!backend)
            p.fail(QStringLiteral("unknown backend \"%1\" in \"backends\"").arg(b.toString()));
        else
            l.backends.append(*backend);
    }
    if (l.backends.isEmpty())
        l.backends = allBackends();
    l.title = {l.titleFor(l.backends.first(), QStringLiteral("zh")),
               l.titleFor(l.backends.first(), QStringLiteral("en"))};
    for (const QJsonValue &c : o.value(QStringLiteral("clients")).toArray())
        l.clients.append(c.toString());
    l.clientScript = o.value(QStringLiteral("client_script")).toString();
    l.sendBytesVaryWithPace = o.value(QStringLiteral("send_bytes_vary_with_pace")).toBool();

    for (const QJsonValue &sv : o.value(QStringLiteral("steps")).toArray()) {
        const QJsonObject so = sv.toObject();
        LessonStep s;
        s.tick = quint32(so.value(QStringLiteral("tick")).toInt());
        const QString where = QStringLiteral("step at tick %1").arg(s.tick);
        if (s.tick == 0)
            p.fail(QStringLiteral("a step needs a \"tick\" of 1 or more"));
        for (const QJsonValue &dv : so.value(QStringLiteral("do")).toArray()) {
            const QJsonObject d = dv.toObject();
            const QString client = d.value(QStringLiteral("client")).toString();
            const auto kind = opFromName(d.value(QStringLiteral("op")).toString());
            const int index = int(l.clients.indexOf(client));
            if (!kind)
                p.fail(QStringLiteral("%1: unknown op \"%2\"")
                           .arg(where, d.value(QStringLiteral("op")).toString()));
            if (index < 0)
                p.fail(
                    QStringLiteral("%1: client \"%2\" is not in \"clients\"").arg(where, client));
            if (!kind || index < 0)
                continue;
            ClientOp op;
            op.kind = *kind;
            op.client = index;
            op.data = opData(d);
            op.listener = d.value(QStringLiteral("listener")).toInt();
            op.rcvbuf = d.value(QStringLiteral("rcvbuf")).toInt();
            s.ops.append(op);
        }
        s.say = p.text(so.value(QStringLiteral("say")), where + QStringLiteral(" \"say\""));
        const QJsonObject sayOn = so.value(QStringLiteral("say_on")).toObject();
        for (auto it = sayOn.begin(); it != sayOn.end(); ++it) {
            const auto b = backendFromName(it.key());
            if (!b)
                p.fail(QStringLiteral("%1: unknown backend \"%2\" in \"say_on\"")
                           .arg(where, it.key()));
            else
                s.sayOn.insert(*b, p.text(it.value(), where + QStringLiteral(" \"say_on\"")));
        }
        s.correction = so.value(QStringLiteral("correction")).toBool();
        const QJsonObject differs = so.value(QStringLiteral("differs")).toObject();
        for (auto it = differs.begin(); it != differs.end(); ++it) {
            const QStringList parts = it.key().split(QLatin1Char('@'));
            if (parts.first() != QLatin1String("python") || parts.size() > 2 ||
                (parts.size() == 2 && !backendFromName(parts.last())))
                p.fail(QStringLiteral("%1: unknown server \"%2\" in \"differs\" (\"python\" or "
                                      "\"python@BACKEND\")")
                           .arg(where, it.key()));
            s.differs.insert(it.key(), p.text(it.value(), where + QStringLiteral(" \"differs\"")));
        }
        auto expect = [&](const QJsonObject &ex) {
            Expect e;
            if (ex.contains(QStringLiteral("ready")))
                e.ready = p.names(ex.value(QStringLiteral("ready")));
            if (ex.contains(QStringLiteral("returned")))
                e.returned = ex.value(QStringLiteral("returned")).toInt();
            for (const QJsonValue &c : ex.value(QStringLiteral("calls")).toArray()) {
                if (!callFromName(c.toString()))
                    p.fail(QStringLiteral("%1: unknown call \"%2\" in \"calls\"")
                               .arg(where, c.toString()));
                e.calls.append(c.toString());
            }
            for (const QString &key :
                 {QStringLiteral("received"), QStringLiteral("server_received")}) {
                const QJsonObject rec = ex.value(key).toObject();
                for (auto it = rec.begin(); it != rec.end(); ++it) {
                    if (!l.clients.contains(it.key()))
                        p.fail(QStringLiteral("%1: \"%2\" names unknown client \"%3\"")
                                   .arg(where, key, it.key()));
                    (key == QLatin1String("received") ? e.received : e.serverReceived)
                        .insert(it.key(), it.value().toString().toUtf8());
                }
            }
            return e;
        };
        s.expect = expect(so.value(QStringLiteral("expect")).toObject());
        const QJsonObject on = so.value(QStringLiteral("expect_on")).toObject();
        for (auto it = on.begin(); it != on.end(); ++it) {
            const auto b = backendFromName(it.key());
            if (!b)
                p.fail(QStringLiteral("%1: unknown backend \"%2\" in \"expect_on\"")
                           .arg(where, it.key()));
            else
                s.expectOn.insert(*b, expect(it.value().toObject()));
        }
        if (so.contains(QStringLiteral("ask"))) {
            const QJsonObject q = so.value(QStringLiteral("ask")).toObject();
            s.question = Question{p.text(q, where + QStringLiteral(" \"ask\"")),
                                  p.names(q.value(QStringLiteral("answer")))};
            s.question->anyBackend = q.value(QStringLiteral("accept_any_backend")).toBool();
            const QJsonObject aon = q.value(QStringLiteral("answer_on")).toObject();
            for (auto it = aon.begin(); it != aon.end(); ++it) {
                const auto b = backendFromName(it.key());
                if (!b)
                    p.fail(QStringLiteral("%1: unknown backend \"%2\" in \"answer_on\"")
                               .arg(where, it.key()));
                else
                    s.answerOn.insert(*b, p.names(it.value()));
            }
        }
        l.steps.append(s);
        l.ticks = std::max(l.ticks, s.tick);
    }
    l.ticks = std::max(l.ticks, quint32(o.value(QStringLiteral("ticks")).toInt()));
    if (l.steps.isEmpty())
        p.fail(QStringLiteral("\"steps\" is empty"));
    l.pythonFile = o.value(QStringLiteral("python_file")).toString();
    const QJsonObject pyArgs = o.value(QStringLiteral("python_args")).toObject();
    for (auto it = pyArgs.begin(); it != pyArgs.end(); ++it) {
        const auto b = backendFromName(it.key());
        if (!b) {
            p.fail(QStringLiteral("unknown backend \"%1\" in \"python_args\"").arg(it.key()));
            continue;
        }
        QStringList args;
        for (const QJsonValue &a : it.value().toArray())
            args.append(a.toString());
        l.pythonArgs.insert(*b, args);
    }
    l.pythonBlocking = o.value(QStringLiteral("python_blocking")).toBool();
    l.python = pythonProgram(o, path, p, l.tags);
    if (!p.problem.isEmpty())
        return Error{0, QStringLiteral("Lesson file %1: %2").arg(path, p.problem)};
    return l;
}

QList<Lesson> loadLessons(QStringList *errors)
{
    QList<Lesson> out;
    QDirIterator it(QStringLiteral(":/lessons"), {QStringLiteral("*.json")}, QDir::Files,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly)) {
            if (errors)
                errors->append(QStringLiteral("Cannot read lesson file %1").arg(path));
            continue;
        }
        auto lesson = parseLesson(f.readAll(), path);
        if (!lesson) {
            if (errors)
                errors->append(lesson.error().text);
            continue;
        }
        out.append(*lesson);
    }
    std::sort(out.begin(), out.end(), [](const Lesson &a, const Lesson &b) {
        return std::tie(a.document, a.order, a.id) < std::tie(b.document, b.order, b.id);
    });
    return out;
}

Result<Lesson> findLesson(const QString &id)
{
    for (const Lesson &l : loadLessons())
        if (l.id == id)
            return l;
    return Error{
        0,
        QStringLiteral("There is no lesson \"%1\"; `muxlab --list-lessons` lists them.").arg(id)};
}

} // namespace mux
