#include "Launcher.h"

#include "lesson/LessonFiles.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>

namespace gui {

namespace {

// Debian's alternative first: it is whatever the user chose.
const char *const kTerminals[] = {"x-terminal-emulator", "gnome-terminal", "konsole",
                                  "xfce4-terminal", "xterm"};

QString shellQuoted(const QString &arg)
{
    static const QString safe = QStringLiteral("-_./:=@%+,");
    bool plain = !arg.isEmpty();
    for (QChar c : arg)
        plain = plain && (c.isLetterOrNumber() || safe.contains(c));
    if (plain)
        return arg;
    QString q = arg;
    q.replace(QLatin1Char('\''), QLatin1String("'\\''"));
    return QLatin1Char('\'') + q + QLatin1Char('\'');
}

} // namespace

QString ClientCommand::text() const
{
    QStringList parts{shellQuoted(program)};
    for (const QString &a : args)
        parts.append(shellQuoted(a));
    return parts.join(QLatin1Char(' '));
}

Launcher::Launcher(QObject *parent)
    : QObject(parent), m_muxlab(QCoreApplication::applicationFilePath())
{
}

QString Launcher::lessonsDir()
{
    return mux::lessonsDir();
}

QList<ClientCommand> Launcher::commandsFor(const mux::Lesson &lesson,
                                           const QList<mux::net::Endpoint> &listeners) const
{
    QList<ClientCommand> out;
    if (listeners.isEmpty())
        return out;
    const bool framed = lesson.program == QLatin1String("msg-file");
    const mux::net::Endpoint first = listeners.first();
    const QString port = QString::number(first.port);
    if (!framed)
        for (const mux::net::Endpoint &l : listeners)
            for (const QString &program : {QStringLiteral("nc"), QStringLiteral("telnet")})
                out.append({program, program, {l.host, QString::number(l.port)}, l});
    // --wait: the window runs a tick only when the teacher steps, so the client waits for its
    // replies as long as the class does instead of timing out.
    if (const QString dir = lessonsDir(); !dir.isEmpty() && !lesson.clientScript.isEmpty())
        out.append({QStringLiteral("python3"),
                    QStringLiteral("python3"),
                    {dir + QLatin1Char('/') + lesson.clientScript, QStringLiteral("--host"),
                     first.host, QStringLiteral("--port"), port, QStringLiteral("--wait")},
                    first});
    out.append({QStringLiteral("muxlab"), m_muxlab, ownClientArgs(first, framed), first, framed});
    return out;
}

QStringList Launcher::ownClientArgs(const mux::net::Endpoint &server, bool framed) const
{
    QStringList args{QStringLiteral("--client"), QStringLiteral("--host"), server.host,
                     QStringLiteral("--port"), QString::number(server.port)};
    if (framed)
        args.append(QStringLiteral("--framed"));
    // English is the client's default; a Chinese class gets a Chinese window.
    if (m_lang != QLatin1String("en"))
        args << QStringLiteral("--lang") << m_lang;
    return args;
}

QString Launcher::find(const QString &name) const
{
    return m_searchPaths.isEmpty() ? QStandardPaths::findExecutable(name)
                                   : QStandardPaths::findExecutable(name, m_searchPaths);
}

bool Launcher::isInstalled(const ClientCommand &cmd) const
{
    return QFileInfo(cmd.program).isAbsolute() ? QFileInfo(cmd.program).isExecutable()
                                               : !find(cmd.program).isEmpty();
}

QString Launcher::terminal() const
{
    for (const char *t : kTerminals)
        if (const QString path = find(QLatin1String(t)); !path.isEmpty())
            return path;
    return {};
}

QStringList Launcher::terminalArgs(const QString &terminal, const ClientCommand &cmd)
{
    const QString name = QFileInfo(terminal).fileName();
    const QString title = QStringLiteral("muxlab — %1 :%2").arg(cmd.kind).arg(cmd.server.port);
    QStringList args;
    if (name == QLatin1String("gnome-terminal"))
        args << QStringLiteral("--title") << title << QStringLiteral("--");
    else if (name == QLatin1String("xfce4-terminal"))
        args << QStringLiteral("--title") << title << QStringLiteral("-x");
    else if (name == QLatin1String("xterm"))
        args << QStringLiteral("-T") << title << QStringLiteral("-e");
    else // x-terminal-emulator and konsole take -e followed by the command and its arguments
        args << QStringLiteral("-e");
    return args << cmd.program << cmd.args;
}

QProcess *Launcher::launch(const ClientCommand &cmd)
{
    auto *p = new QProcess(this);
    connect(p, &QProcess::finished, p, &QObject::deleteLater);
    const QString term = terminal();
    QString what;
    if (!term.isEmpty()) {
        p->setProgram(term);
        p->setArguments(terminalArgs(term, cmd));
        what = tr("Started %1 in %2.").arg(cmd.text(), QFileInfo(term).fileName());
    } else {
        // No terminal to type into: muxlab's own client window does the typing instead.
        p->setProgram(m_muxlab);
        p->setArguments(ownClientArgs(cmd.server, cmd.framed));
        what = tr("No terminal emulator is installed, so muxlab's own client window was opened "
                  "on port %1.")
                   .arg(cmd.server.port);
    }
    connect(p, &QProcess::errorOccurred, this, [this, p](QProcess::ProcessError e) {
        if (e == QProcess::FailedToStart)
            emit launched(tr("%1 could not be started: %2").arg(p->program(), p->errorString()));
    });
    p->start();
    emit launched(what);
    return p;
}

} // namespace gui
