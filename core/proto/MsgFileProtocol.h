#pragma once

#include "FrameDecoder.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace mux::proto {

/// The message + file protocol of document 003 §3.3, as a parser with no I/O of its own.
///
/// The client sends pairs of frames: a JSON header, then the payload it describes.
///   header {"msg_type": "msg"}                      then a frame holding the message text
///   header {"msg_type": "file", "file_name": "…"}   then a frame holding the file's bytes
/// and a frame holding just `close` ends the session. Messages and headers are held whole (up
/// to their limits); a file body is handed on in pieces as it arrives, so a large file is
/// never held in memory.
class MsgFileParser {
public:
    struct Limits {
        qint64 header = 4 * 1024;
        qint64 message = 64 * 1024;
        qint64 file = 1024 * 1024;
    };
    struct Event {
        enum Kind {
            Message,   ///< `bytes`: the message text
            FileBegin, ///< `fileName` as the client sent it, `size` as announced
            FileData,  ///< `bytes`: the next piece of the file
            FileEnd,   ///< the announced size has arrived
            Close,     ///< the client said `close`; nothing more is read
            Refused,   ///< `error`: one sentence; nothing more is read
        };
        Kind kind = Message;
        QByteArray bytes;
        QString fileName;
        qint64 size = 0;
        QString error;
    };

    MsgFileParser() : MsgFileParser(Limits{}) {}
    explicit MsgFileParser(Limits limits);

    /// Bytes as recv returned them, in any split.
    void feed(QByteArrayView bytes) { m_decoder.feed(bytes); }
    /// The next event the fed bytes complete, or nothing until more arrive.
    std::optional<Event> next();
    /// True after Close or Refused.
    bool finished() const { return m_state == State::Done; }
    /// A file is part-way through (its FileBegin came, its FileEnd not yet).
    bool inFile() const { return m_state == State::FileBody && m_fileStarted; }
    /// Between two units: nothing of a next header, message or file has arrived yet.
    bool idle() const
    {
        return m_state == State::Header && m_decoder.announced() < 0 && m_decoder.buffered() == 0;
    }

private:
    enum class State { Header, MessageBody, FileBody, Done };
    Event refuse(const QString &why);

    Limits m_limits;
    FrameDecoder m_decoder;
    State m_state = State::Header;
    QString m_fileName;
    bool m_fileStarted = false;
    QList<Event> m_queue;
};

} // namespace mux::proto
