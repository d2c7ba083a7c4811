#pragma once

#include <QLabel>

namespace gui {

class Session;

/// The status bar's line: which tick is shown, whether it is live, history or a saved trace,
/// and what F10 does from here. It follows the Session itself.
class StatusLine : public QLabel {
    Q_OBJECT
public:
    explicit StatusLine(Session *session, QWidget *parent = nullptr);

protected:
    void changeEvent(QEvent *e) override;

private:
    void refresh();

    Session *m_session;
};

} // namespace gui
