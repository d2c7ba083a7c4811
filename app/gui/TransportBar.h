#pragma once

#include <QTimer>
#include <QToolBar>

class QAction;
class QComboBox;
class QLabel;
class QSlider;

namespace gui {

struct Actions;
class Session;

/// The toolbar a teacher drives the lesson with: back, step, run at a chosen speed, return to
/// live, restart; the backend box (only what the lesson runs on, showing the one running) and
/// the server box (muxlab's server or the lesson's Python program);
/// presenter mode and the language. It enables the commands that apply at the cursor and
/// owns the run timer, which pauses where a class should
/// stop and think: before a question and at the script's end. It follows the Session itself.
class TransportBar : public QToolBar {
    Q_OBJECT
public:
    TransportBar(Session *session, Actions &actions, QWidget *parent = nullptr);

    /// Ticks per second at each notch of the speed slider (its last notch, offered for a
    /// program only, is full speed: the program runs freely).
    static double ticksPerSecond(int level);
    void setSpeed(int level);
    /// The notch chosen (full speed too, while a lesson, which lacks it, is open).
    int speed() const { return m_chosenLevel; }
    /// Icon and slider sizes for the window's zoom.
    void setZoom(qreal zoom);
    void retranslate();

signals:
    void backendChosen(const QString &name);
    void languageChosen(const QString &lang);
    /// Why the run paused, for the message bar.
    void notice(const QString &sentence);

private:
    void onRunTick();
    /// The full-speed notch, with a program to run freely.
    bool fullSpeed() const;
    /// Offers only the lesson's backends; shows the one running.
    void syncBackends();
    /// The server box: what runs the lesson, disabled (with the reason) where only one can.
    void syncServer();
    /// Enables what makes sense at the cursor (no Back at tick 0, no Step past a trace's end).
    void updateActions();

    Session *m_session;
    Actions &m_actions;
    QTimer m_runTimer;
    int m_speedLevel = 2;
    int m_chosenLevel = 2;
    QSlider *m_speed;
    QLabel *m_speedLabel;
    QComboBox *m_backend;
    QComboBox *m_server;
    QAction *m_serverAction; ///< the box's place in the bar
    QComboBox *m_lang;
};

} // namespace gui
