#include "TracedProcess.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QSocketNotifier>

#include <cerrno>
#include <csignal>
#include <cstring>

#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace mux::exec {

namespace {
constexpr qsizetype kTailBytes = 16 * 1024;
}

TracedProcess::TracedProcess(Command command, Options options, QObject *parent)
    : TickSource(parent), m_command(std::move(command)), m_options(std::move(options))
{
    m_trace.lessonId = QStringLiteral("exec");
    if (m_options.keepTicks > 0)
        m_trace.keepAtMost(m_options.keepTicks);
    m_process.setProgram(m_command.program);
    m_process.setArguments(m_command.args);
    if (!m_options.workingDir.isEmpty())
        m_process.setWorkingDirectory(m_options.workingDir);
    m_process.setInputChannelMode(m_options.forwardInput ? QProcess::ForwardedInputChannel
                                                         : QProcess::ManagedInputChannel);
    connect(&m_process, &QProcess::finished, this, &TracedProcess::onFinished);
    connect(&m_process, &QProcess::readyReadStandardOutput, this,
            [this] { onOutput(QProcess::StandardOutput); });
    connect(&m_process, &QProcess::readyReadStandardError, this,
            [this] { onOutput(QProcess::StandardError); });
    m_silentTimer.setSingleShot(true);
    connect(&m_silentTimer, &QTimer::timeout, this, [this] {
        if (!m_builder.sawCall() && !m_finished)
            emit silent();
    });
}

TracedProcess::~TracedProcess()
{
    stop();
    if (m_chan >= 0)
        ::close(m_chan);
    if (m_child >= 0)
        ::close(m_child);
}

Result<void> TracedProcess::start()
{
    const QString lib = preloadLibrary();
    if (!QFileInfo::exists(lib))
        return Error{0, QStringLiteral("the tracing library %1 is missing (build the muxtrace "
                                       "target, or set MUXLAB_PRELOAD).")
                            .arg(lib)};
    int sv[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0)
        return errnoError(QStringLiteral("socketpair"), errno);
    m_chan = sv[0];
    m_child = sv[1];
    ::fcntl(m_chan, F_SETFL, ::fcntl(m_chan, F_GETFL) | O_NONBLOCK);

    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    const QString preload = env.value(QStringLiteral("LD_PRELOAD"));
    env.insert(QStringLiteral("LD_PRELOAD"),
               preload.isEmpty() ? lib : lib + QLatin1Char(':') + preload);
    env.insert(QStringLiteral(MT_ENV_FD), QString::number(m_child));
    env.insert(QStringLiteral(MT_ENV_MODE),
               m_options.step ? QStringLiteral("step") : QStringLiteral("run"));
    // Python writes its output at once, so the program pane and a traceback are never held in
    // a pipe's buffer while the program waits in select.
    env.insert(QStringLiteral("PYTHONUNBUFFERED"), QStringLiteral("1"));
    if (m_options.blockingCallsAreTicks)
        env.insert(QStringLiteral(MT_ENV_BLOCKING), QStringLiteral("1"));
    m_process.setProcessEnvironment(env);

    const int child = m_child;
    const pid_t parent = ::getpid();
    m_process.setChildProcessModifier([child, parent] {
        // In the child, between fork and exec: async-signal-safe calls only.
        ::setpgid(0, 0); // its own group, so stop() reaches everything it forks
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (::getppid() != parent) // muxlab died before the line above
            ::_exit(127);
        ::fcntl(child, F_SETFD, 0); // the channel end survives exec, only in this child
    });
    m_process.start(QIODevice::ReadOnly);
    if (!m_process.waitForStarted(10000)) {
        const QString why = m_process.errorString();
        ::close(m_child);
        m_child = -1;
        return Error{0, QStringLiteral("%1 could not start: %2").arg(m_command.program, why)};
    }
    m_pid = m_process.processId();
    ::close(m_child); // only the program holds its end now: EOF here when it is gone
    m_child = -1;
    m_notifier = new QSocketNotifier(m_chan, QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &TracedProcess::readChannel);
    m_silentTimer.start(m_options.silentMs);
    return {};
}

void TracedProcess::readChannel()
{
    char buf[64 * 1024];
    for (;;) {
        const ssize_t n = ::read(m_chan, buf, sizeof buf);
        if (n > 0) {
            m_reader.feed(buf, n);
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n == 0 && m_notifier) // the program and its library are gone
            m_notifier->setEnabled(false);
        break;
    }
    while (auto r = m_reader.next()) {
        if (m_stopping)
            return;
        const bool enter = r->head.type == MT_ENTER;
        // Only the record the library waits after holds it: run-mode records made before a
        // hold took effect may still arrive after holdAgain().
        const bool waits = enter && r->head.ret == MT_ENTER_WAITS;
        if (waits && !m_options.step) { // runFreely() came while it was in a call
            const char run = MT_RUN;
            (void)!::write(m_chan, &run, 1);
        }
        const bool holds = waits && m_options.step;
        if (holds)
            m_held = true; // the library waits for our go from here on
        if (enter && m_beforeTickClosed) {
            m_beforeTickClosed(false);
        } else if (holds && m_options.probe) {
            // Held: the tick before ends here. Its sockets as the kernel shows them now.
            if (!m_fds.isOpen())
                m_fds.open(m_builder.pid());
            m_builder.setProbes(
                std::exchange(m_atCall, {}),
                changedProbes(probeProgram(m_builder.sockets(), m_fds), m_lastProbes, true));
            m_fds.closeAll();
        }
        const bool appended = m_builder.take(*r);
        if (appended)
            emit tickRecorded(m_trace.last().tick);
        if (holds) {
            m_holdAsked = false;
            emit held();
        }
    }
}

void TracedProcess::requestStep()
{
    if (!canStep())
        return;
    if (!m_beforeTickClosed && m_options.probe) {
        // Why each socket will come back ready: what changed while the program was held.
        m_atCall = changedProbes(probeProgram(m_builder.sockets(), m_fds), m_lastProbes, false);
        m_fds.closeAll(); // before the program runs on: a dup would hide its close
    }
    m_held = false;
    const char go = MT_GO;
    if (::write(m_chan, &go, 1) != 1)
        m_held = false; // the program is gone; finished() follows
}

void TracedProcess::runFreely()
{
    m_options.step = false;
    m_holdAsked = false;
    if (m_held && !m_finished) {
        m_held = false;
        const char run = MT_RUN;
        (void)!::write(m_chan, &run, 1);
    }
}

void TracedProcess::holdAgain()
{
    if (m_options.step || m_finished || m_chan < 0)
        return;
    m_options.step = true;
    m_holdAsked = true;
    const char hold = MT_HOLD;
    (void)!::write(m_chan, &hold, 1);
}

TracedProcess::State TracedProcess::state() const
{
    if (m_finished)
        return State::Finished;
    if (m_held)
        return State::Held;
    if (m_holdAsked)
        return State::Holding;
    return m_options.step ? State::InCall : State::Running;
}

void TracedProcess::onOutput(QProcess::ProcessChannel channel)
{
    m_process.setReadChannel(channel);
    const QByteArray bytes = m_process.readAll();
    if (bytes.isEmpty())
        return;
    m_tail.append(bytes);
    if (m_tail.size() > kTailBytes)
        m_tail.remove(0, m_tail.size() - kTailBytes);
    emit output(bytes);
}

void TracedProcess::onFinished(int code, QProcess::ExitStatus status)
{
    if (m_finished)
        return;
    onOutput(QProcess::StandardOutput);
    onOutput(QProcess::StandardError);
    const bool stopping = m_stopping;
    if (!stopping) {
        readChannel(); // what the program wrote before it ended is still in the socket
        if (m_beforeTickClosed && m_builder.callPending())
            m_beforeTickClosed(true);
        if (m_builder.finish())
            emit tickRecorded(m_trace.last().tick);
    }
    m_finished = true;
    m_held = false;
    m_holdAsked = false;
    m_silentTimer.stop();
    m_crashed = status == QProcess::CrashExit;
    m_exitCode = code;
    m_wasStopped = stopping;
    emit finished(why());
}

QString TracedProcess::why() const
{
    if (!m_finished)
        return {};
    // In the learner's language where the application has a translator (the window), in
    // English where it has none (the command line).
    const auto tr = [](const char *text) {
        return QCoreApplication::translate("mux::exec::TracedProcess", text);
    };
    const QString name =
        QFileInfo(m_command.script.isEmpty() ? m_command.program : m_command.script).fileName();
    if (m_wasStopped)
        return tr("%1 was stopped.").arg(name);
    if (m_crashed)
        return tr("%1 was killed by signal %2 (%3).")
            .arg(name)
            .arg(m_exitCode)
            .arg(QString::fromLocal8Bit(::strsignal(m_exitCode)));
    if (!m_builder.sawCall())
        return tr("%1 exited with status %2 before making any select, poll or epoll call.")
            .arg(name)
            .arg(m_exitCode);
    return tr("%1 exited with status %2.").arg(name).arg(m_exitCode);
}

QJsonObject TracedProcess::toJson() const
{
    QJsonObject o = m_trace.toJson();
    QJsonArray ticks = o.value(QStringLiteral("ticks")).toArray();
    for (qsizetype i = 0; i < ticks.size(); ++i)
        if (const QString src = sourceAt(m_trace.firstKept() + i); !src.isEmpty()) {
            QJsonObject t = ticks.at(i).toObject();
            t.insert(QStringLiteral("source"), src);
            ticks.replace(i, t);
        }
    o.insert(QStringLiteral("ticks"), ticks);
    return o;
}

Result<void> TracedProcess::save(const QString &path) const
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return Error{0, QStringLiteral("cannot write %1: %2").arg(path, f.errorString())};
    f.write(QJsonDocument(toJson()).toJson(QJsonDocument::Compact));
    if (!f.commit())
        return Error{0, QStringLiteral("cannot write %1: %2").arg(path, f.errorString())};
    return {};
}

void TracedProcess::killGroup()
{
    if (m_pid <= 0)
        return;
    ::kill(-pid_t(m_pid), SIGKILL); // the group: the program and what it forked
    ::kill(pid_t(m_pid), SIGKILL);  // in case it had not reached setpgid yet
}

void TracedProcess::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_stopping = true;
    killGroup();
    m_process.waitForFinished(5000);
}

} // namespace mux::exec
