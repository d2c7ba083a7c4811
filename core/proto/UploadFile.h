#pragma once

#include "net/Result.h"

#include <QCryptographicHash>
#include <QSaveFile>
#include <QString>

#include <memory>

namespace mux::proto {

/// One file arriving over a connection, written so that a half-sent file never appears:
/// the bytes go to a temporary file beside the target (QSaveFile: on Linux an unnamed
/// O_TMPFILE, elsewhere "name.XXXXXX") that takes the target's name only when the announced
/// size has arrived. Dropping an unfinished upload — the client reset or went away mid-file —
/// removes the temporary file.
///
/// The size is checked against the limit before anything is created, so a client announcing
/// more than the server takes costs nothing on disk.
class UploadFile {
public:
    /// Starts an upload of `size` bytes named `requestedName` (made safe, see SafeName.h)
    /// inside `dataDir`, which is created when missing.
    static Result<std::unique_ptr<UploadFile>>
    begin(const QString &dataDir, const QString &requestedName, qint64 size, qint64 limit);
    ~UploadFile();

    /// Appends bytes; refuses more than the announced size.
    Result<void> write(QByteArrayView bytes);
    /// Renames the temporary file onto the target; only once every announced byte is in.
    Result<void> finish();
    /// Drops the temporary file (also what the destructor does to an unfinished upload).
    void abort();

    const QString &savedName() const { return m_name; }
    qint64 size() const { return m_size; }
    qint64 written() const { return m_written; }
    bool complete() const { return m_written == m_size; }
    /// MD5 of the bytes written, so a client can check the server got exactly its file.
    QByteArray md5Hex() const { return m_hash.result().toHex(); }

private:
    UploadFile(const QString &path, const QString &name, qint64 size);

    QSaveFile m_file;
    QString m_name;
    qint64 m_size = 0;
    qint64 m_written = 0;
    QCryptographicHash m_hash{QCryptographicHash::Md5};
    bool m_done = false;
};

} // namespace mux::proto
