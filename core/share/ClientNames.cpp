#include "ClientNames.h"

#include <algorithm>

namespace mux::share {

QString nextClientName(const QStringList &taken)
{
    for (int i = 0; i < 26 * 27; ++i) {
        const QString candidate = i < 26 ? QString(QChar(u'A' + i))
                                         : QString(QChar(u'A' + i / 26 - 1)) + QChar(u'A' + i % 26);
        if (!taken.contains(candidate))
            return candidate;
    }
    return {};
}

QStringList clientNamesIn(const Trace &trace, QStringList names)
{
    QHash<int, QString> named; // by the trace's sockets
    int count = int(names.size());
    for (qsizetype i = trace.firstKept(); i < trace.size(); ++i) {
        const QList<Action> &actions = trace.at(i).actions;
        const auto byClient = [](const Action &a) {
            return a.actor == Action::Actor::Client && a.fd >= 0 && a.client >= 0;
        };
        if (std::none_of(actions.begin(), actions.end(), byClient))
            continue;
        // A connect names the socket it opens; any other call a socket open before the tick
        // (at the first kept tick: one the dropped ticks opened).
        const QHash<int, SocketInfo> before = trace.socketsAt(i - 1);
        const QHash<int, SocketInfo> after = trace.socketsAt(i);
        for (const Action &a : actions) {
            if (!byClient(a))
                continue;
            count = std::max(count, a.client + 1);
            const bool opens = a.call == Action::Call::Connect;
            QString socket = (opens ? after : before).value(a.fd).name;
            if (socket.isEmpty())
                socket = (opens ? before : after).value(a.fd).name;
            if (socket.startsWith(QLatin1String("client:")))
                named.insert(a.client, socket.mid(7));
        }
    }
    // Client k was added after the clients before it, so it took the first name they left.
    for (int k = 0; k < count; ++k) {
        const QString name = named.value(k, k < names.size() ? names[k] : QString());
        if (k < names.size())
            names[k] = name.isEmpty() ? nextClientName(names.first(k)) : name;
        else
            names.append(name.isEmpty() ? nextClientName(names) : name);
    }
    return names;
}

} // namespace mux::share
