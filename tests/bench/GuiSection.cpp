// Section 4: the GUI's figures come from bench_gui (it needs QApplication and the widgets, which
// this executable does not link); run it as a process and pass its report through.

#include "Sections.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QProcess>

#include <cstdio>

namespace bench {

void guiFigures(const Options &o)
{
    std::printf("\n4. GUI (bench_gui, offscreen)\n");
    const QString exe = QCoreApplication::applicationDirPath() + QStringLiteral("/bench_gui");
    if (!QFileInfo(exe).isExecutable()) {
        std::printf("   not built: %s is missing\n", qPrintable(exe));
        return;
    }
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    p.setProcessEnvironment(env);
    p.setProcessChannelMode(QProcess::MergedChannels);
    Q_UNUSED(o);
    p.start(exe, QStringList{});
    if (!p.waitForFinished(300000)) {
        p.kill();
        std::printf("   bench_gui did not finish within 300 s\n");
        return;
    }
    for (const QByteArray &line : p.readAll().split('\n'))
        if (!line.trimmed().isEmpty())
            std::printf("   %s\n", line.constData());
}

} // namespace bench
