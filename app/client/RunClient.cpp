#include "RunClient.h"

#include "ClientWindow.h"
#include "TerminalClient.h"

#include <QApplication>

namespace client {

int runClient(const cli::Options &o)
{
    if (qobject_cast<QApplication *>(QCoreApplication::instance())) {
        ClientWindow w(o.host, quint16(o.port), o.framed);
        w.show();
        w.connectNow();
        for (const QString &path : o.uploads) // sent once the connection is up
            QObject::connect(&w.connection(), &ClientConnection::connected, &w,
                             [&w, path] { w.connection().upload(path); });
        return QApplication::exec();
    }
    TerminalClient t(o.framed, o.uploads);
    QObject::connect(&t, &TerminalClient::finished, QCoreApplication::instance(),
                     &QCoreApplication::exit);
    t.start(o.host, quint16(o.port));
    return QCoreApplication::exec();
}

} // namespace client
