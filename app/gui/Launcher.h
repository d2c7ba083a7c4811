#pragma once

#include "lesson/Lesson.h"
#include "net/Socket.h"

#include <QObject>
#include <QStringList>

class QProcess;

namespace gui {

/// One way to connect a real client to the lesson's server, as an argument list (what is
/// launched) and as the line a learner copies into a terminal.
struct ClientCommand {
    QString kind;    ///< "nc", "telnet", "python3", "muxlab"
    QString program; ///< the executable as typed ("nc", "python3", a muxlab path)
    QStringList args;
    mux::net::Endpoint server; ///< where it connects
    bool framed = false;       ///< the lesson speaks the message/file protocol
    /// The command line to copy: arguments quoted only where a shell needs it.
    QString text() const;
};

/// Starts real clients for the class: in a terminal window where one is installed, else
/// muxlab's own client window. Always QProcess with an argument list: no shell ever parses a
/// path or a port. The launched processes are children of the launcher and end with it.
class Launcher : public QObject {
    Q_OBJECT
public:
    explicit Launcher(QObject *parent = nullptr);

    /// The commands for `lesson` listening on `listeners`: nc and telnet for each listener
    /// (not for a framed lesson, where typing cannot make a frame), the lesson's own Python
    /// client (with --wait: it waits for the teacher's next step), and `muxlab --client`.
    QList<ClientCommand> commandsFor(const mux::Lesson &lesson,
                                     const QList<mux::net::Endpoint> &listeners) const;

    /// Where executables are looked for (QStandardPaths::findExecutable); empty: PATH.
    void setSearchPaths(const QStringList &paths) { m_searchPaths = paths; }
    /// The muxlab executable the fallback runs; default: this program.
    void setMuxlabPath(const QString &path) { m_muxlab = path; }
    QString muxlabPath() const { return m_muxlab; }
    /// The window's language ("zh" or "en"), passed on to muxlab's own client.
    void setLang(const QString &lang) { m_lang = lang; }
    /// Where the lessons' Python clients are (MUXLAB_LESSONS_DIR, next to the binary, or the
    /// source tree it was built from); empty when none is found.
    static QString lessonsDir();

    /// True when cmd's program is on the search path (or is a path that exists).
    bool isInstalled(const ClientCommand &cmd) const;
    /// The first terminal emulator found, by absolute path; empty when there is none.
    QString terminal() const;
    /// The arguments that make `terminal` run `cmd` (each emulator spells "execute" its way).
    static QStringList terminalArgs(const QString &terminal, const ClientCommand &cmd);

    /// Launches `cmd` in a terminal, or — no terminal — muxlab's own client window on the same
    /// port. Returns the process (started or failed to start); `launched` says what ran.
    QProcess *launch(const ClientCommand &cmd);

signals:
    /// One sentence for the window: what was launched, or why it could not be.
    void launched(const QString &sentence);

private:
    QString find(const QString &name) const;
    QStringList ownClientArgs(const mux::net::Endpoint &server, bool framed) const;

    QStringList m_searchPaths;
    QString m_muxlab;
    QString m_lang = QStringLiteral("en");
};

} // namespace gui
