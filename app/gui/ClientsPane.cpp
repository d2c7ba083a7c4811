#include "ClientsPane.h"

#include "Session.h"
#include "trace/TickFormat.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QVBoxLayout>

namespace gui {

ClientsPane::ClientsPane(Session *session, ClientsModel *model, QWidget *parent)
    : QWidget(parent), m_session(session), m_model(model)
{
    m_table = new QTableView(this);
    m_table->setModel(model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setWordWrap(false);

    m_client = new QComboBox(this);
    m_listener = new QComboBox(this);
    m_text = new QLineEdit(this);
    m_connect = new QPushButton(this);
    m_send = new QPushButton(this);
    m_shutdown = new QPushButton(this);
    m_close = new QPushButton(this);
    m_reset = new QPushButton(this);
    m_urgent = new QPushButton(this);
    m_stop = new QPushButton(this);
    m_resume = new QPushButton(this);
    m_add = new QPushButton(this);
    m_stepAtOnce = new QCheckBox(this);
    m_stepAtOnce->setChecked(true);
    m_pending = new QLabel(this);
    m_pending->setWordWrap(true);

    // Three short rows, so the pane still fits under the tick view on a laptop screen:
    // who and what to send · connection ops · reading and more clients.
    auto *row0 = new QHBoxLayout;
    row0->addWidget(m_client);
    row0->addWidget(m_text, 1);
    row0->addWidget(m_send);
    row0->addWidget(m_urgent);
    auto *row1 = new QHBoxLayout;
    row1->addWidget(m_connect);
    row1->addWidget(m_listener);
    row1->addWidget(m_shutdown);
    row1->addWidget(m_close);
    row1->addWidget(m_reset);
    row1->addStretch(1);
    auto *row2 = new QHBoxLayout;
    row2->addWidget(m_stop);
    row2->addWidget(m_resume);
    row2->addWidget(m_add);
    row2->addWidget(m_stepAtOnce);
    row2->addStretch(1);
    auto *controls = new QVBoxLayout;
    controls->addLayout(row0);
    controls->addLayout(row1);
    controls->addLayout(row2);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_table, 1);
    layout->addLayout(controls);
    layout->addWidget(m_pending);

    using K = mux::ClientOp::Kind;
    connect(m_connect, &QPushButton::clicked, this, [this] { act(K::Connect); });
    connect(m_send, &QPushButton::clicked, this, [this] { act(K::Send); });
    connect(m_text, &QLineEdit::returnPressed, this, [this] { act(K::Send); });
    connect(m_shutdown, &QPushButton::clicked, this, [this] { act(K::Shutdown); });
    connect(m_close, &QPushButton::clicked, this, [this] { act(K::Close); });
    connect(m_reset, &QPushButton::clicked, this, [this] { act(K::Reset); });
    connect(m_urgent, &QPushButton::clicked, this, [this] { act(K::SendUrgent); });
    connect(m_stop, &QPushButton::clicked, this, [this] { act(K::StopReading); });
    connect(m_resume, &QPushButton::clicked, this, [this] { act(K::ResumeReading); });
    connect(m_add, &QPushButton::clicked, this, [this] {
        const QString name = m_session->addClient();
        if (!name.isEmpty()) {
            refreshChoices();
            m_client->setCurrentIndex(m_client->count() - 1);
        }
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                if (current.isValid())
                    m_client->setCurrentIndex(current.row());
            });
    connect(session, &Session::sessionReset, this, &ClientsPane::refreshChoices);
    connect(session, &Session::cursorChanged, this, &ClientsPane::refreshChoices);
    connect(session, &Session::pendingChanged, this, [this] {
        refreshChoices(); // a client may have been added
        refreshPending();
    });
    retranslate();
    refreshChoices();
}

void ClientsPane::changeEvent(QEvent *e)
{
    if (e->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(e);
}

void ClientsPane::retranslate()
{
    m_connect->setText(tr("Connect to"));
    m_connect->setToolTip(tr("connect(): open a TCP connection to the chosen listener"));
    m_send->setText(tr("Send"));
    m_send->setToolTip(tr("send(): the text typed on the left, as UTF-8"));
    m_text->setPlaceholderText(tr("Type a message for the selected client…"));
    m_shutdown->setText(tr("Half-close"));
    m_shutdown->setToolTip(tr("shutdown(SHUT_WR): send FIN but keep reading"));
    m_close->setText(tr("Close"));
    m_close->setToolTip(tr("close(): send FIN and drop the socket"));
    m_reset->setText(tr("Reset"));
    m_reset->setToolTip(tr("close() with SO_LINGER 0: the kernel sends RST"));
    m_urgent->setText(tr("Urgent"));
    m_urgent->setToolTip(tr("send(MSG_OOB): one urgent byte, the first of the text (or !)"));
    m_stop->setText(tr("Stop reading"));
    m_stop->setToolTip(tr("The client stops calling recv: replies pile up in its receive buffer"));
    m_resume->setText(tr("Resume reading"));
    m_resume->setToolTip(tr("The client reads whatever is waiting again"));
    m_add->setText(tr("Add client"));
    m_add->setToolTip(tr("Adds another simulated client (not yet connected)"));
    m_stepAtOnce->setText(tr("Step at once"));
    m_stepAtOnce->setToolTip(
        tr("Run the tick right after an action; untick to gather several actions into one tick"));
    m_client->setToolTip(tr("The client that acts"));
    m_listener->setToolTip(tr("The listener to connect to"));
    refreshChoices();
    refreshPending();
}

void ClientsPane::refreshChoices()
{
    const int client = m_client->currentIndex();
    const int listener = m_listener->currentIndex();
    m_client->clear();
    for (const QString &name : m_session->clientNames())
        m_client->addItem(tr("client %1").arg(name));
    m_client->setCurrentIndex(std::clamp(client, 0, m_client->count() - 1));
    m_listener->clear();
    if (const mux::Trace *t = m_session->trace(); t && m_session->cursor() >= 0) {
        QList<mux::SocketInfo> listeners;
        for (const mux::SocketInfo &s : t->socketsAt(m_session->cursor()))
            if (s.role == mux::Role::Listener)
                listeners.append(s);
        std::sort(
            listeners.begin(), listeners.end(),
            [](const mux::SocketInfo &a, const mux::SocketInfo &b) { return a.name < b.name; });
        for (const mux::SocketInfo &s : listeners)
            m_listener->addItem(s.label, s.name.mid(1).toInt());
    }
    m_listener->setCurrentIndex(std::clamp(listener, 0, m_listener->count() - 1));
    const bool live = m_session->hasEngine();
    for (QWidget *w :
         std::initializer_list<QWidget *>{m_connect, m_send, m_shutdown, m_close, m_reset, m_urgent,
                                          m_stop, m_resume, m_add, m_text, m_client, m_listener})
        w->setEnabled(live);
}

void ClientsPane::refreshPending()
{
    const QList<mux::ClientOp> ops = m_session->pendingOps();
    if (ops.isEmpty()) {
        m_pending->clear();
        m_pending->hide();
        return;
    }
    const QStringList names = m_session->clientNames();
    QStringList parts;
    for (const mux::ClientOp &op : ops) {
        QString what = names.value(op.client) + QLatin1Char(' ') + mux::opName(op.kind);
        if (op.kind == mux::ClientOp::Send)
            what += QLatin1Char(' ') + mux::format::quoted(op.data, 24);
        parts.append(what);
    }
    m_pending->setText(
        tr("Waiting for the next step (F10): %1").arg(parts.join(QStringLiteral(", "))));
    m_pending->show();
}

int ClientsPane::currentClient() const
{
    return m_client->currentIndex();
}

void ClientsPane::selectClient(int index)
{
    m_client->setCurrentIndex(index);
}

void ClientsPane::act(mux::ClientOp::Kind kind)
{
    const int client = currentClient();
    if (client < 0)
        return;
    mux::ClientOp op;
    op.kind = kind;
    op.client = client;
    op.listener = m_listener->currentData().toInt();
    if (kind == mux::ClientOp::Send) {
        op.data = m_text->text().toUtf8();
        if (op.data.isEmpty()) {
            m_text->setFocus();
            m_text->setPlaceholderText(tr("Type something to send first…"));
            return;
        }
        m_text->clear();
    } else if (kind == mux::ClientOp::SendUrgent) {
        op.data = m_text->text().toUtf8().left(1);
        if (op.data.isEmpty())
            op.data = QByteArrayLiteral("!");
    }
    m_session->queueOp(op);
    if (m_stepAtOnce->isChecked())
        emit stepRequested();
}

} // namespace gui
