#pragma once

#include "Launcher.h"

#include <QDialog>

namespace gui {

/// "Connect a client": the exact commands for this lesson and its ports, each copyable and
/// each launchable for real (Launcher: a terminal window, or muxlab's own client window).
class ConnectDialog : public QDialog {
    Q_OBJECT
public:
    ConnectDialog(Launcher *launcher, const mux::Lesson &lesson,
                  const QList<mux::net::Endpoint> &listeners, QWidget *parent = nullptr);
    const QList<ClientCommand> &commands() const { return m_commands; }

private:
    QList<ClientCommand> m_commands;
};

} // namespace gui
