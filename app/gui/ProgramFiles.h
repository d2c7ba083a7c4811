#pragma once

#include <QObject>
#include <QStringList>

class QAction;
class QMenu;
class QWidget;

namespace gui {

class ConnectDialog;
class Launcher;
class Session;

/// Opening real programs in the window: File ▸ Open program… (ProgramDialog), the recent
/// programs (the last eight command lines with their directories, in QSettings), and
/// "Connect a client…" pointed at the program's own listeners.
class ProgramFiles : public QObject {
    Q_OBJECT
public:
    ProgramFiles(Session *session, bool useSettings, QWidget *dialogParent);

    QAction *openAction() const { return m_open; }
    QMenu *recentMenu() const { return m_recent; }
    /// Resolves `argv` (as a shell finds a command, never through one) and opens it, held
    /// before its first call. A refusal is one sentence through failed().
    bool open(const QStringList &argv, const QString &workingDir);
    /// The Connect dialog for the program's listeners; nullptr (and failed()) when it has none.
    ConnectDialog *openConnectDialog();
    void retranslate();

signals:
    void failed(const QString &sentence);

private:
    void remember(const QStringList &argv, const QString &workingDir);
    void rebuildRecent();

    Session *m_session;
    bool m_useSettings;
    QWidget *m_parent;
    QAction *m_open;
    QMenu *m_recent;
    Launcher *m_launcher;
    ConnectDialog *m_dialog = nullptr;
};

} // namespace gui
