#pragma once

#include <QProcess>
#include <QThread>

#include <csignal>
#include <vector>

/// Keeps every core busy with separate processes while it lives: the determinism tests run
/// lessons under it, because a loaded machine is where deferred softirqs show up.
/// The burners are started detached: a QProcess would keep pipes open in this process and
/// shift the descriptor numbers the lessons are compared on.
class CpuLoad {
public:
    CpuLoad()
    {
        const int n = std::max(2, QThread::idealThreadCount());
        for (int i = 0; i < n; ++i) {
            qint64 pid = 0;
            if (QProcess::startDetached(
                    QStringLiteral("sh"),
                    {QStringLiteral("-c"), QStringLiteral("while :; do :; done")}, QString(), &pid))
                m_pids.push_back(pid);
        }
    }
    ~CpuLoad()
    {
        for (qint64 pid : m_pids)
            ::kill(pid_t(pid), SIGKILL);
    }
    bool running() const
    {
        for (qint64 pid : m_pids)
            if (::kill(pid_t(pid), 0) != 0)
                return false;
        return !m_pids.empty();
    }

private:
    std::vector<qint64> m_pids;
};
