#pragma once

#include "engine/Program.h"
#include "proto/FrameDecoder.h"

#include <QHash>
#include <QJsonObject>
#include <QList>

namespace mux {

/// Document 003 §3.1–3.2: each message goes with its length first, so the receiver knows
/// where it ends whatever TCP did to the boundaries. Each conn has a FrameDecoder; every recv
/// is fed to it and every whole frame is printed (a note), never answered: the document's
/// server sends nothing, and its client never reads. A frame longer than one recv completes
/// over several ticks (the document's "read > 1024 in chunks" loop, without blocking anyone).
/// A refused length is the one thing a client is told (one line, then close).
///   params: ports [8001, 8002]
///           headers ["text", "packed"]  per listener: "text" = 4 ASCII digits (§3.1),
///                                       "packed" = struct.pack('i', n) (§3.2, the default)
///           max_length int   longest frame accepted (65536)
///           recv_size int    bytes per recv (1024)
///           show int         payloads up to this many bytes are quoted in the note (64)
///           deadline_ms int  time to finish a frame once started (30000; 0: none)
///           timeout_ms int
class LengthPrefixServer final : public Program {
public:
    explicit LengthPrefixServer(const QJsonObject &params);
    Result<void> start(Server &server) override;
    void handle(Server &server, const QList<FdEvents> &ready) override;
    int timeoutMs() const override { return m_timeoutMs; }
    void forget(int fd) override { m_decoders.remove(fd); }

private:
    QList<quint16> m_ports;
    QList<proto::FrameDecoder::Header> m_headers;
    qint64 m_maxLength = 64 * 1024;
    int m_recvSize = 1024;
    int m_show = 64;
    int m_timeoutMs = 1000;
    int m_deadlineMs = 30000; ///< to finish what a client started (0: none)
    QHash<int, proto::FrameDecoder> m_decoders;
};

} // namespace mux
