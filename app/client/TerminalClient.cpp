#include "TerminalClient.h"

#include <cstdio>
#include <unistd.h>

namespace client {

TerminalClient::TerminalClient(bool framed, QStringList uploads, QObject *parent)
    : QObject(parent), m_uploads(std::move(uploads)), m_framed(framed)
{
    connect(&m_conn, &ClientConnection::connected, this, [this] {
        say(QStringLiteral("connected to %1").arg(m_conn.peer()));
        m_stdin = new QSocketNotifier(STDIN_FILENO, QSocketNotifier::Read, this);
        connect(m_stdin, &QSocketNotifier::activated, this, &TerminalClient::onStdin);
        nextUpload();
    });
    connect(&m_conn, &ClientConnection::received, this, [this](const QByteArray &bytes) {
        std::fputs(m_printable.feed(bytes).toUtf8().constData(), stdout);
        std::fflush(stdout);
    });
    connect(&m_conn, &ClientConnection::progress, this,
            [this](const QString &name, qint64 sent, qint64 total) {
                // A line per tenth: enough to see it move, few enough to read.
                const int tenth = total > 0 ? int(sent * 10 / total) : 10;
                if (tenth == m_lastTenth)
                    return;
                m_lastTenth = tenth;
                say(QStringLiteral("upload %1: %2/%3 bytes (%4%)")
                        .arg(name)
                        .arg(sent)
                        .arg(total)
                        .arg(total > 0 ? sent * 100 / total : 100));
            });
    connect(&m_conn, &ClientConnection::uploaded, this, [this](const QString &name, qint64 total) {
        say(QStringLiteral("upload %1: sent, %2 bytes").arg(name).arg(total));
        m_lastTenth = -1;
        nextUpload();
    });
    connect(&m_conn, &ClientConnection::failed, this, [this](const QString &sentence) {
        m_failed = true;
        say(sentence);
    });
    connect(&m_conn, &ClientConnection::closed, this, [this] {
        std::fputs(m_printable.flush().toUtf8().constData(), stdout);
        std::fflush(stdout);
        if (m_conn.wasConnected())
            say(QStringLiteral("the server closed the connection"));
        else
            m_failed = true; // failed() said why
        emit finished(m_failed ? 1 : 0);
    });
}

void TerminalClient::start(const QString &host, quint16 port)
{
    m_conn.connectTo(host, port);
}

void TerminalClient::say(const QString &line)
{
    std::fprintf(stderr, "muxlab: %s\n", line.toUtf8().constData());
}

void TerminalClient::onStdin()
{
    char buf[4096];
    const ssize_t n = ::read(STDIN_FILENO, buf, sizeof buf);
    if (n <= 0) { // end of input (or an unreadable stdin): no more to send
        m_stdin->setEnabled(false);
        if (!m_partialLine.isEmpty())
            handleLine(std::exchange(m_partialLine, {}));
        m_stdinDone = true;
        maybeEnd();
        return;
    }
    m_partialLine.append(buf, n);
    qsizetype nl;
    while ((nl = m_partialLine.indexOf('\n')) >= 0) {
        const QByteArray line = m_partialLine.left(nl);
        m_partialLine.remove(0, nl + 1);
        handleLine(line);
    }
}

void TerminalClient::handleLine(const QByteArray &line)
{
    if (!m_framed) {
        m_conn.sendRaw(line + '\n');
        return;
    }
    const QString text = QString::fromUtf8(line);
    if (text.startsWith(QLatin1String("/upload "))) {
        m_uploads.append(text.mid(8).trimmed());
        if (!m_conn.isUploading())
            nextUpload();
    } else if (text == QLatin1String("/close")) {
        m_ended = true;
        m_conn.sendClose();
    } else {
        m_conn.sendMessage(text);
    }
}

void TerminalClient::nextUpload()
{
    while (!m_uploads.isEmpty() && !m_conn.isUploading())
        if (!m_conn.upload(m_uploads.takeFirst()))
            m_failed = true;
    maybeEnd();
}

void TerminalClient::maybeEnd()
{
    if (!m_stdinDone || m_ended || m_conn.isUploading() || !m_uploads.isEmpty())
        return;
    m_ended = true;
    if (m_framed)
        m_conn.sendClose();
    else
        m_conn.finishSending();
}

} // namespace client
