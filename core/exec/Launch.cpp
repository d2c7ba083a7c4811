#include "Launch.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

#include <elf.h>
#include <sys/stat.h>

#include <cstring>

namespace mux::exec {

namespace {

Error refuse(const QString &sentence)
{
    return Error{0, sentence};
}

/// Why the loader would not load our library into `path`, or an empty string when it would.
/// A script starting with #! is judged by its interpreter.
QString cannotAttach(const QString &path, int depth = 0)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return QStringLiteral("%1 cannot be read.").arg(path);
    const QByteArray head = f.read(4096);
    if (head.startsWith("#!")) {
        if (depth > 2)
            return QStringLiteral("%1 starts a chain of #! interpreters too long to follow.")
                .arg(path);
        QByteArray line = head.mid(2, head.indexOf('\n') - 2).trimmed();
        QList<QByteArray> words = line.split(' ');
        words.removeAll(QByteArray());
        if (words.isEmpty())
            return QStringLiteral("%1 starts with #! but names no interpreter.").arg(path);
        QString interp = QString::fromLocal8Bit(words.at(0));
        if (interp.endsWith(QLatin1String("/env")) && words.size() > 1)
            interp = QStandardPaths::findExecutable(QString::fromLocal8Bit(words.at(1)));
        if (interp.isEmpty())
            return QStringLiteral("the interpreter named by #! in %1 is not found.").arg(path);
        return cannotAttach(interp, depth + 1);
    }
    struct stat st {};
    if (::stat(QFile::encodeName(path).constData(), &st) == 0 && (st.st_mode & (S_ISUID | S_ISGID)))
        return QStringLiteral("%1 is set-user-ID or set-group-ID, and the loader ignores "
                              "LD_PRELOAD for such programs, so it cannot be traced.")
            .arg(path);
    if (head.size() < qsizetype(sizeof(Elf64_Ehdr)) || !head.startsWith("\x7f"
                                                                        "ELF"))
        return QStringLiteral("%1 is neither an ELF program nor a #! script.").arg(path);
    Elf64_Ehdr eh;
    std::memcpy(&eh, head.constData(), sizeof eh);
    if (eh.e_ident[EI_CLASS] != ELFCLASS64 || eh.e_machine != EM_X86_64)
        return QStringLiteral("%1 is not an x86-64 program, so the tracing library cannot be "
                              "loaded into it.")
            .arg(path);
    // Dynamically linked means a PT_INTERP header naming the loader.
    bool dynamic = false;
    for (int i = 0; i < eh.e_phnum; ++i) {
        Elf64_Phdr ph;
        if (!f.seek(qint64(eh.e_phoff) + qint64(i) * eh.e_phentsize) ||
            f.read(reinterpret_cast<char *>(&ph), sizeof ph) != sizeof ph)
            break;
        dynamic = dynamic || ph.p_type == PT_INTERP;
    }
    if (!dynamic)
        return QStringLiteral("%1 is statically linked, so no library can be loaded into it and "
                              "its calls cannot be traced.")
            .arg(path);
    return {};
}

} // namespace

Result<Command> resolveCommand(QStringList argv, const QString &workingDir)
{
    if (argv.isEmpty())
        return refuse(QStringLiteral("--exec needs a command after --."));
    const QDir base(workingDir.isEmpty() ? QDir::currentPath() : workingDir);
    Command c;
    if (argv.size() == 1 && argv.at(0).endsWith(QLatin1String(".py"))) {
        const QString python = QStandardPaths::findExecutable(QStringLiteral("python3"));
        if (python.isEmpty())
            return refuse(
                QStringLiteral("python3 is not found in PATH, so %1 cannot run.").arg(argv.at(0)));
        argv.prepend(python);
    }
    const QString name = argv.takeFirst();
    QString path;
    if (name.contains(QLatin1Char('/')))
        path = base.absoluteFilePath(name);
    else
        path = QStandardPaths::findExecutable(name);
    const QFileInfo info(path);
    if (path.isEmpty() || !info.exists())
        return refuse(QStringLiteral("%1: command not found.").arg(name));
    if (info.isDir() || !info.isExecutable())
        return refuse(QStringLiteral("%1 is not an executable program.").arg(path));
    if (const QString why = cannotAttach(path); !why.isEmpty())
        return refuse(why);
    c.program = info.absoluteFilePath();
    c.args = argv;
    for (const QString &a : argv)
        if (a.endsWith(QLatin1String(".py"))) {
            c.script = base.absoluteFilePath(a);
            break;
        }
    return c;
}

QString preloadLibrary()
{
    const QString env = qEnvironmentVariable("MUXLAB_PRELOAD");
    if (!env.isEmpty())
        return env;
    // A build tree has it next to the binary; an installed muxlab (bin/) in lib/muxlab/ or
    // lib/<multiarch>/muxlab/ beside bin/.
    const QString bin = QCoreApplication::applicationDirPath();
    const QString here = bin + QStringLiteral("/libmuxtrace.so");
    for (const QString &dir :
         {QStringLiteral("/../lib/muxlab"), QStringLiteral("/../lib/x86_64-linux-gnu/muxlab")})
        if (const QString path = QDir::cleanPath(bin + dir + QStringLiteral("/libmuxtrace.so"));
            !QFileInfo::exists(here) && QFileInfo::exists(path))
            return path;
    return here;
}

} // namespace mux::exec
