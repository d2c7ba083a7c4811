#pragma once

#include "net/FreePorts.h"
#include "net/Socket.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryFile>
#include <QTest>

#include <memory>

/// A free TCP and UDP port block on 127.0.0.1, below the kernel's ephemeral range (see
/// net::freePortBlock), so no outgoing connection takes one before the server binds it.
inline quint16 freePortBlock(int count = 3)
{
    return mux::net::freePortBlock(count);
}

/// `muxlab --serve` as a real child process; waits for its `listening` lines.
class ServeProcess {
public:
    /// `start` false: set the process up first (a child modifier), then call start().
    ServeProcess(const QString &lesson, const QString &backend, quint16 port,
                 QStringList extra = {}, bool start = true)
    {
        m_proc.setProgram(QStringLiteral(MUXLAB_BINARY));
        m_proc.setArguments(QStringList{QStringLiteral("--serve"), QStringLiteral("--lesson"),
                                        lesson, QStringLiteral("--backend"), backend,
                                        QStringLiteral("--port"), QString::number(port)} +
                            extra);
        // The log goes to a file the test reads when it likes: a pipe nobody drains fills at
        // 64 KiB and stops the server in the middle of a tick.
        m_log.open();
        m_proc.setStandardOutputFile(m_log.fileName());
        if (start)
            m_proc.start();
    }
    void start() { m_proc.start(); }
    ~ServeProcess()
    {
        if (m_proc.state() != QProcess::NotRunning) {
            m_proc.kill();
            m_proc.waitForFinished();
        }
    }
    /// Waits until the server printed a `listening` line (it is ready for clients).
    bool waitListening(int ms = 10000)
    {
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < ms) {
            if (output().contains("listening "))
                return true;
            if (m_proc.state() == QProcess::NotRunning)
                return false;
            QTest::qWait(50);
        }
        return false;
    }
    /// SIGTERM and the exit code (-1 if it did not stop in time).
    int terminate()
    {
        m_proc.terminate();
        if (!m_proc.waitForFinished(5000))
            return -1;
        return m_proc.exitStatus() == QProcess::NormalExit ? m_proc.exitCode() : -1;
    }
    /// Everything the server printed so far.
    QByteArray output()
    {
        QFile f(m_log.fileName());
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }
    /// Waits until the server's log holds `text` (what it printed about a client).
    bool waitOutput(const QByteArray &text, int ms = 10000)
    {
        QElapsedTimer t;
        t.start();
        while (!output().contains(text) && t.elapsed() < ms)
            QTest::qWait(50);
        return output().contains(text);
    }
    QByteArray errors() { return m_proc.readAllStandardError(); }
    QProcess &process() { return m_proc; }

private:
    QProcess m_proc;
    QTemporaryFile m_log;
};
