#include "SocketLabel.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include <algorithm>

namespace gui {

namespace {

/// A text marked with QT_TRANSLATE_NOOP in this file's context, translated.
QString translate(const char *text)
{
    return QCoreApplication::translate("gui::SocketLabel", text);
}

/// The English word the trace puts in front of a label, and its translation with %1 for the
/// rest (the port, the client's letter, the peer's address and program).
QString translated(const QString &label)
{
    struct Prefix {
        QLatin1String word;
        const char *text;
    };
    static const Prefix prefixes[] = {
        {QLatin1String("listener "), QT_TRANSLATE_NOOP("gui::SocketLabel", "listener %1")},
        {QLatin1String("conn "), QT_TRANSLATE_NOOP("gui::SocketLabel", "conn %1")},
        {QLatin1String("client "), QT_TRANSLATE_NOOP("gui::SocketLabel", "client %1")},
        {QLatin1String("udp "), QT_TRANSLATE_NOOP("gui::SocketLabel", "udp %1")},
    };
    for (const Prefix &p : prefixes)
        if (label.startsWith(p.word))
            return translate(p.text).arg(label.mid(p.word.size()));
    return label;
}

} // namespace

QString socketLabel(const mux::SocketInfo &socket)
{
    return translated(socket.label.isEmpty() ? socket.name : socket.label);
}

QString socketLabel(const QString &name, const QHash<int, mux::SocketInfo> &sockets)
{
    for (const mux::SocketInfo &s : sockets)
        if (s.name == name)
            return socketLabel(s);
    // A socket no longer (or not yet) open: named from its stable name.
    if (name.startsWith(QLatin1String("conn:")))
        return QCoreApplication::translate("gui::SocketLabel", "conn %1").arg(name.mid(5));
    if (name.startsWith(QLatin1String("client:")))
        return QCoreApplication::translate("gui::SocketLabel", "client %1").arg(name.mid(7));
    if (name.startsWith(QLatin1String("udp:")))
        return QCoreApplication::translate("gui::SocketLabel", "udp %1").arg(name.mid(4));
    if (name.startsWith(QLatin1Char('L')))
        return QCoreApplication::translate("gui::SocketLabel", "listener %1").arg(name);
    return name;
}

QString nameSocketsIn(const QString &text, const QList<QHash<int, mux::SocketInfo>> &sockets)
{
    // ASCII word boundaries: "连上 L0，" and "L0's" both name L0; "HTML5" names nothing. A
    // lesson's Chinese text says "conn A" as its English does: it reads "连接 A" as on the chip.
    static const QRegularExpression shortName(
        QStringLiteral("\\b(?:[LU]\\d+|(?:conn|client) [A-Z])\\b"));
    QString out;
    qsizetype from = 0;
    for (auto it = shortName.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        out += QStringView(text).mid(from, m.capturedStart() - from);
        // "conn A" is the socket named "conn:A".
        const QString name = QString(m.captured()).replace(QLatin1Char(' '), QLatin1Char(':'));
        QString label = m.captured();
        for (const auto &table : sockets) {
            const auto found = std::find_if(table.begin(), table.end(),
                                            [&](const auto &s) { return s.name == name; });
            if (found != table.end()) {
                label = socketLabel(*found);
                break;
            }
        }
        if (label == m.captured() && name.contains(QLatin1Char(':')))
            label = socketLabel(name, {}); // closed by now: still named in the window's words
        // One name on one line: a wrap inside "listener :9991" reads as two things.
        out += label.replace(QLatin1Char(' '), QChar::Nbsp);
        from = m.capturedEnd();
    }
    out += QStringView(text).mid(from);
    return out;
}

QString readySentence(const mux::ReadyNames &expected, const mux::ReadyNames &got,
                      const QHash<int, mux::SocketInfo> &sockets, bool question)
{
    auto labels = [&](QStringList names) {
        names.sort();
        QStringList out;
        for (const QString &n : names)
            out.append(socketLabel(n, sockets));
        return out.join(QCoreApplication::translate("gui::SocketLabel", ", "));
    };
    struct List {
        const QStringList &want, &have;
        const char *how;
    };
    const List lists[] = {
        {expected.r, got.r, QT_TRANSLATE_NOOP("gui::SocketLabel", "ready to read")},
        {expected.w, got.w, QT_TRANSLATE_NOOP("gui::SocketLabel", "ready to write")},
        {expected.x, got.x, QT_TRANSLATE_NOOP("gui::SocketLabel", "with an exceptional condition")},
    };
    QStringList parts;
    for (const List &l : lists) {
        QStringList a = l.want, b = l.have;
        a.sort();
        b.sort();
        if (a == b)
            continue;
        const QString returned =
            b.isEmpty() ? QCoreApplication::translate("gui::SocketLabel", "nothing") : labels(b);
        const QString how = translate(l.how);
        if (question)
            parts << (a.isEmpty() ? QCoreApplication::translate(
                                        "gui::SocketLabel",
                                        "the lesson's answer was that no socket comes back %1; "
                                        "the kernel returned: %2")
                                        .arg(how, returned)
                                  : QCoreApplication::translate(
                                        "gui::SocketLabel",
                                        "the lesson's answer was that %1 comes back %2; the "
                                        "kernel returned: %3")
                                        .arg(labels(a), how, returned));
        else
            parts << (a.isEmpty()
                          ? QCoreApplication::translate(
                                "gui::SocketLabel",
                                "expected no socket to come back %1; the kernel returned: %2")
                                .arg(how, returned)
                          : QCoreApplication::translate(
                                "gui::SocketLabel",
                                "expected %1 to come back %2; the kernel returned: %3")
                                .arg(labels(a), how, returned));
    }
    return parts.join(QCoreApplication::translate("gui::SocketLabel", "; "));
}

} // namespace gui
