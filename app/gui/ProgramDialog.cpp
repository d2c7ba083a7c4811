#include "ProgramDialog.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QVBoxLayout>

namespace gui {

ProgramDialog::ProgramDialog(QWidget *parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("programDialog"));
    setWindowTitle(tr("Open a program"));
    auto *v = new QVBoxLayout(this);
    auto *intro = new QLabel(
        tr("Run your own server under the microscope: each select, poll or epoll call it makes "
           "becomes a tick, and it waits before each call until you step. Choose a Python file, "
           "or type a whole command line (python3 server.py 9000, ./my_server)."),
        this);
    intro->setWordWrap(true);
    v->addWidget(intro);
    auto *form = new QFormLayout;
    m_command = new QLineEdit(this);
    m_command->setObjectName(QStringLiteral("programCommandLine"));
    m_command->setMinimumWidth(420);
    auto *pick = new QPushButton(tr("Choose a .py file…"), this);
    pick->setObjectName(QStringLiteral("programChoose"));
    auto *row = new QHBoxLayout;
    row->addWidget(m_command, 1);
    row->addWidget(pick);
    form->addRow(tr("Command line:"), row);
    m_dir = new QLineEdit(this);
    m_dir->setObjectName(QStringLiteral("programDir"));
    auto *browse = new QPushButton(tr("Browse…"), this);
    auto *dirRow = new QHBoxLayout;
    dirRow->addWidget(m_dir, 1);
    dirRow->addWidget(browse);
    form->addRow(tr("Runs in:"), dirRow);
    v->addLayout(form);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Run"));
    v->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(pick, &QPushButton::clicked, this, &ProgramDialog::choosePython);
    connect(browse, &QPushButton::clicked, this, &ProgramDialog::chooseDir);
    auto okWhenTyped = [this, buttons] {
        buttons->button(QDialogButtonBox::Ok)->setEnabled(!m_command->text().trimmed().isEmpty());
    };
    connect(m_command, &QLineEdit::textChanged, this, okWhenTyped);
    okWhenTyped();
}

QStringList ProgramDialog::command() const
{
    return QProcess::splitCommand(m_command->text());
}

QString ProgramDialog::workingDir() const
{
    return m_dir->text().trimmed();
}

void ProgramDialog::setCommand(const QString &line, const QString &workingDir)
{
    m_command->setText(line);
    m_dir->setText(workingDir);
}

void ProgramDialog::choosePython()
{
    const QString file = QFileDialog::getOpenFileName(this, tr("Choose your Python server"),
                                                      m_dir->text(), tr("Python files (*.py)"));
    if (file.isEmpty())
        return;
    // A path with spaces stays one word for splitCommand.
    m_command->setText(file.contains(u' ') ? QLatin1Char('"') + file + QLatin1Char('"') : file);
    m_dir->setText(QFileInfo(file).absolutePath());
}

void ProgramDialog::chooseDir()
{
    const QString dir =
        QFileDialog::getExistingDirectory(this, tr("The directory it runs in"), m_dir->text());
    if (!dir.isEmpty())
        m_dir->setText(dir);
}

} // namespace gui
