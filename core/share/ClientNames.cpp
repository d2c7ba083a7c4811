#include "ClientNames.h"

#include <algorithm>

namespace mux::share {

QStringList clientNamesIn(const Trace &trace, QStringList names)
{
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
            const bool opens = a.call == Action::Call::Connect;
            QString socket = (opens ? after : before).value(a.fd).name;
            if (socket.isEmpty())
                socket = (opens ? before : after).value(a.fd).name;
            if (!socket.startsWith(QLatin1String("client:")))
                continue;
            while (names.size() <= a.client)
                names.append(QString::number(names.size()));
            names[a.client] = socket.mid(7);
        }
    }
    return names;
}

} // namespace mux::share
