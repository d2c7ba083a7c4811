#include "QuizBox.h"

#include "LessonsModel.h"
#include "Session.h"
#include "SocketLabel.h"
#include "WrapCheckBox.h"
#include "lesson/LessonRun.h"

#include <QEvent>
#include <QGridLayout>
#include <QSettings>
#include <QVBoxLayout>

namespace gui {

namespace {

// What the learner picks is named as the call names it: select's three lists, poll's and
// epoll's event bits (DESIGN's one mapping: rlist = IN, wlist = OUT, xlist = PRI).
QString listName(char list, mux::Backend backend)
{
    const int i = list == 'r' ? 0 : list == 'w' ? 1 : 2;
    static const char *const names[][3] = {{"rlist", "wlist", "xlist"},
                                           {"POLLIN", "POLLOUT", "POLLPRI"},
                                           {"EPOLLIN", "EPOLLOUT", "EPOLLPRI"}};
    const int b = backend == mux::Backend::Select ? 0 : backend == mux::Backend::Poll ? 1 : 2;
    return QLatin1String(names[b][i]);
}

QString callName(mux::Backend backend)
{
    return backend == mux::Backend::Select ? QStringLiteral("select")
           : backend == mux::Backend::Poll ? QStringLiteral("poll")
                                           : QStringLiteral("epoll_wait");
}

// Plain text: lesson texts quote protocol bytes such as "<A> " that a QLabel would otherwise
// take for HTML tags and hide.
QLabel *wrapped(QWidget *parent)
{
    auto *l = new QLabel(parent);
    l->setWordWrap(true);
    l->setTextFormat(Qt::PlainText);
    return l;
}

} // namespace

QuizBox::QuizBox(Session *session, const LessonsModel *lessons, QWidget *parent)
    : QWidget(parent), m_session(session), m_lessons(lessons)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);

    m_verdictBox = new QGroupBox(this);
    m_verdictBox->setObjectName(QStringLiteral("quizVerdictBox"));
    auto *v = new QVBoxLayout(m_verdictBox);
    m_verdictAsk = wrapped(m_verdictBox);
    m_verdict = wrapped(m_verdictBox);
    m_verdict->setObjectName(QStringLiteral("quizVerdict"));
    m_score = wrapped(m_verdictBox);
    m_score->setObjectName(QStringLiteral("quizScore"));
    v->addWidget(m_verdictAsk);
    v->addWidget(m_verdict);
    v->addWidget(m_score);

    m_question = new QGroupBox(this);
    m_question->setObjectName(QStringLiteral("quizQuestion"));
    auto *q = new QVBoxLayout(m_question);
    m_ask = wrapped(m_question);
    m_ask->setObjectName(QStringLiteral("quizAsk"));
    m_choices = new QWidget(m_question);
    new QGridLayout(m_choices);
    m_hint = wrapped(m_question);
    q->addWidget(m_ask);
    q->addWidget(m_choices);
    q->addWidget(m_hint);

    m_summary = new QGroupBox(this);
    m_summary->setObjectName(QStringLiteral("quizSummary"));
    auto *s = new QVBoxLayout(m_summary);
    m_summaryText = wrapped(m_summary);
    m_summaryText->setObjectName(QStringLiteral("quizSummaryText"));
    m_next = new QPushButton(m_summary);
    m_next->setObjectName(QStringLiteral("nextLesson"));
    s->addWidget(m_summaryText);
    s->addWidget(m_next, 0, Qt::AlignLeft);
    connect(m_next, &QPushButton::clicked, this, [this] {
        if (!m_nextLesson.isEmpty())
            emit nextLessonRequested(m_nextLesson);
    });

    // The verdict of the tick just run sits above the question about the next one.
    layout->addWidget(m_verdictBox);
    layout->addWidget(m_question);
    layout->addWidget(m_summary);

    connect(session, &Session::sessionReset, this, [this] {
        m_predictions.clear();
        loadScore();
        refresh();
    });
    connect(session, &Session::cursorChanged, this, &QuizBox::refresh);
    connect(session, &Session::langChanged, this, &QuizBox::refresh);
    refresh();
}

void QuizBox::setTheme(const Theme &theme)
{
    m_theme = theme;
    // Fusion draws a check box's frame a shade darker than the window: on the projector's
    // black it vanishes. Draw the boxes white-framed there, and filled yellow when ticked.
    m_choices->setStyleSheet(
        theme.highContrast
            ? QStringLiteral(
                  "QCheckBox::indicator { width: 0.9em; height: 0.9em; border: 2px solid white;"
                  " background: black; }"
                  "QCheckBox::indicator:checked { background: #fff000; }")
            : QString());
    refresh();
}

void QuizBox::changeEvent(QEvent *e)
{
    if (e->type() == QEvent::LanguageChange)
        refresh();
    // A widget with a style sheet keeps the font it was polished with: hand the options the
    // zoomed font, or on the projector they stay small and their rows too short.
    if (e->type() == QEvent::FontChange)
        followFont();
    QWidget::changeEvent(e);
}

void QuizBox::followFont()
{
    // Under a style sheet the options keep the font they were made with: hand each the
    // window's (zoomed) font, or on the projector they stay small and their rows too short.
    for (QWidget *w : m_choices->findChildren<QWidget *>()) {
        QFont f = font();
        f.setBold(w->font().bold());
        w->setFont(f);
    }
}

void QuizBox::setRemembered(bool on)
{
    m_remembered = on;
    m_scoreLesson.clear();
    loadScore();
    refresh();
}

void QuizBox::loadScore()
{
    const mux::Lesson *lesson = m_session->lesson();
    const QString id = lesson && m_session->hasEngine() ? lesson->id : QString();
    if (id == m_scoreLesson)
        return; // a restart or another backend keeps the answers given so far
    m_scoreLesson = id;
    m_answers.clear();
    if (!m_remembered || id.isEmpty())
        return;
    // "3:1,6:0": tick, then 1 for right.
    const QString stored = QSettings().value(QStringLiteral("quiz/") + id).toString();
    for (const QString &entry : stored.split(QLatin1Char(','), Qt::SkipEmptyParts))
        m_answers.insert(entry.section(QLatin1Char(':'), 0, 0).toUInt(),
                         entry.section(QLatin1Char(':'), 1, 1) == QLatin1String("1"));
}

void QuizBox::saveScore()
{
    if (!m_remembered || m_scoreLesson.isEmpty())
        return;
    QStringList entries;
    for (auto it = m_answers.cbegin(); it != m_answers.cend(); ++it)
        entries << QStringLiteral("%1:%2").arg(it.key()).arg(it.value() ? 1 : 0);
    QSettings().setValue(QStringLiteral("quiz/") + m_scoreLesson, entries.join(QLatin1Char(',')));
}

QString QuizBox::scoreText(const mux::Lesson &lesson) const
{
    int questions = 0;
    for (const mux::LessonStep &s : lesson.steps)
        questions += s.question ? 1 : 0;
    int right = 0;
    for (bool r : m_answers)
        right += r ? 1 : 0;
    //: %1 right answers, %2 answered questions, %3 questions in the lesson
    return tr("Score for this lesson: %1 right of %2 answered (%3 questions).")
        .arg(right)
        .arg(m_answers.size())
        .arg(questions);
}

QString QuizBox::namesText(const mux::ReadyNames &n, qsizetype index) const
{
    const mux::Trace *t = m_session->trace();
    QHash<QString, QString> labels;
    for (const mux::SocketInfo &s : t->socketsAt(index))
        labels.insert(s.name, socketLabel(s));
    for (const mux::SocketInfo &s : t->socketsAt(index - 1))
        labels.insert(s.name, socketLabel(s));
    auto list = [&](const QStringList &names) {
        QStringList out;
        for (const QString &name : names)
            out.append(labels.value(name, socketLabel(name, {})));
        return out.isEmpty() ? tr("nothing") : out.join(QStringLiteral(", "));
    };
    const mux::Backend b = t->at(index).backend;
    //: %1 is rlist, wlist or xlist (or POLLIN, EPOLLOUT…), %2 the sockets in it
    const QString item = tr("%1: %2");
    QStringList parts;
    parts << item.arg(listName('r', b), list(n.r));
    if (!n.w.isEmpty())
        parts << item.arg(listName('w', b), list(n.w));
    if (!n.x.isEmpty())
        parts << item.arg(listName('x', b), list(n.x));
    return parts.join(QStringLiteral(" · "));
}

void QuizBox::refresh()
{
    m_verdictKind.clear();
    m_askedTick = 0;
    m_verdictBox->hide();
    m_question->hide();
    m_summary->hide();
    const mux::Lesson *lesson = m_session->lesson();
    const mux::Trace *trace = m_session->trace();
    const qsizetype cursor = m_session->cursor();
    if (!lesson || !trace || cursor < 0 || cursor >= trace->size())
        return;
    const quint32 tick = trace->at(cursor).tick;
    if (const mux::LessonStep *step = tick ? lesson->stepAt(tick) : nullptr; step && step->question)
        showVerdict(*step, cursor);
    const mux::LessonStep *next = m_session->isLive() ? lesson->stepAt(tick + 1) : nullptr;
    if (next && next->question)
        buildQuestion(*next, cursor);
    if (m_session->hasEngine() && tick >= lesson->ticks && tick > 0)
        showSummary(*lesson);
}

void QuizBox::buildQuestion(const mux::LessonStep &next, qsizetype cursor)
{
    const mux::Trace *trace = m_session->trace();
    m_askedTick = next.tick;
    m_question->setTitle(tr("Predict tick %1").arg(next.tick));
    m_ask->setText(nameSocketsIn(next.askFor(trace->at(cursor).backend, m_session->lang()),
                                 {trace->socketsAt(cursor), trace->socketsAt(0)}));
    // Candidates: every socket in the lists the next call will pass in.
    const QList<mux::FdEvents> interest = trace->interestAfter(cursor);
    const QHash<int, mux::SocketInfo> sockets = trace->socketsAt(cursor);
    delete m_choices->layout();
    qDeleteAll(m_choices->findChildren<QWidget *>(QString(), Qt::FindDirectChildrenOnly));
    m_boxes.clear();
    auto *grid = new QGridLayout(m_choices);
    grid->setContentsMargins(0, 0, 0, 0);
    // Boxes sit close to their list's name and well apart from each other, so on a projector
    // each box reads as belonging to the label on its right, not to the one before it.
    grid->setHorizontalSpacing(fontMetrics().averageCharWidth() * 3);
    grid->setColumnStretch(1, 1);
    const mux::ReadyNames picked = m_predictions.value(next.tick);
    int row = 0;
    const struct {
        char list;
        mux::Events bit;
    } lists[] = {{'r', mux::Readable}, {'w', mux::Writable}, {'x', mux::Exceptional}};
    for (const auto &l : lists) {
        QList<mux::SocketInfo> infos;
        for (const mux::FdEvents &e : interest)
            if (e.events & l.bit)
                infos.append(sockets.value(e.fd));
        if (infos.isEmpty())
            continue;
        const QString listTitle = listName(l.list, trace->at(cursor).backend);
        auto *title = new QLabel(listTitle, m_choices);
        QFont f = title->font();
        f.setBold(true);
        title->setFont(f);
        grid->addWidget(title, row, 0, Qt::AlignTop);
        const int col = 1;
        for (const mux::SocketInfo &s : infos) {
            auto *box = new WrapCheckBox(socketLabel(s), m_choices);
            box->setObjectName(
                QStringLiteral("predict:%1:%2").arg(QChar::fromLatin1(l.list)).arg(s.name));
            const QStringList &was = l.list == 'r' ? picked.r : l.list == 'w' ? picked.w : picked.x;
            box->setChecked(was.contains(s.name));
            box->setToolTip(tr("Tick if you think %1 will come back ready in the %2.")
                                .arg(socketLabel(s), listTitle));
            connect(box, &QCheckBox::toggled, this, [this](bool on) {
                if (on)
                    for (const auto &[other, what] : std::as_const(m_boxes))
                        if (what.first == '-')
                            other->setChecked(false);
                storePrediction();
            });
            // One option a row: each has the pane's width to wrap in at any zoom.
            grid->addWidget(box, row++, col);
            m_boxes.append({box, {l.list, s.name}});
        }
    }
    // "Nothing" is an answer too, distinct from not answering at all.
    auto *none = new WrapCheckBox(tr("nothing comes back ready"), m_choices);
    none->setObjectName(QStringLiteral("predict:none"));
    none->setChecked(m_predictions.contains(next.tick) && picked == mux::ReadyNames{});
    connect(none, &QCheckBox::toggled, this, [this](bool on) {
        if (on)
            for (const auto &[box, what] : std::as_const(m_boxes))
                if (what.first != '-')
                    box->setChecked(false);
        storePrediction();
    });
    grid->addWidget(none, row, 0, 1, 2);
    m_boxes.append({none, {'-', QString()}});
    followFont();
    m_hint->setText(tr("Tick the sockets you expect to come back ready (or nothing), then press "
                       "Step (F10)."));
    m_question->show();
}

void QuizBox::storePrediction()
{
    if (!m_askedTick)
        return;
    bool any = false;
    for (const auto &[box, what] : std::as_const(m_boxes))
        any = any || box->isChecked();
    if (!any) { // every box cleared again: no answer, not "nothing"
        m_predictions.remove(m_askedTick);
        return;
    }
    m_predictions.insert(m_askedTick, prediction());
}

mux::ReadyNames QuizBox::prediction() const
{
    mux::ReadyNames n;
    for (const auto &[box, what] : m_boxes) {
        if (!box->isChecked() || what.first == '-')
            continue;
        (what.first == 'r' ? n.r : what.first == 'w' ? n.w : n.x).append(what.second);
    }
    return n;
}

void QuizBox::showVerdict(const mux::LessonStep &step, qsizetype index)
{
    const mux::Trace *trace = m_session->trace();
    const mux::TickRecord &rec = trace->at(index);
    const mux::ReadyNames kernel = mux::LessonRun::readyNamesAt(*trace, index);
    //: %1 the call (select, poll, epoll_wait), %2 its return value, %3 the sockets
    const QString returned = tr("%1 returned %2: %3")
                                 .arg(callName(rec.backend))
                                 .arg(rec.ret)
                                 .arg(namesText(kernel, index));
    QString text;
    QColor colour = m_theme.text();
    if (m_predictions.contains(step.tick)) {
        const mux::ReadyNames guess = m_predictions.value(step.tick);
        // A question about every backend takes the answer for any of them.
        QString fitsOther;
        if (guess != kernel && step.question->anyBackend && m_session->lesson())
            for (mux::Backend b : m_session->lesson()->backends)
                if (b != rec.backend && step.answerFor(b) == guess)
                    fitsOther = mux::backendName(b);
        const bool right = guess == kernel || !fitsOther.isEmpty();
        m_verdictKind = right ? QStringLiteral("right") : QStringLiteral("wrong");
        if (guess == kernel)
            text = tr("Right! %1.").arg(returned);
        else if (right)
            text = tr("Right for %1. Here, on %2, %3.")
                       .arg(fitsOther, mux::backendName(rec.backend), returned);
        else
            text = tr("Not quite. You picked %1; %2.").arg(namesText(guess, index), returned);
        colour = right ? m_theme.right() : m_theme.wrong();
        const auto had = m_answers.constFind(step.tick);
        if (m_session->hasEngine() && (had == m_answers.constEnd() || *had != right)) {
            m_answers.insert(step.tick, right);
            saveScore();
        }
    } else {
        text = tr("No answer was given. %1.").arg(returned);
    }
    m_verdictBox->setTitle(tr("Tick %1: the verdict").arg(step.tick));
    m_verdictAsk->setText(
        nameSocketsIn(step.askFor(m_session->trace()->at(index).backend, m_session->lang()),
                      {m_session->trace()->socketsAt(0)}));
    QPalette muted = palette();
    muted.setColor(QPalette::WindowText, m_theme.mutedText());
    m_verdictAsk->setPalette(muted);
    m_score->setPalette(muted);
    m_verdict->setText(text);
    QPalette p = palette();
    p.setColor(QPalette::WindowText, colour);
    m_verdict->setPalette(p);
    QFont f = font();
    f.setBold(true);
    m_verdict->setFont(f);
    const mux::Lesson *lesson = m_session->lesson();
    m_score->setVisible(lesson && m_session->hasEngine());
    if (lesson)
        m_score->setText(scoreText(*lesson));
    m_verdictBox->show();
}

void QuizBox::showSummary(const mux::Lesson &lesson)
{
    m_summary->setTitle(tr("End of the lesson"));
    QString text = tr("The script of \"%1\" has ended; the server keeps running if you go on.")
                       .arg(lesson.title.in(m_session->lang()));
    text += QLatin1Char(' ') + scoreText(lesson);
    m_summaryText->setText(text);
    m_nextLesson = m_lessons ? m_lessons->nextLessonId(lesson.id) : QString();
    const mux::Lesson *next = m_lessons ? m_lessons->lesson(m_nextLesson) : nullptr;
    m_next->setVisible(next != nullptr);
    if (next)
        m_next->setText(tr("Next lesson: %1").arg(next->title.in(m_session->lang())));
    m_summary->show();
}

} // namespace gui
