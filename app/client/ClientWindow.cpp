#include "ClientWindow.h"

#include <QCheckBox>
#include <QFileDialog>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace client {

ClientWindow::ClientWindow(const QString &host, quint16 port, bool framed, QWidget *parent)
    : QWidget(parent)
{
    setWindowTitle(tr("muxlab client — %1:%2").arg(host).arg(port));
    m_host = new QLineEdit(host);
    m_port = new QSpinBox;
    m_port->setRange(1, 65535);
    m_port->setValue(port);
    m_framed = new QCheckBox(tr("Framed (message/file protocol)"));
    m_framed->setChecked(framed);
    m_connect = new QPushButton(tr("Connect"));
    m_log = new QPlainTextEdit;
    m_log->setReadOnly(true);
    m_log->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_log->setPlaceholderText(tr("What the server sends appears here."));
    m_input = new QLineEdit;
    m_input->setPlaceholderText(tr("Type a line and press Enter to send it"));
    m_send = new QPushButton(tr("Send"));
    m_upload = new QPushButton(tr("Upload a file…"));
    m_close = new QPushButton(tr("Say close"));
    m_progress = new QProgressBar;
    m_progress->setFormat(tr("%p% sent"));
    m_progress->setValue(0);
    m_status = new QLabel(tr("Not connected."));

    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Host")));
    top->addWidget(m_host, 1);
    top->addWidget(new QLabel(tr("Port")));
    top->addWidget(m_port);
    top->addWidget(m_framed);
    top->addWidget(m_connect);
    auto *input = new QHBoxLayout;
    input->addWidget(m_input, 1);
    input->addWidget(m_send);
    auto *framedRow = new QHBoxLayout;
    framedRow->addWidget(m_upload);
    framedRow->addWidget(m_progress, 1);
    framedRow->addWidget(m_close);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_log, 1);
    layout->addLayout(input);
    layout->addLayout(framedRow);
    layout->addWidget(m_status);
    resize(640, 420);

    connect(m_connect, &QPushButton::clicked, this, [this] {
        if (m_conn.isConnected())
            m_conn.disconnectNow();
        else
            connectNow();
    });
    connect(m_input, &QLineEdit::returnPressed, this, &ClientWindow::send);
    connect(m_send, &QPushButton::clicked, this, &ClientWindow::send);
    connect(m_upload, &QPushButton::clicked, this, &ClientWindow::chooseUpload);
    connect(m_close, &QPushButton::clicked, this, [this] { m_conn.sendClose(); });
    connect(m_framed, &QCheckBox::toggled, this, &ClientWindow::updateEnabled);
    connect(&m_conn, &ClientConnection::connected, this, [this] {
        m_status->setText(tr("Connected to %1.").arg(m_conn.peer()));
        updateEnabled();
        m_input->setFocus();
    });
    connect(&m_conn, &ClientConnection::received, this,
            [this](const QByteArray &b) { append(m_printable.feed(b), false); });
    connect(&m_conn, &ClientConnection::progress, this,
            [this](const QString &name, qint64 sent, qint64 total) {
                m_progress->setValue(total > 0 ? int(sent * 100 / total) : 100);
                m_status->setText(tr("Sending %1: %2 of %3 bytes.").arg(name).arg(sent).arg(total));
            });
    connect(&m_conn, &ClientConnection::uploaded, this, [this](const QString &name, qint64 total) {
        append(tr("sent %1 (%2 bytes)").arg(name).arg(total), true);
        m_status->setText(
            tr("Sent %1 (%2 bytes); the server's answer appears above.").arg(name).arg(total));
        updateEnabled();
    });
    connect(&m_conn, &ClientConnection::failed, this,
            [this](const QString &s) { append(s, true); });
    connect(&m_conn, &ClientConnection::closed, this, [this] {
        append(m_printable.flush(), false);
        m_status->setText(tr("The connection is closed."));
        updateEnabled();
    });
    updateEnabled();
}

void ClientWindow::connectNow()
{
    m_status->setText(tr("Connecting to %1:%2…").arg(m_host->text()).arg(m_port->value()));
    m_conn.connectTo(m_host->text(), quint16(m_port->value()));
}

void ClientWindow::send()
{
    const QString text = m_input->text();
    if (!m_conn.isConnected())
        return;
    if (m_framed->isChecked())
        m_conn.sendMessage(text);
    else
        m_conn.sendRaw(text.toUtf8() + '\n');
    append(QStringLiteral("→ %1").arg(text), true);
    m_input->clear();
}

void ClientWindow::chooseUpload()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Upload a file"));
    if (path.isEmpty())
        return;
    m_progress->setValue(0);
    m_conn.upload(path);
    updateEnabled();
}

void ClientWindow::append(const QString &text, bool note)
{
    if (text.isEmpty())
        return;
    // The server's bytes are shown as they came, newlines included; notes are lines of ours.
    m_log->moveCursor(QTextCursor::End);
    if (note) {
        if (!m_log->toPlainText().isEmpty() && !m_log->toPlainText().endsWith(QLatin1Char('\n')))
            m_log->insertPlainText(QStringLiteral("\n"));
        m_log->insertPlainText(QStringLiteral("[%1]\n").arg(text));
    } else {
        m_log->insertPlainText(text);
    }
    m_log->ensureCursorVisible();
}

void ClientWindow::updateEnabled()
{
    const bool on = m_conn.isConnected();
    m_connect->setText(on ? tr("Disconnect") : tr("Connect"));
    m_host->setEnabled(!on);
    m_port->setEnabled(!on);
    m_input->setEnabled(on);
    m_send->setEnabled(on);
    const bool framed = m_framed->isChecked();
    m_upload->setEnabled(on && framed && !m_conn.isUploading());
    m_close->setEnabled(on && framed);
    m_progress->setVisible(framed);
}

} // namespace client
