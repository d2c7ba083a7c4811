#include "SafeName.h"

#include <QDir>

namespace mux::proto {

namespace {

constexpr int kMaxNameLength = 120;

Error refuse(const QString &requested, const QString &why)
{
    QString shown = requested;
    shown.replace(QChar(0), QStringLiteral("\\0"));
    return Error{0, QStringLiteral("Refused the file name \"%1\": %2.").arg(shown.left(80), why)};
}

bool harmless(QChar c)
{
    return c.isLetterOrNumber() || QStringLiteral("._-+ ()[]").contains(c);
}

} // namespace

Result<QString> safeUploadName(const QString &requested)
{
    for (QChar c : requested) {
        if (c.unicode() == 0)
            return refuse(requested, QStringLiteral("it contains a NUL byte, which ends a path "
                                                    "early in C and hides the rest"));
        if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            return refuse(requested, QStringLiteral("it contains a control character"));
    }
    QString path = requested;
    path.replace(QLatin1Char('\\'), QLatin1Char('/'));
    // Only the last component: a client names a file, never where it goes.
    const QString base = path.section(QLatin1Char('/'), -1);
    if (base.isEmpty() || base == QLatin1String(".") || base == QLatin1String(".."))
        return refuse(requested, QStringLiteral("it does not name a file"));
    QString out;
    out.reserve(base.size());
    for (QChar c : base)
        out += harmless(c) ? c : QLatin1Char('_');
    if (out.startsWith(QLatin1Char('.')))
        out[0] = QLatin1Char('_'); // no hidden files, and no ".." by any other route
    if (out.size() > kMaxNameLength)
        out = out.left(kMaxNameLength);
    return out;
}

Result<QString> uploadPath(const QString &dataDir, const QString &requested)
{
    auto name = safeUploadName(requested);
    if (!name)
        return name.error();
    if (dataDir.isEmpty())
        return Error{0, QStringLiteral("This server has no data directory to save files in.")};
    const QString root = QDir::cleanPath(QDir(dataDir).absolutePath());
    const QString path = QDir::cleanPath(root + QLatin1Char('/') + *name);
    const QString rest = path.mid(root.size() + 1);
    if (!path.startsWith(root + QLatin1Char('/')) || rest.isEmpty() ||
        rest.contains(QLatin1Char('/')))
        return refuse(requested, QStringLiteral("it would not land inside the data directory"));
    return path;
}

} // namespace mux::proto
