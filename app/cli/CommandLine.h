#pragma once

#include <QCommandLineParser>
#include <QStringList>

/// The command line is a contract (DESIGN.md): tests and teachers rely on every flag.
namespace cli {

enum class Mode { Gui, ListLessons, Headless, Serve, Client };

struct Options {
    Mode mode = Mode::Gui;
    QString lesson;
    QString backend = QStringLiteral("select");
    QString lang = QStringLiteral("en");
    QString traceFile;
    int paceMs = 0; ///< --headless: milliseconds to wait before each tick
    int port = -1;
    QString bind = QStringLiteral("127.0.0.1");
    QString dataDir;
    // --client (app/client/): muxlab's own client, a separate process
    QString host = QStringLiteral("127.0.0.1");
    bool framed = false;
    QStringList uploads;
    bool noWindow = false;
};

/// True when argv asks for a mode that needs no display (so main can skip QApplication).
bool wantsTerminal(int argc, char **argv);

/// Parses `args` (argv as strings). On a usage error returns false with `error` set; --help and
/// --version print and exit through the parser.
bool parse(QCommandLineParser &parser, const QStringList &args, Options &out, QString &error);

int listLessons();
int runHeadless(const Options &o);
int runServe(const Options &o);

} // namespace cli
