#pragma once

#include "Theme.h"
#include "lesson/Lesson.h"

#include <QCheckBox>
#include <QGroupBox>
#include <QLabel>
#include <QMap>
#include <QPointer>
#include <QPushButton>
#include <QWidget>

namespace gui {

class LessonsModel;
class Session;

/// The lesson's quiz under its narration: before a tick that has a question, the
/// predict-the-next-tick box (tick which sockets come back ready, then step); after it, the
/// verdict, judged against what the kernel returned, shown above the next question; a score
/// per lesson, remembered; at the end of the script, a summary and the way on to the next
/// lesson. It follows the Session's cursor itself.
class QuizBox : public QWidget {
    Q_OBJECT
    /// "right", "wrong", or empty when nothing was judged at the cursor.
    Q_PROPERTY(QString verdictKind READ verdictKind)
public:
    QuizBox(Session *session, const LessonsModel *lessons, QWidget *parent = nullptr);

    void setTheme(const Theme &theme);
    /// Scores are kept in QSettings (off in tests: nothing read or written).
    void setRemembered(bool on);
    QString verdictKind() const { return m_verdictKind; }
    void refresh();

signals:
    void nextLessonRequested(const QString &id);

protected:
    void changeEvent(QEvent *e) override;

private:
    void buildQuestion(const mux::LessonStep &next, qsizetype cursor);
    void showVerdict(const mux::LessonStep &step, qsizetype index);
    void showSummary(const mux::Lesson &lesson);
    void storePrediction();
    void followFont();
    mux::ReadyNames prediction() const;
    QString namesText(const mux::ReadyNames &n, qsizetype index) const;
    void loadScore();
    void saveScore();
    QString scoreText(const mux::Lesson &lesson) const;

    QPointer<Session> m_session;
    const LessonsModel *m_lessons;
    QGroupBox *m_verdictBox;
    QLabel *m_verdictAsk;
    QLabel *m_verdict;
    QLabel *m_score;
    QGroupBox *m_question;
    QLabel *m_ask;
    QWidget *m_choices;
    QLabel *m_hint;
    QGroupBox *m_summary;
    QLabel *m_summaryText;
    QPushButton *m_next;
    QList<QPair<QCheckBox *, QPair<char, QString>>> m_boxes; ///< box, (list, socket name)
    QHash<quint32, mux::ReadyNames> m_predictions;           ///< by tick number
    quint32 m_askedTick = 0;
    QString m_verdictKind;
    QString m_scoreLesson;         ///< the lesson m_score belongs to
    QMap<quint32, bool> m_answers; ///< tick -> answered right, for m_scoreLesson
    QString m_nextLesson;
    bool m_remembered = false;
    Theme m_theme;
};

} // namespace gui
