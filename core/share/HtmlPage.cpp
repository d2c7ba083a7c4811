#include "HtmlPage.h"

#include "trace/TickFormat.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

namespace mux::share {

namespace {

QJsonObject localText(const LocalText &t)
{
    return QJsonObject{{QStringLiteral("zh"), t.zh}, {QStringLiteral("en"), t.en}};
}

// A lesson text in both languages as the run's backend says it (Narration.h).
QJsonObject rendered(const QString &zh, const QString &en)
{
    return QJsonObject{{QStringLiteral("zh"), zh}, {QStringLiteral("en"), en}};
}

QJsonObject lessonJson(const Lesson &l, Backend b)
{
    QJsonArray python;
    for (const PythonLine &line : l.python)
        python.append(QJsonArray{line.code, line.tag});
    QJsonArray steps;
    for (const LessonStep &s : l.steps) {
        QJsonObject o{{QStringLiteral("tick"), double(s.tick)},
                      {QStringLiteral("say"), rendered(s.sayFor(b, QStringLiteral("zh")),
                                                       s.sayFor(b, QStringLiteral("en")))}};
        if (s.correction)
            o.insert(QStringLiteral("correction"), true);
        // Only the question: the page judges the learner's pick against what the kernel
        // returned, as the window does, never against the lesson file.
        if (s.question)
            o.insert(QStringLiteral("ask"), rendered(s.askFor(b, QStringLiteral("zh")),
                                                     s.askFor(b, QStringLiteral("en"))));
        steps.append(o);
    }
    return QJsonObject{{QStringLiteral("id"), l.id},
                       {QStringLiteral("title"), rendered(l.titleFor(b, QStringLiteral("zh")),
                                                          l.titleFor(b, QStringLiteral("en")))},
                       {QStringLiteral("section"), localText(l.section)},
                       {QStringLiteral("summary"), rendered(l.summaryFor(b, QStringLiteral("zh")),
                                                            l.summaryFor(b, QStringLiteral("en")))},
                       {QStringLiteral("ticks"), double(l.ticks)},
                       {QStringLiteral("python"), python},
                       {QStringLiteral("steps"), steps}};
}

// The syscall log of one tick as the window's log shows it: the call and what it returned, then
// each action. Client actions drop format's "clientN: " prefix: the page names the client.
QJsonArray tickLog(const Trace &trace, qsizetype i)
{
    const TickRecord &t = trace.at(i);
    QJsonArray lines;
    if (t.kind == TickRecord::Kind::Setup) {
        lines.append(QString());
        lines.append(QString());
    } else {
        lines.append(format::call(t, trace.interestAt(i)));
        lines.append(format::returned(t));
    }
    for (const Action &a : t.actions) {
        QString text = format::action(a, t.backend, {});
        if (a.actor == Action::Actor::Client)
            text = text.mid(QStringLiteral("client%1: ").arg(a.client).size());
        lines.append(text);
    }
    return lines;
}

// kFlagTable for the page: [bit, poll name, epoll name, select list or ""].
QJsonArray flagTable()
{
    QJsonArray flags;
    for (const FlagRow &row : kFlagTable)
        flags.append(QJsonArray{int(row.event), QLatin1String(row.pollName),
                                QLatin1String(row.epollName),
                                row.list ? QLatin1String(row.list) : QLatin1String("")});
    return flags;
}

// What each TCP state says about the peer's end (peerEnd), indexed by state: the page reads the
// probes' raw tcpState and asks this table, so FIN and RST are decided in one place.
QJsonArray peerEndTable()
{
    QJsonArray out;
    for (int state = 0; state < 16; ++state) {
        SocketProbe p;
        p.tcpState = qint8(state);
        switch (peerEnd(p)) {
        case PeerEnd::FinSeen:
            out.append(QStringLiteral("fin"));
            break;
        case PeerEnd::ResetSeen:
            out.append(QStringLiteral("rst"));
            break;
        case PeerEnd::Open:
            out.append(QStringLiteral("open"));
            break;
        case PeerEnd::Unknown:
            out.append(QString());
            break;
        }
    }
    return out;
}

// The log lines quote at most 64 bytes of a payload, and the page reads nothing else of it. A
// long one (a reply queue of 16 KiB, an uploaded file) would make most of the page's weight,
// so the page's copy of the trace leaves it out and says how many bytes it was; the trace
// file keeps every byte.
constexpr qsizetype kPayloadChars = 1024;

QJsonObject withoutLongPayload(QJsonObject o)
{
    const QString text = o.value(QStringLiteral("text")).toString();
    const QString b64 = o.value(QStringLiteral("b64")).toString();
    if (text.size() <= kPayloadChars && b64.size() <= kPayloadChars)
        return o;
    const qsizetype bytes =
        !text.isEmpty() ? text.toUtf8().size() : QByteArray::fromBase64(b64.toLatin1()).size();
    o.remove(QStringLiteral("text"));
    o.remove(QStringLiteral("b64"));
    o.insert(QStringLiteral("omitted_bytes"), double(bytes));
    return o;
}

QJsonObject withoutLongPayloads(QJsonObject trace)
{
    QJsonArray ticks = trace.value(QStringLiteral("ticks")).toArray();
    for (qsizetype i = 0; i < ticks.size(); ++i) {
        QJsonObject tick = ticks.at(i).toObject();
        QJsonArray actions = tick.value(QStringLiteral("actions")).toArray();
        bool cut = false;
        for (qsizetype k = 0; k < actions.size(); ++k) {
            const QJsonObject a = actions.at(k).toObject();
            const QJsonObject shown = withoutLongPayload(a);
            if (shown == a)
                continue;
            actions.replace(k, shown);
            cut = true;
        }
        if (cut) {
            tick.insert(QStringLiteral("actions"), actions);
            ticks.replace(i, tick);
        }
    }
    trace.insert(QStringLiteral("ticks"), ticks);
    // What the clients had received before the first kept tick grows with the run.
    QJsonObject base = trace.value(QStringLiteral("before_first")).toObject();
    QJsonArray received = base.value(QStringLiteral("received")).toArray();
    for (qsizetype k = 0; k < received.size(); ++k)
        received.replace(k, withoutLongPayload(received.at(k).toObject()));
    if (!received.isEmpty()) {
        base.insert(QStringLiteral("received"), received);
        trace.insert(QStringLiteral("before_first"), base);
    }
    return trace;
}

QByteArray resource(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

QByteArray htmlEscaped(const QString &s)
{
    return s.toHtmlEscaped().toUtf8();
}

// Fills {{name}} in one pass over the template, so nothing inserted is scanned again.
QByteArray fill(const QByteArray &tpl, const QHash<QByteArray, QByteArray> &values)
{
    QByteArray out;
    out.reserve(tpl.size() + 64);
    for (const QByteArray &v : values)
        out.reserve(out.capacity() + v.size());
    qsizetype at = 0;
    while (at < tpl.size()) {
        const qsizetype open = tpl.indexOf("{{", at);
        const qsizetype close = open < 0 ? -1 : tpl.indexOf("}}", open + 2);
        if (open < 0 || close < 0) {
            out.append(tpl.mid(at));
            break;
        }
        out.append(tpl.mid(at, open - at));
        const QByteArray key = tpl.mid(open + 2, close - open - 2);
        if (auto it = values.constFind(key); it != values.constEnd())
            out.append(*it);
        else
            out.append(tpl.mid(open, close + 2 - open));
        at = close + 2;
    }
    return out;
}

} // namespace

QJsonObject pageData(const PageSource &s)
{
    const Trace &trace = *s.trace;
    // A trace that kept only its newest ticks: the page's ticks are the kept ones, and the state
    // the dropped ones left behind travels in the trace's "before_first" (Trace::toJson), from
    // which the page starts its replay.
    const qsizetype first = trace.firstKept();
    QJsonArray log, lit;
    for (qsizetype i = first; i < trace.size(); ++i) {
        log.append(tickLog(trace, i));
        // The program's lines that made each tick, decided where the window decides them.
        if (s.lesson) {
            QJsonArray rows;
            for (int r : s.lesson->litLines(trace.at(i)))
                rows.append(r);
            lit.append(rows);
        }
    }
    QJsonArray clients;
    for (const QString &c : s.clientNames)
        clients.append(c);
    QJsonObject o{{QStringLiteral("format"), QStringLiteral("muxlab-page")},
                  {QStringLiteral("version"), 1},
                  {QStringLiteral("lang"), s.lang},
                  {QStringLiteral("title"), s.title},
                  {QStringLiteral("clients"), clients},
                  {QStringLiteral("flags"), flagTable()},
                  {QStringLiteral("peer_end"), peerEndTable()},
                  {QStringLiteral("trace"), withoutLongPayloads(trace.toJson())},
                  {QStringLiteral("log"), log}};
    if (s.lesson) {
        o.insert(QStringLiteral("lesson"),
                 lessonJson(*s.lesson, trace.isEmpty() ? s.lesson->backends.value(0)
                                                       : trace.at(first).backend));
        o.insert(QStringLiteral("lit"), lit);
        // The switch is offered only when the lesson speaks both languages.
        const bool both = s.lesson->title.complete() && s.lesson->summary.complete();
        o.insert(QStringLiteral("langs"),
                 both ? QJsonArray{QStringLiteral("zh"), QStringLiteral("en")}
                      : QJsonArray{s.lang});
    } else {
        o.insert(QStringLiteral("langs"), QJsonArray{s.lang});
    }
    return o;
}

Result<QByteArray> pageHtml(const PageSource &s)
{
    if (!s.trace || s.trace->isEmpty())
        return Error{0, QStringLiteral("The run has no ticks yet, so there is nothing to show.")};
    const QByteArray tpl = resource(QStringLiteral(":/web/page.html"));
    const QByteArray css = resource(QStringLiteral(":/web/page.css"));
    const QByteArray js = resource(QStringLiteral(":/web/page.js"));
    if (tpl.isEmpty() || css.isEmpty() || js.isEmpty())
        return Error{0, QStringLiteral("The web page's template is missing from this build.")};
    // Inside <script> and <style> only "</" could end the element early. In the JSON, '<' only
    // occurs inside strings, where \u003c reads back as the same character.
    QByteArray data = QJsonDocument(pageData(s)).toJson(QJsonDocument::Compact);
    data.replace('<', "\\u003c");
    const QString title =
        s.lesson ? s.lesson->titleFor(s.trace->backend, s.lang) + QStringLiteral(" — muxlab")
                 : (s.title.isEmpty() ? QStringLiteral("muxlab")
                                      : s.title + QStringLiteral(" — muxlab"));
    return fill(tpl, {{"lang", s.lang == QLatin1String("zh") ? "zh-CN" : "en"},
                      {"title", htmlEscaped(title)},
                      {"css", css},
                      {"js", js},
                      {"data", data}});
}

Result<void> writePage(const QString &path, const PageSource &s)
{
    auto html = pageHtml(s);
    if (!html)
        return Error{
            0, QStringLiteral("Cannot write the web page %1: %2").arg(path, html.error().text)};
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(*html) != html->size() || !f.commit())
        return Error{0,
                     QStringLiteral("Cannot write the web page %1: %2").arg(path, f.errorString())};
    return {};
}

} // namespace mux::share
