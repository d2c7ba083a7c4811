#include "cli/CommandLine.h"
#include "cli/HtmlCommand.h"
#include "client/RunClient.h"
#include "gui/MainWindow.h"

#include <QApplication>
#include <QCoreApplication>

#include <cstdio>
#include <memory>

static bool haveDisplay()
{
    return qEnvironmentVariableIsSet("DISPLAY") || qEnvironmentVariableIsSet("WAYLAND_DISPLAY") ||
           qEnvironmentVariableIsSet("QT_QPA_PLATFORM");
}

int main(int argc, char **argv)
{
    QCoreApplication::setOrganizationName(QStringLiteral("muxlab"));
    QCoreApplication::setApplicationName(QStringLiteral("muxlab"));
    QCoreApplication::setApplicationVersion(QStringLiteral(MUXLAB_VERSION));

    // Terminal modes never need a display: a teacher's server over ssh, a CI runner.
    const bool terminal = cli::wantsTerminal(argc, argv) || !haveDisplay();
    std::unique_ptr<QCoreApplication> app = terminal
                                                ? std::make_unique<QCoreApplication>(argc, argv)
                                                : std::make_unique<QApplication>(argc, argv);
    QCommandLineParser parser;
    cli::Options o;
    QString error;
    if (!cli::parse(parser, app->arguments(), o, error)) {
        std::fprintf(stderr, "muxlab: %s\n", qUtf8Printable(error));
        return 2;
    }
    switch (o.mode) {
    case cli::Mode::ListLessons:
        return cli::listLessons();
    case cli::Mode::Headless:
        return cli::runHeadless(o);
    case cli::Mode::Serve:
        return cli::runServe(o);
    case cli::Mode::Client:
        return client::runClient(o);
    case cli::Mode::Html:
        return cli::runHtml(o);
    case cli::Mode::ClientScript:
        return cli::printClientScript(o);
    case cli::Mode::Exec:
        return cli::runExec(o);
    case cli::Mode::Gui:
        break;
    }
    if (terminal) {
        std::fprintf(stderr, "muxlab: no display found (DISPLAY is not set), so the window cannot "
                             "open; running the lesson select-echo in the terminal instead.\n");
        o.lesson = o.lesson.isEmpty() ? QStringLiteral("select-echo") : o.lesson;
        return cli::runHeadless(o);
    }
    return gui::runGui(o);
}
