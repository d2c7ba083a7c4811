#pragma once

#include "trace/Trace.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

/// A trace as JSON with what may differ between two runs of the same lesson removed: time
/// (durations, `measure` figures) and port numbers (headless runs bind ephemeral ports).
/// Everything else — fds, sets, actions, payloads, probes — must be identical.
inline QByteArray canonicalTrace(const mux::Trace &trace)
{
    static const QRegularExpression port(QStringLiteral(":\\d+"));
    QJsonObject root = trace.toJson();
    QJsonArray ticks;
    for (const QJsonValue &tv : root.value(QStringLiteral("ticks")).toArray()) {
        QJsonObject t = tv.toObject();
        t.remove(QStringLiteral("duration_ns"));
        QJsonArray actions;
        for (const QJsonValue &av : t.value(QStringLiteral("actions")).toArray()) {
            QJsonObject a = av.toObject();
            const QString call = a.value(QStringLiteral("call")).toString();
            if (call == QLatin1String("measure"))
                continue;
            if (call == QLatin1String("listen") || call == QLatin1String("bind"))
                a.remove(QStringLiteral("arg")); // the port: the kernel picks it
            if (a.contains(QStringLiteral("text")))
                a.insert(
                    QStringLiteral("text"),
                    a.value(QStringLiteral("text")).toString().replace(port, QStringLiteral(":P")));
            actions.append(a);
        }
        if (!actions.isEmpty())
            t.insert(QStringLiteral("actions"), actions);
        QJsonArray opened;
        for (const QJsonValue &ov : t.value(QStringLiteral("opened")).toArray()) {
            QJsonObject o = ov.toObject();
            for (const char *k : {"label", "local", "peer"})
                o.insert(QLatin1String(k),
                         o.value(QLatin1String(k)).toString().replace(port, QStringLiteral(":P")));
            opened.append(o);
        }
        if (!opened.isEmpty())
            t.insert(QStringLiteral("opened"), opened);
        ticks.append(t);
    }
    root.insert(QStringLiteral("ticks"), ticks);
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

/// The line of the first difference between two canonical traces, for a readable failure.
inline QString firstDifference(const QByteArray &a, const QByteArray &b)
{
    const QList<QByteArray> la = a.split('\n'), lb = b.split('\n');
    for (qsizetype i = 0; i < std::max(la.size(), lb.size()); ++i)
        if (la.value(i) != lb.value(i))
            return QStringLiteral("line %1: %2  vs  %3")
                .arg(i + 1)
                .arg(QString::fromUtf8(la.value(i)), QString::fromUtf8(lb.value(i)));
    return {};
}

/// Only what a learner sees tick by tick, for a lesson whose byte counts depend on time: the
/// ready sets, the interest, the call's return and, per action, who made which call on which
/// fd and whether it failed — not how many bytes a partial send or a recv moved, nor the probes.
inline QByteArray canonicalShape(const mux::Trace &trace)
{
    const QJsonDocument doc = QJsonDocument::fromJson(canonicalTrace(trace));
    QJsonArray ticks;
    for (const QJsonValue &tv : doc.object().value(QStringLiteral("ticks")).toArray()) {
        QJsonObject t = tv.toObject();
        for (const char *k : {"probes", "probes_at_call"})
            t.remove(QLatin1String(k));
        QJsonArray actions;
        for (const QJsonValue &av : t.value(QStringLiteral("actions")).toArray()) {
            QJsonObject a = av.toObject();
            const bool failed = a.value(QStringLiteral("ret")).toInteger() < 0;
            for (const char *k : {"ret", "text", "arg"})
                a.remove(QLatin1String(k));
            a.insert(QStringLiteral("failed"), failed);
            actions.append(a);
        }
        if (!actions.isEmpty())
            t.insert(QStringLiteral("actions"), actions);
        ticks.append(t);
    }
    return QJsonDocument(ticks).toJson(QJsonDocument::Indented);
}

/// What the server printed (its notes), one line each: where a document's server only prints,
/// this is what it would show on its terminal.
inline QByteArray printed(const mux::Trace &trace)
{
    QByteArray out;
    for (qsizetype i = 0; i < trace.size(); ++i)
        for (const mux::Action &a : trace.at(i).actions)
            if (a.actor == mux::Action::Actor::Server && a.call == mux::Action::Call::Note)
                out += a.data + '\n';
    return out;
}
