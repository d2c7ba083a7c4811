#include "ClassPane.h"

#include "ConnectDialog.h"
#include "ConnectedModel.h"
#include "ExternalWatch.h"
#include "Launcher.h"
#include "Session.h"

#include <QCheckBox>
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
    m_limit->setRange(0, 1000);
    m_table = new QTableView;
    m_table->setModel(m_model);
    m_table->verticalHeader()->hide();
    // Addresses and program names are short; cut, they say nothing.
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);

    auto *row = new QHBoxLayout;
    row->addWidget(m_connect);
    row->addWidget(m_freeze);
    row->addStretch(1);
    row->addWidget(m_limitLabel);
    row->addWidget(m_limit);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_where);
    layout->addLayout(row);
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
    m_model->retranslate();
    refresh();
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
