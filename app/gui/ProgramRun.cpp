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
    : QObject(parent), m_command(std::move(command)), m_workingDir(std::move(workingDir))
{
}

ProgramRun::~ProgramRun()
{
    stop();
}

mux::Result<void> ProgramRun::start()
{
    if (m_process) {
        disconnect(m_process.get(), nullptr, this, nullptr);
        m_process->stop();
    }
    mux::exec::TracedProcess::Options o;
    o.step = true;
    o.keepTicks = kKeepTicks;
    o.workingDir = m_workingDir;
    m_silent = false;
    m_process = std::make_unique<mux::exec::TracedProcess>(m_command, o);
    auto *p = m_process.get();
    connect(p, &mux::TickSource::tickRecorded, this, &ProgramRun::tickRecorded);
    connect(p, &mux::TickSource::finished, this, [this](const QString &why) {
        emit finished(why);
        emit stateChanged();
    });
    connect(p, &mux::exec::TracedProcess::held, this, &ProgramRun::stateChanged);
    connect(p, &mux::exec::TracedProcess::output, this, &ProgramRun::stateChanged);
    connect(p, &mux::exec::TracedProcess::silent, this, [this] {
        m_silent = true;
        emit stateChanged();
    });
    return p->start();
}

void ProgramRun::stop()
{
    if (m_process)
        m_process->stop();
}

QString ProgramRun::name() const
{
    return QFileInfo(m_command.script.isEmpty() ? m_command.program : m_command.script).fileName();
}

QString ProgramRun::commandLine() const
{
    QStringList words{m_command.program};
    words += m_command.args;
    for (QString &w : words)
        if (w.isEmpty() || w.contains(QRegularExpression(QStringLiteral("[^\\w@%+=:,./-]"))))
            w = QLatin1Char('\'') + QString(w).replace(u'\'', QStringLiteral("'\\''")) +
                QLatin1Char('\'');
    return words.join(QLatin1Char(' '));
}

bool ProgramRun::step()
{
    if (!m_process->canStep())
        return false;
    m_process->requestStep();
    emit stateChanged();
    return true;
}

void ProgramRun::runFreely()
{
    if (m_process->isFinished())
        return;
    m_process->runFreely();
    emit stateChanged();
}

void ProgramRun::holdAgain()
{
    m_process->holdAgain();
    emit stateChanged();
}

QString ProgramRun::fileAt(qsizetype i) const
{
    const auto [file, line] = splitSource(i >= 0 ? m_process->sourceAt(i) : QString());
    if (!file.isEmpty())
        return QFileInfo(QDir(m_workingDir).absoluteFilePath(file)).absoluteFilePath();
    return m_command.script;
}

int ProgramRun::lineAt(qsizetype i) const
{
    if (i < 0)
        return 0;
    const auto [file, line] = splitSource(m_process->sourceAt(i));
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
    auto it = frame.globalMatch(QString::fromUtf8(m_process->outputTail()));
    while (it.hasNext()) {
        const auto m = it.next();
        const QFileInfo named(QDir(m_workingDir).absoluteFilePath(m.captured(1)));
        if (named.canonicalFilePath() == canonical)
            line = m.captured(2).toInt();
    }
    return line;
}

} // namespace gui
