#pragma once

#include <QFile>
#include <QObject>
#include <QTcpSocket>

namespace client {

/// muxlab's own client: one real TCP connection to a lesson's server, in a separate process,
/// doing what the documents' client programs do. Plain: bytes as typed. Framed: document 003
/// §3.3's message/file protocol — a length-prefixed JSON header, then a length-prefixed payload;
/// a framed `close` ends the session.
///
/// A file is streamed, never held whole: the next piece is handed to the socket only when the
/// kernel has taken most of the last, so progress() reports what really left this process.
class ClientConnection : public QObject {
    Q_OBJECT
public:
    explicit ClientConnection(QObject *parent = nullptr);

    void connectTo(const QString &host, quint16 port);
    bool isConnected() const { return m_socket.state() == QAbstractSocket::ConnectedState; }
    /// The connection came up at some point (closed() after it is the end of a session).
    bool wasConnected() const { return m_wasConnected; }
    QString peer() const;

    /// Bytes exactly as given (plain mode: a typed line plus its newline).
    void sendRaw(const QByteArray &bytes);
    /// {"msg_type": "msg"} then the text, both framed.
    void sendMessage(const QString &text);
    /// {"msg_type": "file", "file_name": …} then the file's bytes, framed. False (and
    /// failed()) when the file cannot be read or another upload is under way.
    bool upload(const QString &path);
    bool isUploading() const { return m_file.isOpen(); }
    /// The framed `close`: the server answers and ends the session.
    void sendClose();
    /// shutdown(SHUT_WR): nothing more from us; the server's replies still arrive.
    void finishSending();
    void disconnectNow() { m_socket.abort(); }

signals:
    void connected();
    void received(const QByteArray &bytes);
    /// Body bytes of the current upload the kernel has taken, of `total`.
    void progress(const QString &fileName, qint64 sent, qint64 total);
    void uploaded(const QString &fileName, qint64 total);
    void closed();
    /// One sentence: why connecting, sending or reading a file failed.
    void failed(const QString &sentence);

private:
    void pump();
    void reportProgress();

    QTcpSocket m_socket;
    QFile m_file;
    QString m_fileName;
    qint64 m_fileSize = 0;
    qint64 m_bodyQueued = 0; ///< body bytes handed to m_socket so far
    qint64 m_lastReported = -1;
    bool m_wasConnected = false;
    QString m_host;
    quint16 m_port = 0;
};

} // namespace client
