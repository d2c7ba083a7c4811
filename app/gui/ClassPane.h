#pragma once

#include <QWidget>

class QCheckBox;
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

    Session *m_session;
    ExternalWatch *m_watch;
    Launcher *m_launcher;
    ConnectedModel *m_model;
    QLabel *m_where;
    QPushButton *m_connect;
    QCheckBox *m_freeze;
    QLabel *m_limitLabel;
    QSpinBox *m_limit;
    QTableView *m_table;
    ConnectDialog *m_dialog = nullptr;
};

} // namespace gui
