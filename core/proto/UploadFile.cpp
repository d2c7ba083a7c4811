#include "UploadFile.h"

#include "SafeName.h"

#include <QDir>
#include <QFileInfo>

namespace mux::proto {

UploadFile::UploadFile(const QString &path, const QString &name, qint64 size)
    : m_file(path), m_name(name), m_size(size)
{
}

UploadFile::~UploadFile()
{
    abort();
}

Result<std::unique_ptr<UploadFile>>
UploadFile::begin(const QString &dataDir, const QString &requestedName, qint64 size, qint64 limit)
{
    if (size < 0)
        return Error{0, QStringLiteral("Refused: a file cannot be %1 bytes long.").arg(size)};
    if (size > limit)
        return Error{0, QStringLiteral("Refused: the file is announced as %1 bytes, over this "
                                       "server's limit of %2 bytes; nothing was written.")
                            .arg(size)
                            .arg(limit)};
    auto path = uploadPath(dataDir, requestedName);
    if (!path)
        return path.error();
    if (!QDir().mkpath(dataDir))
        return Error{0, QStringLiteral("Cannot create the data directory.")};
    std::unique_ptr<UploadFile> up(new UploadFile(*path, QFileInfo(*path).fileName(), size));
    // Never write straight onto the target, even where a temporary file cannot be made.
    up->m_file.setDirectWriteFallback(false);
    if (!up->m_file.open(QIODevice::WriteOnly))
        return Error{0, QStringLiteral("Cannot create a temporary file for \"%1\": %2.")
                            .arg(up->m_name, up->m_file.errorString())};
    return up;
}

Result<void> UploadFile::write(QByteArrayView bytes)
{
    if (m_written + bytes.size() > m_size)
        return Error{0, QStringLiteral("Refused: more bytes than the %1 announced.").arg(m_size)};
    if (m_file.write(bytes.data(), bytes.size()) != bytes.size())
        return Error{0,
                     QStringLiteral("Cannot write \"%1\": %2.").arg(m_name, m_file.errorString())};
    m_hash.addData(bytes);
    m_written += bytes.size();
    return {};
}

Result<void> UploadFile::finish()
{
    if (!complete())
        return Error{0, QStringLiteral("\"%1\" is incomplete: %2 of %3 bytes.")
                            .arg(m_name)
                            .arg(m_written)
                            .arg(m_size)};
    m_done = true;
    if (!m_file.commit())
        return Error{0,
                     QStringLiteral("Cannot save \"%1\": %2.").arg(m_name, m_file.errorString())};
    return {};
}

void UploadFile::abort()
{
    if (m_done)
        return;
    m_done = true;
    // QSaveFile removes its temporary file when writing is cancelled and it is destroyed;
    // cancelWriting makes sure a later commit() could not publish it either.
    m_file.cancelWriting();
    m_file.commit(); // a cancelled commit fails and removes the temporary file now
}

} // namespace mux::proto
