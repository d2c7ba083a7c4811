#include "ClientsPane.h"

#include "Session.h"
#include "SocketLabel.h"
#include "lesson/LessonRun.h"
#include "trace/TickFormat.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QVBoxLayout>

#include <map>

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
    // "listener :PORT" must show whole: the port is what a student types into nc.
    m_listener->setSizeAdjustPolicy(QComboBox::AdjustToContents);
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
    const std::pair<QWidget *, const char *> named[] = {{m_table, "clientsTable"},
                                                        {m_client, "clientChoice"},
                                                        {m_listener, "clientListener"},
                                                        {m_text, "clientText"},
                                                        {m_connect, "clientConnect"},
                                                        {m_send, "clientSend"},
                                                        {m_shutdown, "clientShutdown"},
                                                        {m_close, "clientClose"},
                                                        {m_reset, "clientReset"},
                                                        {m_urgent, "clientUrgent"},
                                                        {m_stop, "clientStopReading"},
                                                        {m_resume, "clientResumeReading"},
                                                        {m_add, "clientAdd"}};
    for (const auto &[w, name] : named)
        w->setObjectName(QLatin1String(name));
    m_stepAtOnce = new QCheckBox(this);
    m_stepAtOnce->setObjectName(QStringLiteral("clientStepAtOnce"));
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
    connect(m_client, &QComboBox::currentIndexChanged, this, &ClientsPane::refreshOps);
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
    m_send->setText(tr("Send"));
    m_text->setPlaceholderText(tr("Type a message for the selected client…"));
    m_shutdown->setText(tr("Half-close"));
    m_close->setText(tr("Close"));
    m_reset->setText(tr("Reset"));
    m_urgent->setText(tr("Urgent"));
    m_stop->setText(tr("Stop reading"));
    m_resume->setText(tr("Resume reading"));
    m_add->setText(tr("Add client"));
    m_add->setToolTip(tr("Adds another simulated client (not yet connected)"));
    m_stepAtOnce->setText(tr("Step at once"));
    m_stepAtOnce->setToolTip(
        tr("Run the tick right after an action; untick to gather several actions into one tick"));
    m_client->setToolTip(tr("The client that acts"));
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
        std::map<int, mux::SocketInfo> listeners; // by index: the order a script numbers them
        for (const mux::SocketInfo &s : t->socketsAt(m_session->cursor()))
            if (const int index = mux::listenerIndex(s);
                s.role == mux::Role::Listener && index >= 0)
                listeners.emplace(index, s);
        for (const auto &[index, s] : listeners)
            m_listener->addItem(socketLabel(s), index);
    }
    m_listener->setCurrentIndex(std::clamp(listener, 0, m_listener->count() - 1));
    const bool live = m_session->takesClientOps();
    for (QWidget *w : std::initializer_list<QWidget *>{m_add, m_client})
        w->setEnabled(live);
    refreshOps();
}

void ClientsPane::refreshOps()
{
    using State = mux::SimClient::State;
    using K = mux::ClientOp::Kind;
    const int client = currentClient();
    const auto *clients = m_session->simClients();
    const bool known = clients && client >= 0 && client < int(clients->size());
    // The state the client will be in when its next op runs: its own, then what is queued.
    State state = State::Idle;
    bool reading = true;
    if (known) {
        const mux::SimClient &c = *(*clients)[size_t(client)];
        state = c.state();
        reading = c.reading();
    }
    for (const mux::ClientOp &op : m_session->pendingOps()) {
        if (op.client != client)
            continue;
        switch (op.kind) {
        case K::Connect:
            state = State::Connected;
            break;
        case K::Shutdown:
            state = State::HalfClosed;
            break;
        case K::Close:
            state = State::Closed;
            break;
        case K::Reset:
            state = State::Reset;
            break;
        case K::StopReading:
            reading = false;
            break;
        case K::ResumeReading:
            reading = true;
            break;
        default:
            break;
        }
    }
    const QString name = m_session->clientNames().value(client);
    const bool open = state == State::Connecting || state == State::Connected;
    const bool halfClosed = state == State::HalfClosed;
    QString notOpen; // why a call on the socket cannot apply
    switch (state) {
    case State::Idle:
    case State::Failed:
        notOpen = tr("Client %1 is not connected: connect it first.").arg(name);
        break;
    case State::Closed:
        notOpen = tr("Client %1 is closed: its socket is gone, so there is nothing to send on or "
                     "close. Connect it again first.")
                      .arg(name);
        break;
    case State::Reset:
        notOpen =
            tr("Client %1 was reset (RST): its socket is gone. Connect it again first.").arg(name);
        break;
    default:
        break;
    }
    // Enabled with what the call does, or disabled with why it cannot apply now.
    auto offer = [this, known](QWidget *w, const QString &does, const QString &whyNot) {
        const bool can = known && whyNot.isEmpty();
        w->setEnabled(can);
        w->setToolTip(can || !known ? does : whyNot);
    };
    const QString halfClosedWhy =
        tr("Client %1 has half-closed (sent FIN): it can no longer send.").arg(name);
    offer(m_connect, tr("connect(): open a TCP connection to the chosen listener"),
          open || halfClosed
              ? tr("Client %1 is already connected: close or reset it first.").arg(name)
              : QString());
    offer(m_listener, tr("The listener to connect to"),
          open || halfClosed ? tr("Client %1 is already connected.").arg(name) : QString());
    offer(m_send, tr("send(): the text typed on the left, as UTF-8"),
          halfClosed ? halfClosedWhy : notOpen);
    offer(m_text, tr("The text to send, as UTF-8"), halfClosed ? halfClosedWhy : notOpen);
    offer(m_urgent, tr("send(MSG_OOB): one urgent byte, the first of the text (or !)"),
          halfClosed ? halfClosedWhy : notOpen);
    offer(m_shutdown, tr("shutdown(SHUT_WR): send FIN but keep reading"),
          halfClosed ? tr("Client %1 has already half-closed.").arg(name) : notOpen);
    offer(m_close, tr("close(): send FIN and drop the socket"), notOpen);
    offer(m_reset, tr("close() with SO_LINGER 0: the kernel sends RST"), notOpen);
    offer(m_stop, tr("The client stops calling recv: replies pile up in its receive buffer"),
          !notOpen.isEmpty() ? notOpen
          : !reading         ? tr("Client %1 has already stopped reading.").arg(name)
                             : QString());
    offer(m_resume, tr("The client reads whatever is waiting again"),
          !notOpen.isEmpty() ? notOpen
          : reading          ? tr("Client %1 is reading already.").arg(name)
                             : QString());
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

QWidget *ClientsPane::buttonFor(mux::ClientOp::Kind kind) const
{
    using K = mux::ClientOp::Kind;
    switch (kind) {
    case K::Connect:
        return m_connect;
    case K::Send:
        return m_send;
    case K::Shutdown:
        return m_shutdown;
    case K::Close:
        return m_close;
    case K::Reset:
        return m_reset;
    case K::SendUrgent:
        return m_urgent;
    case K::StopReading:
        return m_stop;
    case K::ResumeReading:
        return m_resume;
    default:
        return m_connect;
    }
}

int ClientsPane::currentClient() const
{
    return m_client->currentIndex();
}

void ClientsPane::act(mux::ClientOp::Kind kind)
{
    const int client = currentClient();
    if (client < 0 || !buttonFor(kind)->isEnabled())
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
