#pragma once

#include "ClientConnection.h"
#include "Printable.h"

#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace client {

/// The small window of `muxlab --client`: connect, see what arrives, type and send, and in
/// framed mode send messages and upload a file with a progress bar. What it shows is what the
/// socket gave; what it sends is what the server receives.
class ClientWindow : public QWidget {
    Q_OBJECT
public:
    ClientWindow(const QString &host, quint16 port, bool framed, QWidget *parent = nullptr);
    /// Connects at once (the launcher's "a client for this lesson" starts connected).
    void connectNow();
    ClientConnection &connection() { return m_conn; }

private:
    void send();
    void chooseUpload();
    void append(const QString &text, bool note);
    void updateEnabled();

    ClientConnection m_conn;
    Printable m_printable;
    QLineEdit *m_host;
    QSpinBox *m_port;
    QCheckBox *m_framed;
    QPushButton *m_connect;
    QPlainTextEdit *m_log;
    QLineEdit *m_input;
    QPushButton *m_send;
    QPushButton *m_upload;
    QPushButton *m_close;
    QProgressBar *m_progress;
    QLabel *m_status;
};

} // namespace client
