#include "MainWindow.h"
#include "ProgramRun.h"
#include "Session.h"

#include <QApplication>
#include <QDockWidget>
#include <QStyleFactory>
#include <QTimer>

#include <cstdio>

namespace gui {

int runGui(const cli::Options &options)
{
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/muxlab.svg")));
    MainWindow::Config config;
    config.lesson = options.lesson;
    config.backend = options.backend; // empty: the lesson's first
    // Only a language typed on the command line overrides the remembered one.
    config.lang = options.langGiven ? options.lang : QString();
    // MUXLAB_EPHEMERAL_PORTS=1: let the kernel pick ports (screenshots, several windows at once).
    config.useLessonPorts = qEnvironmentVariableIntValue("MUXLAB_EPHEMERAL_PORTS") == 0;
    if (options.mode == cli::Mode::Exec)
        config.program = options.command;
    // --bind ADDR: the class reaches the window's server there (the Class tab can change it).
    config.bind = options.bind;
    if (options.serverGiven) // else the window's remembered choice
        config.server = options.pythonServer ? QStringLiteral("python") : QStringLiteral("builtin");
    MainWindow w(config);
    w.show();
    // Without a window manager (a bare X server driving a projector) nobody activates the
    // window, and then F10 and Space, window shortcuts, do nothing. Ask for it ourselves.
    w.activateWindow();
    // MUXLAB_STEP_AT_START=N steps N ticks once the window is up (screenshots, demos);
    // MUXLAB_PRESENTER=1 starts in presenter mode.
    const int steps = qEnvironmentVariableIntValue("MUXLAB_STEP_AT_START");
    const bool presenter = qEnvironmentVariableIntValue("MUXLAB_PRESENTER") != 0;
    // MUXLAB_RAISE=clients|sockets|queues|log brings that tab to the front (screenshots).
    const QString raise = qEnvironmentVariable("MUXLAB_RAISE");
    QTimer::singleShot(0, &w, [&w, steps, presenter, raise] {
        if (presenter)
            w.findChild<QAction *>(QStringLiteral("presenter"))->setChecked(true);
        if (auto *d = w.findChild<QDockWidget *>(raise + QStringLiteral("Dock"));
            d && !raise.isEmpty())
            d->raise();
        auto *session = w.findChild<Session *>(QStringLiteral("session"));
        for (int i = 0; i < steps; ++i)
            session->stepForward();
    });
    const int status = QApplication::exec();
    // --exec --trace FILE: the program's ticks as the window recorded them.
    auto *session = w.findChild<Session *>(QStringLiteral("session"));
    if (options.mode == cli::Mode::Exec && !options.traceFile.isEmpty() && session->program())
        if (auto r = session->program()->process().save(options.traceFile); !r) {
            std::fprintf(stderr, "muxlab: %s\n", qUtf8Printable(r.error().text));
            return 1;
        }
    return status;
}

} // namespace gui
