#pragma once

#include "net/Result.h"

#include <QString>

namespace mux::proto {

/// Turns a file name a client sent into one that is safe to create inside the data dir.
///
/// Document 003 joins whatever name arrives onto its folder: "../../etc/passwd" or
/// "/home/you/.bashrc" would land outside it. Here only the last path component is kept
/// (after treating backslashes as separators, as Windows clients send them), characters that
/// mean something to a shell or a file system become '_', and a leading dot becomes '_' so no
/// hidden file or "..". Names that are nothing after that (empty, ".", "..", a bare "/") or
/// that hold a NUL or a control character are refused with one sentence.
Result<QString> safeUploadName(const QString &requested);

/// The absolute path in `dataDir` for `requested`, or why not. Checks once more that the
/// cleaned path lies strictly inside dataDir, so a mistake above cannot escape it.
Result<QString> uploadPath(const QString &dataDir, const QString &requested);

} // namespace mux::proto
