#include "RunClient.h"

#include "ClientWindow.h"
#include "TerminalClient.h"
#include "gui/Language.h"

#include <QApplication>

namespace client {

int runClient(const cli::Options &o)
{
    // The window's strings are in the app's translation; an unknown language stays English.
    gui::Language language;
    language.set(o.lang);
    if (qobject_cast<QApplication *>(QCoreApplication::instance())) {
        ClientWindow w(o.host, quint16(o.port), o.framed);
        w.show();
        w.connectNow();
        // The files --upload names go once the connection is up, one after the other.
        QStringList queue = o.uploads;
        auto next = [&w, &queue] {
            if (!queue.isEmpty())
                w.connection().upload(queue.takeFirst());
        };
        QObject::connect(&w.connection(), &ClientConnection::connected, &w, next);
        QObject::connect(&w.connection(), &ClientConnection::uploaded, &w, next);
        return QApplication::exec();
    }
    TerminalClient t(o.framed, o.uploads);
    QObject::connect(&t, &TerminalClient::finished, QCoreApplication::instance(),
                     &QCoreApplication::exit);
    t.start(o.host, quint16(o.port));
    return QCoreApplication::exec();
}

} // namespace client
