#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace mux::proto {

/// The length prefix of document 003 §3.2: Python's struct.pack('i', n), a signed 32-bit
/// little-endian length (on x86-64), followed by n bytes of payload.
QByteArray packLength(qint32 n);
/// packLength(payload.size()) + payload: one whole frame.
QByteArray frame(QByteArrayView payload);

/// Cuts a TCP byte stream back into the frames the sender meant.
///
/// TCP keeps no message boundaries (two sends may come back as one recv, one send as two), so
/// bytes are fed here in whatever pieces recv returned and frames come out whole. The length
/// header is checked before any room is made for the payload: a learner typing "hello" into nc
/// sends "hell" = 0x6c6c6568, a claim of 1.7 GB that must be refused, not allocated.
///
/// Two header kinds: Packed (4 bytes, struct.pack('i', n)) and Text (4 ASCII characters, the
/// length written as a decimal number padded to 4: document 003 §3.1 reads recv(4) and int()s
/// it, which only works when the sender pads).
class FrameDecoder {
public:
    enum class Header { Packed, Text };
    enum class Status { NeedMore, Frame, Refused };
    static constexpr int kHeaderSize = 4;

    explicit FrameDecoder(qint64 limit = 64 * 1024, Header header = Header::Packed);

    /// The largest payload accepted from the next header on (a file body may allow more than a
    /// message does).
    void setLimit(qint64 limit) { m_limit = limit; }
    qint64 limit() const { return m_limit; }

    /// Adds bytes exactly as recv returned them. Ignored once refused.
    void feed(QByteArrayView bytes);

    /// Takes the next whole frame into *payload when one is complete.
    Status next(QByteArray *payload);

    /// For payloads too big to hold (a file): takes what has arrived so far of the current
    /// frame. Returns Frame with *first set on the first piece of a frame (the length is then
    /// known even if no payload byte has come yet) and *last on the piece that completes it.
    Status nextPiece(QByteArray *bytes, bool *first, bool *last);

    /// Why the stream was refused: one sentence a learner can read.
    const QString &error() const { return m_error; }
    bool refused() const { return !m_error.isEmpty(); }
    /// The announced length of the frame in progress; -1 until its header is complete.
    qint64 announced() const { return m_length; }
    /// Payload bytes of the frame in progress already handed out by nextPiece.
    qint64 delivered() const { return m_delivered; }
    /// Bytes fed but not yet handed out (for tests: never near a refused claim).
    qsizetype buffered() const { return m_buf.size() - m_pos; }
    qsizetype bufferCapacity() const { return m_buf.capacity(); }

private:
    Status readHeader();
    void compact();

    qint64 m_limit;
    Header m_header;
    QByteArray m_buf;
    qsizetype m_pos = 0;    // first byte of m_buf not yet consumed
    qint64 m_length = -1;   // payload length of the current frame, -1 while reading a header
    qint64 m_delivered = 0; // payload bytes of the current frame handed out already
    bool m_started = false; // nextPiece has reported the current frame's first piece
    QString m_error;
};

/// Describes 4 header bytes for a learner: hex, and the text they spell when printable.
QString describeHeader(QByteArrayView header);

} // namespace mux::proto
