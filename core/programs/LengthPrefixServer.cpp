#include "LengthPrefixServer.h"
#include "Listen.h"

#include "ProgramFactory.h"

#include "Refuse.h"
#include "engine/Server.h"
#include <QCoreApplication>

#include <QJsonArray>

namespace mux {

using proto::FrameDecoder;

LengthPrefixServer::LengthPrefixServer(const QJsonObject &p)
    : m_ports(portsParam(p)),
      m_maxLength(p.value(QStringLiteral("max_length")).toInteger(64 * 1024)),
      m_recvSize(p.value(QStringLiteral("recv_size")).toInt(1024)),
      m_show(p.value(QStringLiteral("show")).toInt(64)),
      m_timeoutMs(p.value(QStringLiteral("timeout_ms")).toInt(1000)),
      m_deadlineMs(p.value(QStringLiteral("deadline_ms")).toInt(30000))
{
    for (const QJsonValue &h : p.value(QStringLiteral("headers")).toArray())
        m_headers.append(h.toString() == QLatin1String("text") ? FrameDecoder::Header::Text
                                                               : FrameDecoder::Header::Packed);
}

Result<void> LengthPrefixServer::start(Server &server)
{
    return listenOnEvery(server, m_ports);
}

void LengthPrefixServer::handle(Server &server, const QList<FdEvents> &ready)
{
    for (const FdEvents &r : ready) {
        if (server.isListener(r.fd)) {
            const int conn = acceptAndWatch(server, r.fd);
            if (conn >= 0)
                m_decoders.insert(
                    conn, FrameDecoder(m_maxLength, m_headers.value(server.listenerIndex(r.fd),
                                                                    FrameDecoder::Header::Packed)));
            continue;
        }
        if (!server.info(r.fd))
            continue;
        FrameDecoder &decoder = m_decoders[r.fd];
        auto data = server.recv(r.fd, m_recvSize);
        if (!data || data->isEmpty()) {
            if (decoder.announced() >= 0)
                server.note(r.fd,
                            QStringLiteral("The client left in the middle of a %1-byte frame.")
                                .arg(decoder.announced()));
            m_decoders.remove(r.fd);
            server.close(r.fd);
            continue;
        }
        decoder.feed(*data);
        QByteArray payload;
        FrameDecoder::Status s;
        while ((s = decoder.next(&payload)) == FrameDecoder::Status::Frame) {
            server.clearDeadline(r.fd);
            // Printed, as the document's server prints each message; it sends nothing back,
            // and a reply its client never reads would turn the client's close into a reset.
            QString line = QStringLiteral("frame %1 bytes").arg(payload.size());
            if (payload.size() <= m_show)
                line += QStringLiteral(": ") + QString::fromUtf8(payload);
            server.note(r.fd, line);
        }
        if (s == FrameDecoder::Status::Refused) {
            const Server::Branch invalid(server, Site::Invalid);
            server.refuse(r.fd, decoder.error());
            m_decoders.remove(r.fd);
            continue;
        }
        // A started frame must be finished in time; a whole one frees the client again.
        if (decoder.announced() >= 0 || decoder.buffered() > 0)
            server.setDeadline(
                r.fd, m_deadlineMs,
                QT_TRANSLATE_NOOP("Deadline", "no whole frame within %1 s of its first byte."));
        if (decoder.announced() >= 0) {
            // Half a frame is no error: the rest comes with a later recv, maybe a later tick.
            server.note(r.fd, QStringLiteral("%1 of a %2-byte frame so far; waiting for the rest.")
                                  .arg(decoder.buffered())
                                  .arg(decoder.announced()));
        }
    }
}

} // namespace mux
