#pragma once

#include "Theme.h"

#include <QPointer>
#include <QTimer>
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace gui {

class Session;

/// The lesson pane's place when a real program is open: what the program is, where it stands
/// (held before a call, in a call, silent, ended), and what it wrote. At the tick where it
/// ended it says why in one sentence (exit status or signal) above its output's tail, the
/// Python traceback; Run again starts it anew. The output is redrawn at most every 100 ms, so
/// a chatty program cannot flood the window.
class ProgramPane : public QWidget {
    Q_OBJECT
public:
    explicit ProgramPane(Session *session, QWidget *parent = nullptr);
    void setTheme(const Theme &theme);

protected:
    void changeEvent(QEvent *e) override;

private:
    void refresh();
    void refreshOutput();
    /// Why the program ended, in the window's language.
    QString endSentence() const;

    QPointer<Session> m_session;
    QLabel *m_title, *m_command, *m_tick, *m_state, *m_ended, *m_outputTitle;
    QPlainTextEdit *m_output;
    QPushButton *m_restart;
    QTimer m_outputTimer;
    Theme m_theme;
};

} // namespace gui
