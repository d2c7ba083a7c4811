#pragma once

#include "ClientConnection.h"
#include "Printable.h"

#include <QSocketNotifier>
#include <QStringList>

namespace client {

/// `muxlab --client` with no window: stdin lines are sent, what arrives goes to stdout
/// (escaped where not printable), notes and upload progress go to stderr so stdout holds
/// exactly what the server said.
///
/// Framed: a line is sent as a message; `/upload PATH` sends a file; `/close` says close.
/// At the end of stdin the queued uploads finish, then the session ends as the documents'
/// clients end it — framed `close`, or shutdown(SHUT_WR) when plain — and the client waits
/// for the server to close. Exit status: 0 when the server closed a session nothing failed in.
class TerminalClient : public QObject {
    Q_OBJECT
public:
    TerminalClient(bool framed, QStringList uploads, QObject *parent = nullptr);
    void start(const QString &host, quint16 port);

signals:
    void finished(int status);

private:
    void onStdin();
    void handleLine(const QByteArray &line);
    void nextUpload();
    void maybeEnd();
    void say(const QString &line);

    ClientConnection m_conn;
    Printable m_printable;
    QSocketNotifier *m_stdin = nullptr;
    QByteArray m_partialLine;
    QStringList m_uploads;
    bool m_framed;
    bool m_stdinDone = false;
    bool m_ended = false;
    bool m_failed = false;
    int m_lastTenth = -1;
};

} // namespace client
