#pragma once

#include <QElapsedTimer>
#include <QEventLoop>
#include <QProcess>
#include <QThread>
#include <QTimer>

#include <deque>
#include <memory>

/// One run of the real `muxlab` binary: its arguments, and once it ended, its exit code and
/// what it wrote.
struct MuxlabJob {
    QStringList args;
    int code = -100; ///< exit code; -1: crashed; -100: timed out or never started
    QString out, err;
    qint64 ms = 0; ///< how long it ran
    bool done = false;

    QStringList lines() const { return out.split(u'\n'); }
};

/// Runs jobs side by side, at most `limit` at a time, each as its own `muxlab` process, until
/// all have ended or `budgetMs` has passed: the rest are killed and keep code -100. Jobs are
/// started in the order given; the caller keeps them (a deque: their addresses stay put).
class MuxlabPool {
public:
    explicit MuxlabPool(int limit) : m_limit(qMax(1, limit)) {}

    /// Two runs per core: a lesson run mostly waits for the kernel to settle, not the CPU.
    static int defaultLimit() { return qBound(2, 2 * QThread::idealThreadCount(), 8); }

    void run(std::deque<MuxlabJob> &jobs, int budgetMs)
    {
        std::deque<MuxlabJob *> queue;
        for (MuxlabJob &j : jobs)
            queue.push_back(&j);
        QEventLoop loop;
        const auto feed = [&] {
            while (m_running < m_limit && !queue.empty()) {
                start(queue.front(), loop);
                queue.pop_front();
            }
            if (m_running == 0 && queue.empty())
                loop.quit();
        };
        QTimer feeder;
        QObject::connect(&feeder, &QTimer::timeout, &loop, feed);
        feeder.start(20);
        QTimer::singleShot(budgetMs, &loop, &QEventLoop::quit);
        loop.exec();
        for (auto &p : m_processes)
            if (p.second->state() != QProcess::NotRunning) {
                QObject::disconnect(p.second.get(), nullptr, nullptr, nullptr);
                p.second->kill();
                p.second->waitForFinished(5000);
                p.first->err += QStringLiteral("(killed: the run did not end in time)");
            }
        m_processes.clear();
    }

private:
    void start(MuxlabJob *job, QEventLoop &loop)
    {
        auto process = std::make_unique<QProcess>();
        QProcess *p = process.get();
        auto clock = std::make_shared<QElapsedTimer>();
        clock->start();
        QObject::connect(p, &QProcess::finished, &loop,
                         [this, job, p, clock](int code, QProcess::ExitStatus status) {
                             job->code = status == QProcess::NormalExit ? code : -1;
                             job->out = QString::fromUtf8(p->readAllStandardOutput());
                             job->err = QString::fromUtf8(p->readAllStandardError());
                             job->ms = clock->elapsed();
                             job->done = true;
                             --m_running;
                         });
        ++m_running;
        p->start(QStringLiteral(MUXLAB_BINARY), job->args);
        m_processes.emplace_back(job, std::move(process));
        if (!p->waitForStarted(10000)) {
            QObject::disconnect(p, nullptr, nullptr, nullptr);
            job->err = QStringLiteral("muxlab did not start: ") + p->errorString();
            job->done = true;
            --m_running;
        }
    }

    int m_limit;
    int m_running = 0;
    std::deque<std::pair<MuxlabJob *, std::unique_ptr<QProcess>>> m_processes;
};
