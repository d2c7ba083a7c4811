#include "ClientConnection.h"

#include "proto/FrameDecoder.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

#include <sys/socket.h>

namespace client {

namespace {
// Enough in flight to keep loopback busy, little enough that progress means something.
constexpr qint64 kPiece = 64 * 1024;
constexpr qint64 kInFlight = 256 * 1024;

QByteArray header(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}
} // namespace

ClientConnection::ClientConnection(QObject *parent) : QObject(parent)
{
    connect(&m_socket, &QTcpSocket::connected, this, [this] {
        m_wasConnected = true;
        emit connected();
    });
    connect(&m_socket, &QTcpSocket::readyRead, this, [this] { emit received(m_socket.readAll()); });
    connect(&m_socket, &QTcpSocket::bytesWritten, this, [this] {
        if (m_file.isOpen())
            pump();
    });
    connect(&m_socket, &QTcpSocket::disconnected, this, [this] {
        if (m_file.isOpen()) {
            m_file.close();
            emit failed(
                tr("The server closed the connection before %1 was sent whole.").arg(m_fileName));
        }
        emit closed();
    });
    connect(&m_socket, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError e) {
        // The server closing is the normal end of a session, not an error to report.
        if (!m_wasConnected)
            emit failed(tr("Could not connect to %1:%2: %3.")
                            .arg(m_host)
                            .arg(m_port)
                            .arg(m_socket.errorString()));
        else if (e != QAbstractSocket::RemoteHostClosedError)
            emit failed(m_socket.errorString());
        // A connection that never came up ends here; one that did ends in disconnected().
        if (!m_wasConnected && m_socket.state() == QAbstractSocket::UnconnectedState)
            emit closed();
    });
}

void ClientConnection::connectTo(const QString &host, quint16 port)
{
    m_host = host;
    m_port = port;
    m_socket.connectToHost(host, port);
}

QString ClientConnection::peer() const
{
    return QStringLiteral("%1:%2").arg(m_socket.peerAddress().toString()).arg(m_socket.peerPort());
}

void ClientConnection::sendRaw(const QByteArray &bytes)
{
    m_socket.write(bytes);
}

void ClientConnection::sendMessage(const QString &text)
{
    m_socket.write(
        mux::proto::frame(header({{QStringLiteral("msg_type"), QStringLiteral("msg")}})) +
        mux::proto::frame(text.toUtf8()));
}

bool ClientConnection::upload(const QString &path)
{
    if (m_file.isOpen()) {
        emit failed(tr("%1 is still being sent; wait for it to finish.").arg(m_fileName));
        return false;
    }
    m_file.setFileName(path);
    if (!m_file.open(QIODevice::ReadOnly)) {
        emit failed(tr("%1 cannot be read: %2").arg(path, m_file.errorString()));
        return false;
    }
    m_fileName = QFileInfo(path).fileName();
    m_fileSize = m_file.size();
    m_bodyQueued = 0;
    m_lastReported = -1;
    m_socket.write(mux::proto::frame(header({{QStringLiteral("msg_type"), QStringLiteral("file")},
                                             {QStringLiteral("file_name"), m_fileName}})) +
                   mux::proto::packLength(qint32(m_fileSize)));
    pump();
    return true;
}

void ClientConnection::pump()
{
    while (m_file.isOpen() && m_socket.bytesToWrite() < kInFlight) {
        const QByteArray piece = m_file.read(kPiece);
        if (piece.isEmpty())
            break;
        m_socket.write(piece);
        m_bodyQueued += piece.size();
    }
    reportProgress();
}

void ClientConnection::reportProgress()
{
    const qint64 sent = std::clamp<qint64>(m_bodyQueued - m_socket.bytesToWrite(), 0, m_fileSize);
    if (sent != m_lastReported) {
        m_lastReported = sent;
        emit progress(m_fileName, sent, m_fileSize);
    }
    if (sent == m_fileSize && m_bodyQueued == m_fileSize) {
        m_file.close();
        emit uploaded(m_fileName, m_fileSize);
    }
}

void ClientConnection::sendClose()
{
    m_socket.write(mux::proto::frame("close"));
}

void ClientConnection::finishSending()
{
    m_socket.flush();
    // QTcpSocket has no half-close; the descriptor is ours to shut down. What is still
    // buffered was just flushed as far as the kernel would take it.
    if (m_socket.bytesToWrite() == 0)
        ::shutdown(int(m_socket.socketDescriptor()), SHUT_WR);
    else
        connect(&m_socket, &QTcpSocket::bytesWritten, this, [this] {
            if (m_socket.bytesToWrite() == 0)
                ::shutdown(int(m_socket.socketDescriptor()), SHUT_WR);
        });
}

} // namespace client
