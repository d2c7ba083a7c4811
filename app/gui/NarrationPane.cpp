#include "NarrationPane.h"

#include "ProgramRun.h"
#include "QuizBox.h"
#include "Session.h"
#include "SocketLabel.h"
#include "lesson/LessonRun.h"
#include "lesson/Narration.h"
#include "trace/TickFormat.h"

#include <QEvent>
#include <QGridLayout>
#include <QVBoxLayout>

namespace gui {

NarrationPane::NarrationPane(Session *session, const LessonsModel *lessons, QWidget *parent)
    : QWidget(parent), m_session(session)
{
    auto *layout = new QVBoxLayout(this);
    m_title = new QLabel(this);
    m_title->setWordWrap(true);
    m_title->setObjectName(QStringLiteral("narrationTitle"));
    m_section = new QLabel(this);
    m_section->setWordWrap(true);
    m_tick = new QLabel(this);
    m_tick->setObjectName(QStringLiteral("narrationTick"));
    m_correction = new QLabel(this);
    m_correction->setWordWrap(true);
    m_say = new QLabel(this);
    m_say->setObjectName(QStringLiteral("narrationSay"));
    m_say->setWordWrap(true);
    m_say->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_say->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_checks = new QLabel(this);
    m_checks->setObjectName(QStringLiteral("narrationChecks"));
    m_checks->setWordWrap(true);
    // Plain text: lesson texts quote protocol bytes such as "<A> " that a QLabel would
    // otherwise take for HTML tags and hide.
    for (QLabel *l : {m_title, m_section, m_tick, m_correction, m_say, m_checks})
        l->setTextFormat(Qt::PlainText);

    m_quiz = new QuizBox(session, lessons, this);
    m_quiz->setObjectName(QStringLiteral("quiz"));
    connect(m_quiz, &QuizBox::nextLessonRequested, this, &NarrationPane::nextLessonRequested);

    layout->addWidget(m_title);
    layout->addWidget(m_section);
    layout->addSpacing(6);
    layout->addWidget(m_tick);
    layout->addWidget(m_correction);
    layout->addWidget(m_say);
    layout->addWidget(m_checks);
    layout->addWidget(m_quiz);
    layout->addStretch(1);

    connect(session, &Session::sessionReset, this, &NarrationPane::refresh);
    connect(session, &Session::cursorChanged, this, &NarrationPane::refresh);
    connect(session, &Session::langChanged, this, &NarrationPane::refresh);
    connect(session, &Session::programChanged, this, &NarrationPane::refresh);
    refresh();
}

void NarrationPane::setTheme(const Theme &theme)
{
    m_theme = theme;
    m_quiz->setTheme(theme);
    refresh();
}

void NarrationPane::changeEvent(QEvent *e)
{
    if (e->type() == QEvent::LanguageChange || e->type() == QEvent::FontChange)
        refresh();
    QWidget::changeEvent(e);
}

void NarrationPane::refresh()
{
    const QString lang = m_session->lang();
    const mux::Lesson *lesson = m_session->lesson();
    const mux::Trace *trace = m_session->trace();
    const qsizetype cursor = m_session->cursor();

    QFont titleFont = font();
    titleFont.setPointSizeF(font().pointSizeF() * 1.3);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    QFont tickFont = font();
    tickFont.setBold(true);
    m_tick->setFont(tickFont);
    QPalette muted = palette();
    muted.setColor(QPalette::WindowText, m_theme.mutedText());
    m_section->setPalette(muted);
    m_checks->setPalette(muted);

    if (!trace || cursor < 0) {
        m_title->setText(tr("No lesson open"));
        m_section->setText(tr("Pick a lesson in the navigator on the left."));
        for (QWidget *w : {static_cast<QWidget *>(m_tick), static_cast<QWidget *>(m_say),
                           static_cast<QWidget *>(m_correction), static_cast<QWidget *>(m_checks)})
            w->hide();
        return;
    }
    m_tick->show();
    m_say->show();
    const mux::TickRecord &rec = trace->at(cursor);
    if (lesson) {
        m_title->setText(lesson->titleFor(rec.backend, lang));
        m_section->setText(lesson->section.in(lang));
    } else {
        m_title->setText(tr("Saved trace: %1").arg(m_session->title()));
        m_section->setText(tr("Browsing only: step back and forward through what was recorded."));
    }

    const quint32 last = lesson ? lesson->ticks : 0;
    // Past the script's end the server still runs: never "tick 5 of 4".
    m_tick->setText(
        !last ? tr("Tick %1").arg(rec.tick)
        : rec.tick <= last
            ? tr("Tick %1 of %2").arg(rec.tick).arg(last)
            : tr("Tick %1 (the lesson's script ended at tick %2)").arg(rec.tick).arg(last));
    const mux::LessonStep *step = lesson && rec.tick ? lesson->stepAt(rec.tick) : nullptr;
    m_correction->setVisible(step && step->correction);
    if (step && step->correction) {
        m_correction->setText(tr(
            "Correction: here the document is wrong or incomplete; this is what the kernel does."));
        QPalette p = palette();
        p.setColor(QPalette::WindowText, m_theme.removed());
        m_correction->setPalette(p);
    }
    if (rec.kind == mux::TickRecord::Kind::Setup) {
        QString text = lesson ? lesson->summaryFor(rec.backend, lang) : QString();
        if (m_session->hasEngine() || m_session->runsLessonProgram())
            text += QStringLiteral("\n\n") +
                    tr("The server is listening. Press Step (F10) to run the first tick.");
        m_say->setText(text.trimmed());
    } else if (step) {
        // "L0" in a lesson's text reads as its chip does ("listener :9991").
        m_say->setText(nameSocketsIn(step->sayFor(rec.backend, lang),
                                     {trace->socketsAt(cursor), trace->socketsAt(0)}));
    } else if (lesson && rec.tick > lesson->ticks && m_session->runsLessonProgram() &&
               m_session->programEnded() && cursor == trace->size() - 1) {
        m_say->setText(tr("The lesson's script has ended, and the program has ended too."));
    } else if (lesson && rec.tick > lesson->ticks) {
        m_say->setText(tr("The lesson's script has ended. The server keeps running: add a client, "
                          "type and send, or close one, then step to see what the kernel says."));
    } else {
        m_say->setText(tr("Nothing new is scripted for this tick."));
    }

    // Checkpoints of a live lesson: a teacher sees at once that the run behaved as the lesson says.
    m_checks->hide();
    QStringList blocks; // what the checkpoints say, and how the lesson's program ended
    const bool onProgram = m_session->runsLessonProgram();
    const mux::LocalText *differs =
        step && onProgram ? step->differsOn(QStringLiteral("python"), rec.backend) : nullptr;
    if (differs) {
        blocks << tr("Here the Python program differs from muxlab's server: %1")
                      .arg(mux::narrate(differs->in(lang), rec.backend, lang));
    } else if (step && (m_session->run() || onProgram)) {
        const QList<mux::CheckResult> checks =
            m_session->run() ? m_session->run()->checkStep(*step)
                             : mux::LessonRun::checkStep(*lesson, *trace, *step, true);
        if (!checks.isEmpty()) {
            QStringList failed;
            for (const mux::CheckResult &c : checks)
                if (!c.ok)
                    failed << failedSentence(c, *step);
            QString text =
                failed.isEmpty()
                    ? tr("✓ Every checkpoint of this tick held.")
                    : tr("✗ A checkpoint failed: %1")
                          .arg(failed.size() == 1
                                   ? failed.first()
                                   : QStringLiteral("\n• ") + failed.join(QStringLiteral("\n• ")));
            // Students pointing nc at the lesson's server change what the kernel reports: the
            // script knows only its own clients. Say so, or the failure reads like a broken lesson.
            // The reason first: the list of what differed is long and technical.
            if (const int outside = failed.isEmpty() ? 0 : externalsOpenAt(cursor); outside > 0)
                text = tr("Outside clients are connected to this lesson (%n of them): the script "
                          "expects only its own clients, so the kernel's answer differs from what "
                          "it says. Restart the lesson without them to see it as written.",
                          nullptr, outside) +
                       QStringLiteral("\n\n") + text;
            blocks << text;
        }
    }
    if (onProgram && m_session->programEnded() && cursor == trace->size() - 1) {
        // The program died or exited here: say how, with the end of what it wrote (a traceback).
        const mux::exec::TracedProcess &p = m_session->program()->process();
        QStringList tail = QString::fromUtf8(p.outputTail()).trimmed().split(QLatin1Char('\n'));
        if (tail.size() > 12)
            tail = tail.mid(tail.size() - 12);
        blocks << tr("The program ended: %1").arg(p.why()) +
                      (tail.join(QString()).isEmpty()
                           ? QString()
                           : QStringLiteral("\n") + tail.join(QLatin1Char('\n')));
    }
    if (!blocks.isEmpty()) {
        m_checks->setText(blocks.join(QStringLiteral("\n\n")));
        m_checks->show();
    }
}

QString NarrationPane::failedSentence(const mux::CheckResult &c, const mux::LessonStep &step) const
{
    const mux::Trace *trace = m_session->trace();
    const mux::LessonRun *run = m_session->run();
    qsizetype index = -1;
    for (qsizetype i = 0; i < trace->size(); ++i)
        if (trace->at(i).tick == c.tick)
            index = i;
    if (index < 0)
        return c.what + QStringLiteral(": ") + c.detail;
    const mux::TickRecord &rec = trace->at(index);
    // Sockets closed during the tick are still named as the learner saw them before it.
    QHash<int, mux::SocketInfo> sockets = trace->socketsAt(index);
    for (const mux::SocketInfo &s : trace->socketsAt(index - 1))
        if (!sockets.contains(s.fd))
            sockets.insert(s.fd, s);
    const mux::Expect &e = step.expectFor(rec.backend);
    const mux::ReadyNames got = mux::LessonRun::readyNamesAt(*trace, index);
    if (c.what == QLatin1String("ready") && e.ready)
        //: a sentence's full stop
        return tr("%1.").arg(readySentence(*e.ready, got, sockets));
    if (c.what == QLatin1String("question"))
        if (const auto answer = step.answerFor(rec.backend))
            return tr("%1.").arg(readySentence(*answer, got, sockets, true));
    if (c.what == QLatin1String("returned") && e.returned)
        return tr("expected the call to return %1; it returned %2.").arg(*e.returned).arg(rec.ret);
    if (c.what == QLatin1String("calls")) {
        QStringList calls;
        for (const mux::Action &a : rec.actions)
            if (a.actor == mux::Action::Actor::Server && a.call != mux::Action::Call::Measure &&
                a.call != mux::Action::Call::SetSockOpt &&
                a.call != mux::Action::Call::GetSockOpt && a.call != mux::Action::Call::Ioctl)
                calls.append(mux::callName(a.call));
        return tr("expected the server to call %1; it called %2.")
            .arg(e.calls.join(tr(", ")), calls.isEmpty() ? tr("nothing") : calls.join(tr(", ")));
    }
    const QLatin1String received("received ");
    if (c.what.startsWith(received) && run) {
        const QString client = c.what.mid(received.size());
        const QString who = socketLabel(QStringLiteral("client:") + client, sockets);
        return tr("expected %1 to have received %2 so far; it received %3.")
            .arg(who, mux::format::quoted(e.received.value(client), 200),
                 mux::format::quoted(run->receivedBy(client, c.tick), 200));
    }
    return c.what + QStringLiteral(": ") + c.detail;
}

int NarrationPane::externalsOpenAt(qsizetype cursor) const
{
    const mux::Trace *trace = m_session->trace();
    if (!trace || cursor < 0 || cursor >= trace->size())
        return 0;
    int n = 0;
    for (const mux::SocketInfo &info : trace->socketsAt(cursor))
        n += info.role == mux::Role::External ? 1 : 0;
    return n;
}

} // namespace gui
