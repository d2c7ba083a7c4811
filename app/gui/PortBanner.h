#pragma once

#include <QLabel>

namespace gui {

class Session;

/// A line above the tick, large enough for the back row, shown only while the lesson listens
/// somewhere other than its documented port (that port was taken): the class's
/// `nc 127.0.0.1 9991` would not reach it, so the port that works is what everyone must read.
class PortBanner : public QLabel {
    Q_OBJECT
public:
    explicit PortBanner(Session *session, QWidget *parent = nullptr);
    void retranslate();

protected:
    void changeEvent(QEvent *e) override;

private:
    Session *m_session;
};

} // namespace gui
