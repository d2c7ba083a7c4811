#pragma once

// Which processes are still alive: the tests that start programs check that none survives.

#include <QCoreApplication>
#include <QDirIterator>
#include <QFile>
#include <QList>
#include <QString>

#include <unistd.h>

/// Every process this test starts, and everything those start, inherit this variable: ctest runs
/// tests side by side, and another test's live run of the same lesson program is not a survivor
/// of this one. A survivor is an orphan, so the mark is in its environment, not its parentage.
inline const QByteArray kTestRunMark = [] {
    const QByteArray value = QByteArray::number(qint64(::getpid()));
    qputenv("MUXLAB_TEST_RUN", value);
    return QByteArrayLiteral("MUXLAB_TEST_RUN=") + value;
}();

/// Live processes whose command line names `file`, started by this test (a zombie is dead: its
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
        QFile environ(it.filePath() + QStringLiteral("/environ"));
        if (!cmd.open(QIODevice::ReadOnly) || !cmd.readAll().contains(file.toUtf8()) ||
            !status.open(QIODevice::ReadOnly) || status.readAll().contains("State:\tZ") ||
            !environ.open(QIODevice::ReadOnly))
            continue;
        const QList<QByteArray> vars = environ.readAll().split('\0');
        if (vars.contains(kTestRunMark))
            pids.append(pid);
    }
    return pids;
}
