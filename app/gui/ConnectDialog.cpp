#include "ConnectDialog.h"

#include <QClipboard>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QFontDatabase>
#include <QGridLayout>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace gui {

ConnectDialog::ConnectDialog(Launcher *launcher, const mux::Lesson &lesson,
                             const QList<mux::net::Endpoint> &listeners, QWidget *parent)
    : QDialog(parent), m_commands(launcher->commandsFor(lesson, listeners))
{
    setObjectName(QStringLiteral("connectDialog"));
    setWindowTitle(tr("Connect a client"));
    auto *layout = new QVBoxLayout(this);
    QStringList where;
    for (const mux::net::Endpoint &e : listeners)
        where.append(e.toString());
    auto *intro =
        new QLabel(tr("The server of <b>%1</b> listens on <b>%2</b>. Run any of these in a "
                      "terminal — or press Launch — and the connection appears in the next "
                      "tick as an external client.")
                       .arg(lesson.id, where.join(QStringLiteral(", "))));
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto *grid = new QGridLayout;
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    // Wide enough to read each command whole (a path to a Python client is long), within reason.
    int widest = 420;
    for (const ClientCommand &cmd : std::as_const(m_commands))
        widest = std::max(widest, QFontMetrics(mono).horizontalAdvance(cmd.text()) + 24);
    widest = std::min(widest, 1000);
    for (int i = 0; i < m_commands.size(); ++i) {
        const ClientCommand cmd = m_commands[i];
        auto *line = new QLineEdit(cmd.text());
        line->setReadOnly(true);
        line->setFont(mono);
        line->setCursorPosition(0);
        line->setMinimumWidth(widest);
        auto *copy = new QPushButton(tr("Copy"));
        auto *launch = new QPushButton(tr("Launch"));
        launch->setObjectName(QStringLiteral("launch_") + cmd.kind);
        auto *kind = new QLabel(cmd.kind);
        if (!launcher->isInstalled(cmd)) {
            kind->setText(tr("%1 (not installed)").arg(cmd.kind));
            kind->setEnabled(false);
        }
        grid->addWidget(kind, i, 0);
        grid->addWidget(line, i, 1);
        grid->addWidget(copy, i, 2);
        grid->addWidget(launch, i, 3);
        connect(copy, &QPushButton::clicked, this,
                [text = cmd.text()] { QGuiApplication::clipboard()->setText(text); });
        connect(launch, &QPushButton::clicked, this, [launcher, cmd] { launcher->launch(cmd); });
    }
    layout->addLayout(grid);

    const QString term = launcher->terminal();
    auto *note = new QLabel(
        term.isEmpty() ? tr("No terminal emulator is installed here, so Launch opens muxlab's "
                            "own client window on the lesson's port.")
                       : tr("Launch opens the command in %1.").arg(QFileInfo(term).fileName()));
    note->setWordWrap(true);
    layout->addWidget(note);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

} // namespace gui
