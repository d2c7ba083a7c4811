#pragma once

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QTableView;

namespace gui {

class ConnectDialog;
class ConnectedModel;
class ExternalWatch;
class Launcher;
class Session;

/// Serving the class: where the server listens, who is connected from outside, "Connect a
/// client", a freeze (no tick runs while students connect) and a limit on connections.
/// "Open to this network" moves the lesson's listeners from 127.0.0.1 to one of the machine's
/// network addresses (same ports, old listeners closed first) and shows the teacher's address
/// and the commands the students type, large enough for the back row; by default only
/// machines on that network come in. "Close to this machine" goes back to 127.0.0.1.
class ClassPane : public QWidget {
    Q_OBJECT
public:
    ClassPane(Session *session, ExternalWatch *watch, QWidget *parent = nullptr);

    Launcher *launcher() const { return m_launcher; }
    ConnectedModel *model() const { return m_model; }
    /// Opens (or raises) the "Connect a client" dialog; null when no lesson runs live.
    ConnectDialog *openConnectDialog();
    void retranslate();

private:
    void refresh();
    /// The machine's IPv4 addresses on network interfaces (not loopback), the bound one kept.
    void listInterfaces();
    void openToNetwork();
    void closeToMachine();
    /// Restarts the lesson listening on `address`; on failure it goes on where it was.
    void listenOn(const QString &address);
    /// The big address and the commands, or nothing while only this machine can connect.
    void showClassCommands();

    Session *m_session;
    ExternalWatch *m_watch;
    Launcher *m_launcher;
    ConnectedModel *m_model;
    QLabel *m_where;
    QPushButton *m_connect;
    QCheckBox *m_freeze;
    QLabel *m_limitLabel;
    QSpinBox *m_limit;
    QComboBox *m_interface;
    QCheckBox *m_onlySubnet;
    QPushButton *m_open;
    QPushButton *m_close;
    QLabel *m_address;
    QLabel *m_commands;
    QTableView *m_table;
    ConnectDialog *m_dialog = nullptr;
};

} // namespace gui
