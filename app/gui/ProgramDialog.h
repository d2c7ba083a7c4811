#pragma once

#include <QDialog>

class QLineEdit;

namespace gui {

/// File ▸ Open program…: a whole command line (or a .py file chosen with a file dialog, which
/// runs with python3) and the directory it runs in.
class ProgramDialog : public QDialog {
    Q_OBJECT
public:
    explicit ProgramDialog(QWidget *parent = nullptr);

    /// The command line split as a shell would split it (quotes kept together), never run
    /// through a shell.
    QStringList command() const;
    QString workingDir() const;
    void setCommand(const QString &line, const QString &workingDir);

private:
    void choosePython();
    void chooseDir();

    QLineEdit *m_command;
    QLineEdit *m_dir;
};

} // namespace gui
