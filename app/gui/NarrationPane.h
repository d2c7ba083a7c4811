#pragma once

#include "Theme.h"
#include "lesson/Lesson.h"

#include <QCheckBox>
#include <QGroupBox>
#include <QLabel>
#include <QPointer>
#include <QWidget>

namespace gui {

class Session;

/// The lesson's voice: its title, the narration of the cursor's tick (in the lesson's own
/// words, zh or en) and, before a tick that has a question, the predict-the-next-tick box:
/// the learner ticks which sockets will come back ready, steps, and sees right or wrong —
/// judged against what the kernel returned, not against the lesson file.
class NarrationPane : public QWidget {
    Q_OBJECT
public:
    explicit NarrationPane(Session *session, QWidget *parent = nullptr);

    void setTheme(const Theme &theme);
    /// The learner's pick for the next tick (tests tick boxes through this).
    void setPrediction(const mux::ReadyNames &names);
    mux::ReadyNames prediction() const;
    /// "right", "wrong", or empty when nothing was judged at the cursor.
    QString verdict() const { return m_verdictKind; }
    /// What the checkpoint line says for the tick shown (empty when hidden).
    QString checksText() const;
    bool questionVisible() const { return !m_question->isHidden(); }

protected:
    void changeEvent(QEvent *e) override;

private:
    void refresh();
    void buildQuestion(const mux::LessonStep &next, qsizetype cursor);
    /// Outside (not scripted) clients' conns open at the end of tick index `cursor`.
    int externalsOpenAt(qsizetype cursor) const;
    void showVerdict(const mux::LessonStep &step, qsizetype index);
    void storePrediction();
    QString namesText(const mux::ReadyNames &n, qsizetype index) const;

    QPointer<Session> m_session;
    QLabel *m_title;
    QLabel *m_section;
    QLabel *m_tick;
    QLabel *m_correction;
    QLabel *m_say;
    QLabel *m_checks;
    QGroupBox *m_question;
    QLabel *m_ask;
    QWidget *m_choices;
    QLabel *m_hint;
    QLabel *m_verdict;
    QList<QPair<QCheckBox *, QPair<char, QString>>> m_boxes; ///< box, (list, socket name)
    QHash<quint32, mux::ReadyNames> m_predictions;           ///< by tick number
    quint32 m_askedTick = 0;
    QString m_verdictKind;
    Theme m_theme;
};

} // namespace gui
