#include "NarrationPane.h"

#include "Session.h"
#include "trace/TickFormat.h"

#include <QEvent>
#include <QGridLayout>
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

} // namespace

NarrationPane::NarrationPane(Session *session, QWidget *parent)
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
    m_say->setWordWrap(true);
    m_say->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_say->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_checks = new QLabel(this);
    m_checks->setWordWrap(true);

    m_question = new QGroupBox(this);
    auto *q = new QVBoxLayout(m_question);
    m_ask = new QLabel(m_question);
    m_ask->setWordWrap(true);
    m_choices = new QWidget(m_question);
    new QGridLayout(m_choices);
    m_hint = new QLabel(m_question);
    m_hint->setWordWrap(true);
    m_verdict = new QLabel(m_question);
    m_verdict->setWordWrap(true);
    q->addWidget(m_ask);
    q->addWidget(m_choices);
    q->addWidget(m_hint);
    q->addWidget(m_verdict);

    layout->addWidget(m_title);
    layout->addWidget(m_section);
    layout->addSpacing(6);
    layout->addWidget(m_tick);
    layout->addWidget(m_correction);
    layout->addWidget(m_say);
    layout->addWidget(m_question);
    layout->addWidget(m_checks);
    layout->addStretch(1);

    connect(session, &Session::sessionReset, this, [this] {
        m_predictions.clear();
        refresh();
    });
    connect(session, &Session::cursorChanged, this, &NarrationPane::refresh);
    connect(session, &Session::langChanged, this, &NarrationPane::refresh);
    refresh();
}

void NarrationPane::setTheme(const Theme &theme)
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

void NarrationPane::changeEvent(QEvent *e)
{
    if (e->type() == QEvent::LanguageChange || e->type() == QEvent::FontChange)
        refresh();
    QWidget::changeEvent(e);
}

QString NarrationPane::namesText(const mux::ReadyNames &n, qsizetype index) const
{
    const mux::Trace *t = m_session->trace();
    const QHash<int, mux::SocketInfo> sockets = t->socketsAt(index);
    QHash<QString, QString> labels;
    for (const mux::SocketInfo &s : sockets)
        labels.insert(s.name, s.label);
    for (const mux::SocketInfo &s : t->socketsAt(index - 1))
        labels.insert(s.name, s.label);
    auto list = [&](const QStringList &names) {
        QStringList out;
        for (const QString &name : names)
            out.append(labels.value(name, name));
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

void NarrationPane::refresh()
{
    m_verdictKind.clear();
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
    m_question->setTitle(tr("Predict the next tick"));

    if (!trace || cursor < 0) {
        m_title->setText(tr("No lesson open"));
        m_section->setText(tr("Pick a lesson in the navigator on the left."));
        for (QWidget *w : {static_cast<QWidget *>(m_tick), static_cast<QWidget *>(m_say),
                           static_cast<QWidget *>(m_correction), static_cast<QWidget *>(m_checks),
                           static_cast<QWidget *>(m_question)})
            w->hide();
        return;
    }
    m_tick->show();
    m_say->show();
    if (lesson) {
        m_title->setText(lesson->title.in(lang));
        m_section->setText(lesson->section.in(lang));
    } else {
        m_title->setText(tr("Saved trace: %1").arg(m_session->title()));
        m_section->setText(tr("Browsing only: step back and forward through what was recorded."));
    }

    const mux::TickRecord &rec = trace->at(cursor);
    const quint32 last = lesson ? lesson->ticks : 0;
    m_tick->setText(last ? tr("Tick %1 of %2").arg(rec.tick).arg(last)
                         : tr("Tick %1").arg(rec.tick));
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
        QString text = lesson ? lesson->summary.in(lang) : QString();
        if (m_session->hasEngine())
            text += QStringLiteral("\n\n") +
                    tr("The server is listening. Press Step (F10) to run the first tick.");
        m_say->setText(text.trimmed());
    } else if (step) {
        m_say->setText(step->say.in(lang));
    } else if (lesson && rec.tick > lesson->ticks) {
        m_say->setText(tr("The lesson's script has ended. The server keeps running: add a client, "
                          "type and send, or close one, then step to see what the kernel says."));
    } else {
        m_say->setText(tr("Nothing new is scripted for this tick."));
    }

    // Checkpoints of a live lesson: a teacher sees at once that the run behaved as the lesson says.
    m_checks->hide();
    if (step && m_session->run()) {
        const QList<mux::CheckResult> checks = m_session->run()->checkStep(*step);
        if (!checks.isEmpty()) {
            QStringList failed;
            for (const mux::CheckResult &c : checks)
                if (!c.ok)
                    failed << c.what + QStringLiteral(": ") + c.detail;
            QString text =
                failed.isEmpty()
                    ? tr("✓ Every checkpoint of this tick held.")
                    : tr("✗ A checkpoint failed: %1").arg(failed.join(QStringLiteral("; ")));
            // Students pointing nc at the lesson's server change what the kernel reports: the
            // script knows only its own clients. Say so, or the failure reads like a broken lesson.
            // The reason first: the list of what differed is long and technical.
            if (const int outside = failed.isEmpty() ? 0 : externalsOpenAt(cursor); outside > 0)
                text = tr("Outside clients are connected to this lesson (%n of them): the script "
                          "expects only its own clients, so the kernel's answer differs from what "
                          "it says. Restart the lesson without them to see it as written.",
                          nullptr, outside) +
                       QStringLiteral("\n\n") + text;
            m_checks->setText(text);
            m_checks->show();
        }
    }

    // The question: asked before its tick runs, judged once it has.
    m_question->hide();
    m_hint->hide();
    m_verdict->hide();
    m_askedTick = 0;
    const mux::LessonStep *next =
        lesson && m_session->isLive() ? lesson->stepAt(rec.tick + 1) : nullptr;
    if (next && next->question) {
        buildQuestion(*next, cursor);
    } else if (step && step->question) {
        showVerdict(*step, cursor);
    }
}

QString NarrationPane::checksText() const
{
    return m_checks->isHidden() ? QString() : m_checks->text();
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

void NarrationPane::buildQuestion(const mux::LessonStep &next, qsizetype cursor)
{
    const mux::Trace *trace = m_session->trace();
    m_askedTick = next.tick;
    m_ask->setText(next.question->ask.in(m_session->lang()));
    // Candidates: every socket in the lists the next call will pass in.
    const QList<mux::FdEvents> interest = trace->interestAfter(cursor);
    QHash<int, mux::SocketInfo> sockets = trace->socketsAt(cursor);
    delete m_choices->layout();
    qDeleteAll(m_choices->findChildren<QWidget *>(QString(), Qt::FindDirectChildrenOnly));
    m_boxes.clear();
    auto *grid = new QGridLayout(m_choices);
    grid->setContentsMargins(0, 0, 0, 0);
    // Boxes sit close to their list's name and well apart from each other, so on a projector
    // each box reads as belonging to the label on its right, not to the one before it.
    grid->setHorizontalSpacing(fontMetrics().averageCharWidth() * 3);
    grid->setColumnStretch(3, 1);
    const mux::ReadyNames picked = m_predictions.value(next.tick);
    int row = 0;
    const struct {
        char list;
        mux::Events bit;
    } lists[] = {{'r', mux::Readable}, {'w', mux::Writable}, {'x', mux::Exceptional}};
    for (const auto &l : lists) {
        QStringList names;
        QList<mux::SocketInfo> infos;
        for (const mux::FdEvents &e : interest)
            if (e.events & l.bit) {
                const mux::SocketInfo s = sockets.value(e.fd);
                infos.append(s);
            }
        if (infos.isEmpty())
            continue;
        const QString listTitle = listName(l.list, trace->at(cursor).backend);
        auto *title = new QLabel(listTitle, m_choices);
        QFont f = title->font();
        f.setBold(true);
        title->setFont(f);
        grid->addWidget(title, row, 0, Qt::AlignTop);
        int col = 1;
        for (const mux::SocketInfo &s : infos) {
            auto *box = new QCheckBox(s.label.isEmpty() ? s.name : s.label, m_choices);
            const QStringList &was = l.list == 'r' ? picked.r : l.list == 'w' ? picked.w : picked.x;
            box->setChecked(was.contains(s.name));
            box->setToolTip(
                tr("Tick if you think %1 will come back ready in the %2.").arg(s.label, listTitle));
            connect(box, &QCheckBox::toggled, this, [this](bool on) {
                if (on)
                    for (const auto &[other, what] : std::as_const(m_boxes))
                        if (what.first == '-')
                            other->setChecked(false);
                storePrediction();
            });
            grid->addWidget(box, row, col);
            m_boxes.append({box, {l.list, s.name}});
            if (++col > 2) {
                col = 1;
                ++row;
            }
        }
        ++row;
    }
    // "Nothing" is an answer too (a timeout), distinct from not answering at all.
    auto *none = new QCheckBox(tr("nothing: the call times out"), m_choices);
    none->setChecked(m_predictions.contains(next.tick) && picked == mux::ReadyNames{});
    connect(none, &QCheckBox::toggled, this, [this](bool on) {
        if (on)
            for (const auto &[box, what] : std::as_const(m_boxes))
                if (what.first != '-')
                    box->setChecked(false);
        storePrediction();
    });
    grid->addWidget(none, row, 0, 1, 3);
    m_boxes.append({none, {'-', QString()}});
    m_choices->show();
    m_hint->setText(tr("Tick the sockets you expect to come back ready (none for a timeout), then "
                       "press Step (F10)."));
    m_hint->show();
    m_question->show();
}

void NarrationPane::storePrediction()
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

mux::ReadyNames NarrationPane::prediction() const
{
    mux::ReadyNames n;
    for (const auto &[box, what] : m_boxes) {
        if (!box->isChecked() || what.first == '-')
            continue;
        (what.first == 'r' ? n.r : what.first == 'w' ? n.w : n.x).append(what.second);
    }
    return n;
}

void NarrationPane::setPrediction(const mux::ReadyNames &names)
{
    const bool nothing = names == mux::ReadyNames{};
    for (const auto &[box, what] : m_boxes) {
        if (what.first == '-') {
            box->setChecked(nothing);
            continue;
        }
        const QStringList &l = what.first == 'r' ? names.r : what.first == 'w' ? names.w : names.x;
        box->setChecked(l.contains(what.second));
    }
    storePrediction();
}

void NarrationPane::showVerdict(const mux::LessonStep &step, qsizetype index)
{
    const mux::Trace *trace = m_session->trace();
    m_ask->setText(step.question->ask.in(m_session->lang()));
    delete m_choices->layout();
    qDeleteAll(m_choices->findChildren<QWidget *>(QString(), Qt::FindDirectChildrenOnly));
    m_boxes.clear();
    m_choices->hide();
    const mux::ReadyNames kernel = mux::LessonRun::readyNamesAt(*trace, index);
    QString text;
    QColor colour = m_theme.text();
    if (m_predictions.contains(step.tick)) {
        const mux::ReadyNames guess = m_predictions.value(step.tick);
        if (guess == kernel) {
            m_verdictKind = QStringLiteral("right");
            text = tr("Right! The kernel returned %1.").arg(namesText(kernel, index));
            colour = m_theme.right();
        } else {
            m_verdictKind = QStringLiteral("wrong");
            text = tr("Not quite. You picked %1; the kernel returned %2.")
                       .arg(namesText(guess, index), namesText(kernel, index));
            colour = m_theme.wrong();
        }
    } else {
        text = tr("The kernel returned %1.").arg(namesText(kernel, index));
    }
    m_question->setTitle(tr("The question of this tick"));
    m_verdict->setText(text);
    QPalette p = palette();
    p.setColor(QPalette::WindowText, colour);
    m_verdict->setPalette(p);
    QFont f = font();
    f.setBold(true);
    m_verdict->setFont(f);
    m_verdict->show();
    m_question->show();
}

} // namespace gui
