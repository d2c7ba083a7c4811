#pragma once

extern "C" {
#include "exec/preload/muxtrace_proto.h"
}

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace mux::exec {

/// One record as libmuxtrace.so wrote it (preload/muxtrace_proto.h), parsed.
struct Record {
    mt_rec head{};
    QList<mt_pair> pairs;
    QByteArray data;
    QString source; ///< "FILE:LINE" on MT_ENTER from a Python program, else empty
};

/// Cuts the channel's byte stream into records. A record may arrive in pieces; `next()` returns
/// one only when all of it is here. A size the library could never have written means the
/// stream is not ours any more: `broken()` turns true and nothing more is read.
class RecordReader {
public:
    void feed(const char *bytes, qsizetype n) { m_buf.append(bytes, n); }
    std::optional<Record> next();
    bool broken() const { return m_broken; }

private:
    QByteArray m_buf;
    qsizetype m_at = 0;
    bool m_broken = false;
};

} // namespace mux::exec
