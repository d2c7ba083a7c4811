#include "ProgramEditor.h"

#include "ProgramRun.h"
#include "PythonHighlighter.h"
#include "Session.h"

#include <QEvent>
#include <QFile>
#include <QFileInfo>
#include <QFontDatabase>
#include <QKeyEvent>
#include <QLabel>
#include <QPainter>
#include <QSaveFile>
#include <QScrollBar>
#include <QTextBlock>
#include <QVBoxLayout>

namespace gui {

/// A QPlainTextEdit with line numbers that keeps Ctrl+S and Ctrl+Enter for itself while it has
/// the focus (elsewhere in the window Ctrl+S saves the trace).
class CodeEdit : public QPlainTextEdit {
public:
    explicit CodeEdit(QWidget *parent) : QPlainTextEdit(parent), m_numbers(new Numbers(this))
    {
        setLineWrapMode(QPlainTextEdit::NoWrap);
        connect(this, &QPlainTextEdit::blockCountChanged, this, [this] { updateMargin(); });
        connect(this, &QPlainTextEdit::updateRequest, this, [this](const QRect &r, int dy) {
            if (dy)
                m_numbers->scroll(0, dy);
            else
                m_numbers->update(0, r.y(), m_numbers->width(), r.height());
        });
        updateMargin();
    }
    std::function<void()> onSave, onSaveAndRun;
    QColor litColour;
    int litLine = 0;

    /// Scrolls so the 1-based `line` is in view, centred when it was not.
    void showLine(int line)
    {
        const QTextBlock b = document()->findBlockByNumber(line - 1);
        if (!b.isValid())
            return;
        const int first = firstVisibleBlock().blockNumber();
        const int rows = std::max(1, viewport()->height() / std::max(1, fontMetrics().height()));
        if (line - 1 >= first + 1 && line - 1 < first + rows - 1)
            return;
        verticalScrollBar()->setValue(std::max(0, line - 1 - rows / 2));
    }
    void updateMargin()
    {
        const int digits = int(QString::number(std::max(1, blockCount())).size());
        setViewportMargins(fontMetrics().horizontalAdvance(u'9') * (digits + 1) + 8, 0, 0, 0);
    }

protected:
    bool event(QEvent *e) override
    {
        if (e->type() == QEvent::ShortcutOverride && isOurs(static_cast<QKeyEvent *>(e))) {
            e->accept();
            return true;
        }
        if (e->type() == QEvent::FontChange)
            updateMargin();
        return QPlainTextEdit::event(e);
    }
    void keyPressEvent(QKeyEvent *e) override
    {
        if (isOurs(e)) {
            const auto &handler = e->key() == Qt::Key_S ? onSave : onSaveAndRun;
            if (handler)
                handler();
            return;
        }
        QPlainTextEdit::keyPressEvent(e);
    }
    void resizeEvent(QResizeEvent *e) override
    {
        QPlainTextEdit::resizeEvent(e);
        const QRect cr = contentsRect();
        m_numbers->setGeometry(cr.left(), cr.top(), viewportMargins().left(), cr.height());
    }

private:
    static bool isOurs(const QKeyEvent *e)
    {
        if (!(e->modifiers() & Qt::ControlModifier))
            return false;
        return e->key() == Qt::Key_S || e->key() == Qt::Key_Return || e->key() == Qt::Key_Enter;
    }
    class Numbers : public QWidget {
    public:
        explicit Numbers(CodeEdit *edit) : QWidget(edit), m_edit(edit) {}

    protected:
        void paintEvent(QPaintEvent *) override
        {
            QPainter p(this);
            p.fillRect(rect(), palette().color(QPalette::AlternateBase));
            QTextBlock b = m_edit->firstVisibleBlock();
            int top =
                int(m_edit->blockBoundingGeometry(b).translated(m_edit->contentOffset()).top());
            const int h = m_edit->fontMetrics().height();
            while (b.isValid() && top <= height()) {
                const bool lit = b.blockNumber() + 1 == m_edit->litLine;
                QFont f = m_edit->font();
                f.setBold(lit);
                p.setFont(f);
                p.setPen(lit ? palette().color(QPalette::Text)
                             : palette().color(QPalette::PlaceholderText));
                p.drawText(0, top, width() - 6, h, Qt::AlignRight | Qt::AlignVCenter,
                           QString::number(b.blockNumber() + 1));
                top += int(m_edit->blockBoundingRect(b).height());
                b = b.next();
            }
        }

    private:
        CodeEdit *m_edit;
    };
    Numbers *m_numbers;
};

ProgramEditor::ProgramEditor(Session *session, QWidget *parent)
    : QWidget(parent), m_session(session)
{
    auto *v = new QVBoxLayout(this);
    v->setContentsMargins(4, 4, 4, 4);
    v->setSpacing(4);
    m_header = new QLabel(this);
    m_header->setObjectName(QStringLiteral("programFile"));
    m_header->setWordWrap(true);
    m_header->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_edit = new CodeEdit(this);
    m_edit->setObjectName(QStringLiteral("programEditor"));
    m_edit->onSave = [this] { save(); };
    m_edit->onSaveAndRun = [this] { saveAndRestart(); };
    m_highlighter = new PythonHighlighter(m_edit->document());
    v->addWidget(m_header);
    v->addWidget(m_edit, 1);
    connect(m_edit->document(), &QTextDocument::modificationChanged, this,
            &ProgramEditor::updateHeader);
    connect(session, &Session::sessionReset, this, [this] {
        // A new run reads the file again: it may have been saved since (Ctrl+Enter).
        if (!m_edit->document()->isModified())
            m_file = QStringLiteral("\n");
        refresh();
    });
    connect(session, &Session::cursorChanged, this, &ProgramEditor::refresh);
    connect(session, &Session::programChanged, this, &ProgramEditor::refresh);
    setTheme(m_theme);
}

void ProgramEditor::setTheme(const Theme &theme)
{
    m_theme = theme;
    m_highlighter->setDark(theme.highContrast && theme.background().lightness() < 128);
    m_edit->litColour = theme.readyMark();
    m_edit->litColour.setAlphaF(theme.highContrast ? 0.55 : 0.30);
    light(m_lit);
}

void ProgramEditor::changeEvent(QEvent *e)
{
    if (e->type() == QEvent::LanguageChange)
        updateHeader();
    if (e->type() == QEvent::FontChange) {
        QFont f = QFontDatabase::systemFont(QFontDatabase::FixedFont);
        f.setPointSizeF(font().pointSizeF());
        m_edit->setFont(f);
    }
    QWidget::changeEvent(e);
}

void ProgramEditor::refresh()
{
    const ProgramRun *program = m_session ? m_session->program() : nullptr;
    if (!program) {
        m_script.clear();
        return;
    }
    const qsizetype cursor = m_session->cursor();
    if (m_script != program->command().script) {
        m_script = program->command().script;
        m_file = QStringLiteral("\n"); // never a real path: the next load() reads the file again
    }
    // A learner's unsaved edits stay on screen whatever the cursor's tick was called from.
    const bool editing = m_file == m_script && m_edit->document()->isModified();
    const QString file = editing ? m_file : program->fileAt(cursor);
    if (file != m_file)
        load(file);
    int line = file == program->fileAt(cursor) ? program->lineAt(cursor) : 0;
    // Held before the first call (tick 0 holds only the setup): light the call it waits at.
    const mux::exec::TracedProcess &p = program->process();
    if (!line && cursor >= 0 && m_session->atEnd() && p.isHeld()) {
        const QString held = p.heldSource();
        const qsizetype colon = held.lastIndexOf(u':');
        if (colon > 0 && QFileInfo(held.left(colon)).absoluteFilePath() == file)
            line = held.mid(colon + 1).toInt();
    }
    // Where the program ended with a traceback, the line that raised.
    if (p.isFinished() && (m_session->isEmpty() || m_session->atEnd()))
        if (const int failing = program->failingLine(file))
            line = failing;
    light(line);
    updateHeader();
}

void ProgramEditor::load(const QString &file)
{
    m_file = file;
    QString text;
    if (file.isEmpty()) {
        text = tr("# This program's calls carry no source line (only Python programs do).\n"
                  "# It was started as:\n#   %1\n")
                   .arg(m_session->program()->commandLine());
    } else {
        QFile f(file);
        text = f.open(QIODevice::ReadOnly)
                   ? QString::fromUtf8(f.readAll())
                   : tr("# %1 could not be read: %2\n").arg(file, f.errorString());
    }
    m_edit->setPlainText(text);
    m_edit->document()->setModified(false);
    // A lesson's own program is shown, never edited: saving would change the lesson.
    m_edit->setReadOnly(file.isEmpty() || file != m_script || m_session->runsLessonProgram());
    m_lit = 0;
}

void ProgramEditor::light(int line)
{
    m_lit = line;
    m_edit->litLine = line;
    QList<QTextEdit::ExtraSelection> selections;
    const QTextBlock b = m_edit->document()->findBlockByNumber(line - 1);
    if (line > 0 && b.isValid()) {
        QTextEdit::ExtraSelection s;
        s.format.setBackground(m_edit->litColour);
        s.format.setProperty(QTextFormat::FullWidthSelection, true);
        s.cursor = QTextCursor(b);
        selections.append(s);
    }
    m_edit->setExtraSelections(selections);
    if (!selections.isEmpty())
        m_edit->showLine(line);
    m_edit->viewport()->update();
}

void ProgramEditor::updateHeader()
{
    if (m_file.isEmpty() || m_file == QLatin1String("\n")) {
        m_header->setText(tr("No source file"));
        return;
    }
    QString text = QFileInfo(m_file).fileName();
    if (m_file != m_script)
        text = tr("%1 (read-only: the run called from this file)").arg(text);
    else if (m_session->runsLessonProgram())
        text = tr("%1 (the lesson's own program, read-only) — Ctrl+Enter runs it again").arg(text);
    else if (m_edit->document()->isModified())
        text = tr("%1 — edited: Ctrl+S saves, Ctrl+Enter saves and runs it again").arg(text);
    else
        text = tr("%1 — Ctrl+Enter runs it again").arg(text);
    m_header->setText(text);
    m_header->setToolTip(m_file);
}

bool ProgramEditor::save()
{
    if (m_file.isEmpty() || m_file != m_script)
        return false;
    QSaveFile f(m_file);
    const QByteArray bytes = m_edit->toPlainText().toUtf8();
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.commit()) {
        emit failed(tr("%1 could not be saved: %2").arg(m_file, f.errorString()));
        return false;
    }
    m_edit->document()->setModified(false);
    emit saved(m_file);
    return true;
}

void ProgramEditor::saveAndRestart()
{
    if (m_edit->document()->isModified() && !save())
        return;
    if (m_session)
        m_session->restart();
}

} // namespace gui
