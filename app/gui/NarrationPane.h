#pragma once

#include "Theme.h"
#include "lesson/Lesson.h"
#include "lesson/LessonRun.h"

#include <QLabel>
#include <QPointer>
#include <QWidget>

namespace gui {

class LessonsModel;
class QuizBox;
class Session;

/// The lesson's voice: its title, the narration of the cursor's tick (in the lesson's own
/// words, zh or en), whether the tick's checkpoints held, and the quiz (QuizBox). It follows
/// the Session's cursor itself.
class NarrationPane : public QWidget {
    Q_OBJECT
public:
    NarrationPane(Session *session, const LessonsModel *lessons, QWidget *parent = nullptr);

    void setTheme(const Theme &theme);
    QuizBox *quiz() const { return m_quiz; }

signals:
    void nextLessonRequested(const QString &id);

protected:
    void changeEvent(QEvent *e) override;

private:
    void refresh();
    /// Outside (not scripted) clients' conns open at the end of tick index `cursor`.
    int externalsOpenAt(qsizetype cursor) const;
    /// A failed checkpoint as a sentence in the window's language, sockets named as shown.
    QString failedSentence(const mux::CheckResult &c, const mux::LessonStep &step) const;

    QPointer<Session> m_session;
    QLabel *m_title;
    QLabel *m_section;
    QLabel *m_tick;
    QLabel *m_correction;
    QLabel *m_say;
    QLabel *m_checks;
    QuizBox *m_quiz;
    Theme m_theme;
};

} // namespace gui
