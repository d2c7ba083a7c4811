#include "LessonFiles.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace mux {

namespace {

// The installed layout (GNUInstallDirs): bin/muxlab beside share/muxlab/lessons.
constexpr QLatin1String kInstalledLessons("/../share/muxlab/lessons");

bool isLessonsDir(const QString &dir)
{
    return !dir.isEmpty() && QFileInfo(dir + QStringLiteral("/README.md")).isFile();
}

// True when `path` is `dir` or below it (both canonical: a symlinked build dir still matches).
[[maybe_unused]] bool isInside(const QString &path, const QString &dir)
{
    return !dir.isEmpty() && (path == dir || path.startsWith(dir + QLatin1Char('/')));
}

} // namespace

QString lessonsDir()
{
    const QString env = qEnvironmentVariable("MUXLAB_LESSONS_DIR");
    if (isLessonsDir(env))
        return QDir(env).canonicalPath();
    const QString bin = QCoreApplication::applicationDirPath();
    if (isLessonsDir(bin + kInstalledLessons))
        return QDir(bin + kInstalledLessons).canonicalPath();
#if defined(MUXLAB_SOURCE_DIR) && defined(MUXLAB_BUILD_DIR)
    const QString build = QDir(QStringLiteral(MUXLAB_BUILD_DIR)).canonicalPath();
    const QString source = QStringLiteral(MUXLAB_SOURCE_DIR "/lessons");
    if (isInside(QDir(bin).canonicalPath(), build) && isLessonsDir(source))
        return QDir(source).canonicalPath();
#endif
    return {};
}

QString lessonFile(const QString &relative)
{
    const QString dir = lessonsDir();
    if (dir.isEmpty() || relative.isEmpty())
        return {};
    const QFileInfo f(dir + QLatin1Char('/') + relative);
    return f.isFile() ? f.absoluteFilePath() : QString();
}

} // namespace mux
