#include "ClassPane.h"

#include "ConnectDialog.h"
#include "ConnectedModel.h"
#include "ExternalWatch.h"
#include "Launcher.h"
#include "Session.h"
#include "net/Interfaces.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QVBoxLayout>

namespace gui {

ClassPane::ClassPane(Session *session, ExternalWatch *watch, QWidget *parent)
    : QWidget(parent), m_session(session), m_watch(watch), m_launcher(new Launcher(this)),
      m_model(new ConnectedModel(watch, this))
{
    m_where = new QLabel;
    m_where->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_where->setWordWrap(true);
    m_connect = new QPushButton;
    m_freeze = new QCheckBox;
    m_limitLabel = new QLabel;
    m_limit = new QSpinBox;
    m_limit->setObjectName(QStringLiteral("classLimit"));
    m_limit->setRange(0, 1000);
    m_table = new QTableView;
    m_table->setModel(m_model);
    m_table->verticalHeader()->hide();
    // Addresses and program names are short; cut, they say nothing.
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);

    m_interface = new QComboBox;
    m_interface->setObjectName(QStringLiteral("networkInterface"));
    m_interface->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_onlySubnet = new QCheckBox;
    m_onlySubnet->setObjectName(QStringLiteral("onlyLocalSubnet"));
    m_onlySubnet->setChecked(session->onlyLocalSubnets());
    m_open = new QPushButton;
    m_open->setObjectName(QStringLiteral("openNetwork"));
    m_close = new QPushButton;
    m_close->setObjectName(QStringLiteral("closeNetwork"));
    // What the back row reads off the projector: the teacher's address and what to type.
    m_address = new QLabel;
    m_address->setObjectName(QStringLiteral("classAddress"));
    m_address->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_commands = new QLabel;
    m_commands->setObjectName(QStringLiteral("classCommands"));
    m_commands->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_commands->setTextFormat(Qt::PlainText);
    // Wrapped at spaces rather than widening the window: zoomed for a projector, a long
    // command would otherwise push the other panes off the screen.
    m_address->setWordWrap(true);
    m_commands->setWordWrap(true);
    QFont big = m_address->font();
    big.setBold(true);
    big.setPointSizeF(big.pointSizeF() * 2.0);
    m_address->setFont(big);
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    mono.setPointSizeF(big.pointSizeF() * 0.8);
    m_commands->setFont(mono);

    auto *network = new QHBoxLayout;
    network->addWidget(m_interface);
    network->addWidget(m_onlySubnet);
    network->addWidget(m_open);
    network->addWidget(m_close);
    network->addStretch(1);

    auto *row = new QHBoxLayout;
    row->addWidget(m_connect);
    row->addWidget(m_freeze);
    row->addStretch(1);
    row->addWidget(m_limitLabel);
    row->addWidget(m_limit);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_where);
    layout->addLayout(row);
    layout->addLayout(network);
    layout->addWidget(m_address);
    layout->addWidget(m_commands);
    layout->addWidget(m_table, 1);

    connect(m_connect, &QPushButton::clicked, this, &ClassPane::openConnectDialog);
    connect(m_freeze, &QCheckBox::toggled, session, &Session::setFrozen);
    connect(session, &Session::frozenChanged, m_freeze, &QCheckBox::setChecked);
    connect(m_limit, &QSpinBox::valueChanged, session, &Session::setExternalLimit);
    connect(m_launcher, &Launcher::launched, session, &Session::noticeRaised);
    m_launcher->setLang(session->lang());
    connect(session, &Session::langChanged, m_launcher, &Launcher::setLang);
    connect(watch, &ExternalWatch::changed, this, &ClassPane::refresh);
    connect(session, &Session::sessionReset, this, &ClassPane::refresh);
    connect(session, &Session::sessionReset, this, &ClassPane::showClassCommands);
    connect(m_open, &QPushButton::clicked, this, &ClassPane::openToNetwork);
    connect(m_close, &QPushButton::clicked, this, &ClassPane::closeToMachine);
    connect(m_onlySubnet, &QCheckBox::toggled, this,
            [this](bool on) { m_session->setBindAddress(m_session->bindAddress(), on); });
    listInterfaces();
    retranslate();
}

void ClassPane::retranslate()
{
    m_connect->setText(tr("Connect a client…"));
    m_connect->setToolTip(
        tr("Commands for nc, telnet, the lesson's Python client and muxlab's own client, "
           "copyable, and a button that starts one"));
    m_freeze->setText(tr("Freeze"));
    m_freeze->setToolTip(
        tr("Run no tick while students connect: their connections wait in the accept queue"));
    m_limitLabel->setText(tr("At most"));
    m_limit->setSpecialValueText(tr("no limit"));
    m_limit->setSuffix(tr(" clients"));
    m_limit->setToolTip(
        tr("Beyond this many external clients, one more is told the class is full and let go"));
    m_onlySubnet->setText(tr("Only this network's machines"));
    m_onlySubnet->setToolTip(
        tr("A client from any other network is told so in one line and let go; the window logs "
           "it"));
    m_open->setText(tr("Open to this network"));
    m_open->setToolTip(tr("The lesson restarts listening on the chosen address, on the same "
                          "ports, so the students' machines can connect"));
    m_close->setText(tr("Close to this machine"));
    m_close->setToolTip(tr("The lesson restarts listening on 127.0.0.1 only"));
    m_interface->setToolTip(tr("The network the students' machines are on"));
    if (m_interface->count() == 0)
        m_interface->setPlaceholderText(tr("no network with an IPv4 address"));
    m_model->retranslate();
    refresh();
    showClassCommands();
}

void ClassPane::listInterfaces()
{
    const QString chosen = m_interface->currentData().toString();
    m_interface->clear();
    for (const mux::net::Interface &i : mux::net::ipv4Interfaces())
        if (!i.loopback && i.up)
            m_interface->addItem(
                QStringLiteral("%1 · %2 (%3)").arg(i.address, i.name, i.subnet.toString()),
                i.address);
    const int keep = m_interface->findData(chosen.isEmpty() ? m_session->bindAddress() : chosen);
    if (keep >= 0)
        m_interface->setCurrentIndex(keep);
}

void ClassPane::openToNetwork()
{
    if (const QString address = m_interface->currentData().toString(); !address.isEmpty())
        listenOn(address);
}

void ClassPane::closeToMachine()
{
    listenOn(QStringLiteral("127.0.0.1"));
}

void ClassPane::listenOn(const QString &address)
{
    const mux::LessonRun *run = m_session->run();
    if (!run)
        return;
    const QString before = m_session->bindAddress();
    const QString lesson = run->lesson().id;
    const mux::Backend backend = m_session->backend();
    m_session->setBindAddress(address, m_onlySubnet->isChecked());
    // Replayed to the tick the class is on: the old listeners close first, the new ones bind
    // the same ports on the new address.
    if (m_session->replayTo(m_session->cursor()))
        return;
    // The address could not be bound (the session said why): the lesson goes on where it was.
    m_session->setBindAddress(before, m_session->onlyLocalSubnets());
    m_session->openLesson(lesson, backend);
}

void ClassPane::showClassCommands()
{
    listInterfaces();
    const QList<mux::net::Endpoint> listeners = m_session->listeners();
    const bool live = m_session->run() != nullptr;
    const bool open =
        live && !listeners.isEmpty() && !listeners.first().host.startsWith(QLatin1String("127."));
    m_open->setEnabled(live && m_interface->count() > 0);
    m_interface->setEnabled(m_interface->count() > 0);
    m_close->setEnabled(live && open);
    m_address->setVisible(open);
    m_commands->setVisible(open);
    if (!open)
        return;
    QString host = listeners.first().host;
    if (host == QLatin1String("0.0.0.0") && m_interface->count() > 0)
        host = m_interface->itemData(0).toString();
    const quint16 port = listeners.first().port;
    m_address->setText(tr("Connect to %1 port %2").arg(host).arg(port));
    const mux::Lesson *lesson = m_session->lesson();
    QStringList lines;
    // One nc per listener, side by side on one line (the pane is short); none for the framed
    // lessons, where typing cannot make a frame.
    QStringList nc;
    if (!lesson || lesson->program != QLatin1String("msg-file"))
        for (const mux::net::Endpoint &l : listeners)
            nc.append(QStringLiteral("nc %1 %2").arg(host).arg(l.port));
    if (!nc.isEmpty())
        lines.append(nc.join(QStringLiteral("    ")));
    if (lesson && !lesson->clientScript.isEmpty())
        lines.append(QStringLiteral("python3 %1 --host %2 --port %3 --wait")
                         .arg(lesson->clientScript.section(QLatin1Char('/'), -1), host)
                         .arg(port));
    m_commands->setText(lines.join(QLatin1Char('\n')));
}

void ClassPane::refresh()
{
    mux::LessonRun *run = m_session->run();
    m_connect->setEnabled(run != nullptr);
    if (!run) {
        m_where->setText(tr("Open a lesson to serve real clients."));
        return;
    }
    QStringList where;
    for (const mux::net::Endpoint &e : run->engine().server().listenAddresses())
        where.append(e.toString());
    QString text = tr("Listening on %1 · external clients: %2")
                       .arg(where.join(QStringLiteral(", ")))
                       .arg(m_watch->peers().size());
    if (const int n = m_watch->waitingToBeAccepted(); n > 0)
        text += tr(" · waiting to be accepted: %1").arg(n);
    m_where->setText(text);
}

ConnectDialog *ClassPane::openConnectDialog()
{
    mux::LessonRun *run = m_session->run();
    if (!run)
        return nullptr;
    delete m_dialog; // the ports may have changed since it was made
    m_dialog = new ConnectDialog(m_launcher, run->lesson(),
                                 run->engine().server().listenAddresses(), this);
    m_dialog->show();
    m_dialog->raise();
    return m_dialog;
}

} // namespace gui
