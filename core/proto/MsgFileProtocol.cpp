#include "MsgFileProtocol.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <limits>

namespace mux::proto {

MsgFileParser::MsgFileParser(Limits limits) : m_limits(limits), m_decoder(limits.header) {}

MsgFileParser::Event MsgFileParser::refuse(const QString &why)
{
    m_state = State::Done;
    return Event{.kind = Event::Refused, .error = why};
}

std::optional<MsgFileParser::Event> MsgFileParser::next()
{
    using Status = FrameDecoder::Status;
    // One piece of a file can complete several events (begin, data, end): hand them out in turn.
    if (!m_queue.isEmpty())
        return m_queue.takeFirst();
    while (m_state != State::Done) {
        if (m_state == State::Header || m_state == State::MessageBody) {
            const bool isHeader = m_state == State::Header;
            m_decoder.setLimit(isHeader ? m_limits.header : m_limits.message);
            QByteArray payload;
            const Status s = m_decoder.next(&payload);
            if (s == Status::NeedMore)
                return std::nullopt;
            if (s == Status::Refused)
                return refuse(m_decoder.error());
            if (!isHeader) {
                m_state = State::Header;
                return Event{.kind = Event::Message, .bytes = payload};
            }
            if (payload == "close") {
                m_state = State::Done;
                return Event{.kind = Event::Close};
            }
            const QJsonObject h = QJsonDocument::fromJson(payload).object();
            const QString type = h.value(QStringLiteral("msg_type")).toString();
            if (type == QLatin1String("msg")) {
                m_state = State::MessageBody;
            } else if (type == QLatin1String("file")) {
                const QJsonValue name = h.value(QStringLiteral("file_name"));
                if (!name.isString())
                    return refuse(
                        QStringLiteral("Refused: a file header needs a \"file_name\" string."));
                m_fileName = name.toString();
                m_fileStarted = false;
                m_state = State::FileBody;
            } else if (h.isEmpty()) {
                return refuse(QStringLiteral("Refused: the header frame is not a JSON object like "
                                             "{\"msg_type\": \"msg\"} (nor \"close\")."));
            } else {
                return refuse(
                    QStringLiteral("Refused: unknown msg_type \"%1\"; expected \"msg\" or "
                                   "\"file\".")
                        .arg(type.left(40)));
            }
            continue;
        }
        // FileBody. The file's own limit is checked here, with a message about files; the
        // decoder still refuses negative lengths, and holds no more than what has arrived.
        m_decoder.setLimit(std::numeric_limits<qint32>::max());
        QByteArray bytes;
        bool first = false, last = false;
        const Status s = m_decoder.nextPiece(&bytes, &first, &last);
        if (s == Status::NeedMore)
            return std::nullopt;
        if (s == Status::Refused)
            return refuse(m_decoder.error());
        if (first) {
            const qint64 size = m_decoder.announced() >= 0 ? m_decoder.announced() : bytes.size();
            if (size > m_limits.file)
                return refuse(
                    QStringLiteral("Refused: the file \"%1\" is announced as %2 bytes, over "
                                   "this server's limit of %3 bytes; nothing was written.")
                        .arg(m_fileName.left(80))
                        .arg(size)
                        .arg(m_limits.file));
            m_fileStarted = true;
            m_queue.append(Event{.kind = Event::FileBegin, .fileName = m_fileName, .size = size});
        }
        if (!bytes.isEmpty())
            m_queue.append(Event{.kind = Event::FileData, .bytes = bytes});
        if (last) {
            m_queue.append(Event{.kind = Event::FileEnd, .fileName = m_fileName});
            m_fileStarted = false;
            m_state = State::Header;
        }
        return m_queue.takeFirst();
    }
    return std::nullopt;
}

} // namespace mux::proto
