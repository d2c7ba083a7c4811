#include "ProgramPane.h"

#include "ProgramRun.h"
#include "Session.h"

#include <QEvent>
#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QVBoxLayout>

#include <cstring>

namespace gui {

ProgramPane::ProgramPane(Session *session, QWidget *parent) : QWidget(parent), m_session(session)
{
    auto *v = new QVBoxLayout(this);
    auto label = [this](const char *name) {
        auto *l = new QLabel(this);
        l->setObjectName(QLatin1String(name));
        l->setWordWrap(true);
        l->setTextInteractionFlags(Qt::TextSelectableByMouse);
        return l;
    };
    m_title = label("programTitle");
    m_command = label("programCommand");
    m_tick = label("programTick");
    m_state = label("programState");
    m_ended = label("programEnded");
    m_outputTitle = label("programOutputTitle");
    m_output = new QPlainTextEdit(this);
    m_output->setObjectName(QStringLiteral("programOutput"));
    m_output->setReadOnly(true);
    m_output->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_restart = new QPushButton(this);
    m_restart->setObjectName(QStringLiteral("programRestart"));
    connect(m_restart, &QPushButton::clicked, session, &Session::restart);
    v->addWidget(m_title);
    v->addWidget(m_command);
    v->addSpacing(6);
    v->addWidget(m_tick);
    v->addWidget(m_state);
    v->addWidget(m_ended);
    v->addWidget(m_restart, 0, Qt::AlignLeft);
    v->addWidget(m_outputTitle);
    v->addWidget(m_output, 1);

    m_outputTimer.setSingleShot(true);
    m_outputTimer.setInterval(100);
    connect(&m_outputTimer, &QTimer::timeout, this, &ProgramPane::refreshOutput);
    connect(session, &Session::sessionReset, this, &ProgramPane::refresh);
    connect(session, &Session::cursorChanged, this, &ProgramPane::refresh);
    connect(session, &Session::programChanged, this, [this] {
        refresh();
        if (!m_outputTimer.isActive())
            m_outputTimer.start();
    });
    refresh();
}

void ProgramPane::setTheme(const Theme &theme)
{
    m_theme = theme;
    refresh();
}

void ProgramPane::changeEvent(QEvent *e)
{
    if (e->type() == QEvent::LanguageChange || e->type() == QEvent::FontChange)
        refresh();
    QWidget::changeEvent(e);
}

QString ProgramPane::endSentence() const
{
    return m_session->program()->process().why();
}

void ProgramPane::refresh()
{
    const ProgramRun *program = m_session ? m_session->program() : nullptr;
    if (!program)
        return;
    const mux::exec::TracedProcess &p = program->process();
    QFont big = font();
    big.setPointSizeF(font().pointSizeF() * 1.3);
    big.setBold(true);
    m_title->setFont(big);
    m_title->setText(tr("Your program: %1").arg(program->name()));
    QString command = program->commandLine();
    if (!program->workingDir().isEmpty())
        command += QStringLiteral("\n") + tr("in %1").arg(program->workingDir());
    m_command->setText(command);
    QPalette muted = palette();
    muted.setColor(QPalette::WindowText, m_theme.mutedText());
    m_command->setPalette(muted);
    m_outputTitle->setPalette(muted);
    QFont bold = font();
    bold.setBold(true);
    m_tick->setFont(bold);

    const mux::Trace &trace = program->trace();
    const qsizetype cursor = m_session->cursor();
    const bool atEnd = trace.isEmpty() || m_session->atEnd();
    m_tick->setVisible(cursor >= 0);
    if (cursor >= 0)
        m_tick->setText(trace.at(cursor).kind == mux::TickRecord::Kind::Setup
                            ? tr("Tick %1: before the first call").arg(trace.at(cursor).tick)
                            : tr("Tick %1").arg(trace.at(cursor).tick));

    QString state;
    const QString held = p.heldSource();
    const QString where =
        held.isEmpty() ? QString() : tr(" (line %1)").arg(held.mid(held.lastIndexOf(u':') + 1));
    if (p.isFinished())
        state = atEnd ? QString()
                      : tr("History: the program has ended; this is what it did at this tick.");
    else if (!atEnd)
        state = tr("History: the program waits at tick %1. Ctrl+End returns there.")
                    .arg(trace.last().tick);
    else if (trace.isEmpty())
        state = program->isSilent()
                    ? tr("running, no select/poll/epoll call yet")
                    : tr("Starting: the program runs until its first select, poll or epoll call.");
    else if (p.isHeld())
        state =
            tr("Held before its next call%1. Press Step (F10) to let it make the call.").arg(where);
    else if (program->runsFreely()) {
        // At full speed no call waits: what is true is where it last was, not "in its call".
        const QString last = p.sourceAt(trace.size() - 1);
        state =
            tr("Running freely at full speed: every call is recorded, none waits. Its last "
               "call: tick %1%2. Step (F10) or Pause holds it before its next call.")
                .arg(trace.last().tick)
                .arg(last.isEmpty() ? QString()
                                    : tr(" (line %1)").arg(last.mid(last.lastIndexOf(u':') + 1)));
    } else
        state = tr("In its call: the tick appears when the call returns (a client connects or "
                   "sends, or the timeout ends).");
    m_state->setText(state);
    m_state->setVisible(!state.isEmpty());

    const bool ended = p.isFinished() && atEnd;
    m_ended->setVisible(ended);
    m_restart->setVisible(ended);
    m_restart->setText(tr("Run it again"));
    if (ended) {
        QPalette red = palette();
        red.setColor(QPalette::WindowText, m_theme.removed());
        m_ended->setPalette(red);
        m_ended->setFont(bold);
        m_ended->setText(endSentence());
    }
    m_outputTitle->setText(ended ? tr("The end of its output (stdout and stderr):")
                                 : tr("Its output so far (stdout and stderr):"));
}

void ProgramPane::refreshOutput()
{
    const ProgramRun *program = m_session ? m_session->program() : nullptr;
    const QString text = program ? QString::fromUtf8(program->process().outputTail()) : QString();
    if (text == m_output->toPlainText())
        return;
    QFont f = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    f.setPointSizeF(font().pointSizeF());
    m_output->setFont(f);
    m_output->setPlainText(text);
    m_output->verticalScrollBar()->setValue(m_output->verticalScrollBar()->maximum());
}

} // namespace gui
