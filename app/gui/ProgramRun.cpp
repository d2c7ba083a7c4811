#include "ProgramRun.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>

namespace gui {

namespace {

std::pair<QString, int> splitSource(const QString &source)
{
    const qsizetype colon = source.lastIndexOf(QLatin1Char(':'));
    if (colon <= 0)
        return {};
    bool ok = false;
    const int line = source.mid(colon + 1).toInt(&ok);
    return ok ? std::pair{source.left(colon), line} : std::pair<QString, int>{};
}

} // namespace

ProgramRun::ProgramRun(mux::exec::Command command, QString workingDir, QObject *parent)
    : QObject(parent), m_workingDir(std::move(workingDir))
{
    m_options.command = std::move(command);
    m_options.workingDir = m_workingDir;
    m_options.keepTicks = kKeepTicks;
    m_options.waitHeld = false;
    makeRun();
}

ProgramRun::ProgramRun(const mux::Lesson &lesson, const QString &programFile, mux::Backend backend,
                       QObject *parent)
    : QObject(parent), m_lesson(lesson), m_backend(backend),
      m_workingDir(QFileInfo(programFile).absolutePath())
{
    m_options.programFile = QFileInfo(programFile).absoluteFilePath();
    m_options.extraArgs = lesson.pythonArgs.value(backend);
    m_options.waitHeld = false;
    makeRun();
}

ProgramRun::~ProgramRun()
{
    stop();
}

void ProgramRun::makeRun()
{
    if (m_run) {
        disconnect(m_run.get(), nullptr, this, nullptr);
        m_run->stop();
    }
    m_run = std::make_unique<mux::exec::ScriptedRun>(m_lesson.value_or(mux::Lesson{}), m_options);
}

mux::Result<void> ProgramRun::start()
{
    // The clients the user added to the last run come back, not connected, as in a lesson.
    QStringList added;
    if (m_run && m_run->started()) {
        const QStringList names = m_run->clientNames();
        added = names.mid(m_lesson ? m_lesson->clients.size() : 0);
        makeRun();
    }
    for (const QString &name : std::as_const(added))
        m_run->addClient(name);
    m_silent = false;
    auto *r = m_run.get();
    connect(r, &mux::TickSource::tickRecorded, this, &ProgramRun::tickRecorded);
    connect(r, &mux::TickSource::finished, this, [this](const QString &why) {
        emit finished(why);
        emit stateChanged();
    });
    auto started = r->start();
    if (!r->started())
        return started;
    const mux::exec::TracedProcess *p = &r->process();
    connect(p, &mux::exec::TracedProcess::held, this, &ProgramRun::stateChanged);
    connect(p, &mux::exec::TracedProcess::output, this, &ProgramRun::stateChanged);
    connect(p, &mux::exec::TracedProcess::silent, this, [this] {
        m_silent = true;
        emit stateChanged();
    });
    return started;
}

void ProgramRun::stop()
{
    if (m_run)
        m_run->stop();
}

const mux::exec::Command &ProgramRun::command() const
{
    return m_run->started() ? m_run->process().command() : m_options.command;
}

QString ProgramRun::name() const
{
    const mux::exec::Command &c = command();
    if (m_lesson && c.script.isEmpty())
        return QFileInfo(m_options.programFile).fileName();
    return QFileInfo(c.script.isEmpty() ? c.program : c.script).fileName();
}

QString ProgramRun::commandLine() const
{
    const mux::exec::Command &c = command();
    QStringList words{c.program};
    words += c.args;
    for (QString &w : words)
        if (w.isEmpty() || w.contains(QRegularExpression(QStringLiteral("[^\\w@%+=:,./-]"))))
            w = QLatin1Char('\'') + QString(w).replace(u'\'', QStringLiteral("'\\''")) +
                QLatin1Char('\'');
    return words.join(QLatin1Char(' '));
}

bool ProgramRun::step()
{
    if (!m_run->started() || !m_run->canStep() || !m_run->process().isHeld())
        return false;
    m_run->requestStep();
    emit stateChanged();
    return true;
}

void ProgramRun::runFreely()
{
    if (!canRunFreely() || !m_run->started() || m_run->process().isFinished())
        return;
    m_run->process().runFreely();
    emit stateChanged();
}

void ProgramRun::holdAgain()
{
    if (!m_run->started())
        return;
    m_run->process().holdAgain();
    emit stateChanged();
}

QString ProgramRun::fileAt(qsizetype i) const
{
    const auto [file, line] = splitSource(i >= 0 ? m_run->sourceAt(i) : QString());
    if (!file.isEmpty())
        return QFileInfo(QDir(m_workingDir).absoluteFilePath(file)).absoluteFilePath();
    return m_lesson ? m_options.programFile : command().script;
}

int ProgramRun::lineAt(qsizetype i) const
{
    if (i < 0)
        return 0;
    const auto [file, line] = splitSource(m_run->sourceAt(i));
    return line;
}

int ProgramRun::failingLine(const QString &file) const
{
    if (file.isEmpty())
        return 0;
    // Python names each frame as: File "PATH", line N, in FUNC. The last frame in `file` is
    // the line that raised (or called into the library that did).
    static const QRegularExpression frame(QStringLiteral("File \"([^\"]+)\", line (\\d+)"));
    const QString canonical = QFileInfo(file).canonicalFilePath();
    int line = 0;
    auto it = frame.globalMatch(QString::fromUtf8(m_run->process().outputTail()));
    while (it.hasNext()) {
        const auto m = it.next();
        const QFileInfo named(QDir(m_workingDir).absoluteFilePath(m.captured(1)));
        if (named.canonicalFilePath() == canonical)
            line = m.captured(2).toInt();
    }
    return line;
}

} // namespace gui
