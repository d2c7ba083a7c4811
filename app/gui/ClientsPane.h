#pragma once

#include "ClientsModel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QTableView>
#include <QWidget>

namespace gui {

class Session;

/// The simulated clients and what the learner can make them do at any tick: connect, type
/// and send, half-close (shutdown SHUT_WR), close, reset (RST), send one urgent byte, stop or
/// resume reading, and add another client. Each op runs at the next tick, as a lesson's
/// script would; "step at once" runs that tick straight away.
class ClientsPane : public QWidget {
    Q_OBJECT
public:
    ClientsPane(Session *session, ClientsModel *model, QWidget *parent = nullptr);

signals:
    /// The pane queued an op and wants the tick run now ("step at once").
    void stepRequested();

protected:
    void changeEvent(QEvent *e) override;

private:
    /// Queues `kind` for the chosen client, when it can apply to it now.
    void act(mux::ClientOp::Kind kind);
    void retranslate();
    void refreshChoices();
    void refreshPending();
    /// Enables the ops that can apply to the chosen client now; the others say why not.
    void refreshOps();
    QWidget *buttonFor(mux::ClientOp::Kind kind) const;
    int currentClient() const;

    QPointer<Session> m_session;
    ClientsModel *m_model;
    QTableView *m_table;
    QComboBox *m_client;
    QComboBox *m_listener;
    QLineEdit *m_text;
    QPushButton *m_connect, *m_send, *m_shutdown, *m_close, *m_reset, *m_urgent, *m_stop, *m_resume,
        *m_add;
    QCheckBox *m_stepAtOnce;
    QLabel *m_pending;
};

} // namespace gui
