#pragma once

// Which processes are still alive: the tests that start programs check that none survives.

#include <QCoreApplication>
#include <QDirIterator>
#include <QFile>
#include <QList>
#include <QString>

/// Live processes whose command line names `file`, this test left out (a zombie is dead: its
/// parent reaps it).
inline QList<int> processesRunning(const QString &file)
{
    QList<int> pids;
    QDirIterator it(QStringLiteral("/proc"), QDir::Dirs | QDir::NoDotAndDotDot);
    while (it.hasNext()) {
        it.next();
        bool isPid = false;
        const int pid = it.fileName().toInt(&isPid);
        if (!isPid || pid == QCoreApplication::applicationPid())
            continue;
        QFile cmd(it.filePath() + QStringLiteral("/cmdline"));
        QFile status(it.filePath() + QStringLiteral("/status"));
        if (cmd.open(QIODevice::ReadOnly) && cmd.readAll().contains(file.toUtf8()) &&
            status.open(QIODevice::ReadOnly) && !status.readAll().contains("State:\tZ"))
            pids.append(pid);
    }
    return pids;
}
