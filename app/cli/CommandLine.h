#pragma once

#include "lesson/Lesson.h"

#include <QCommandLineParser>
#include <QStringList>

/// The command line is a contract (DESIGN.md): tests and teachers rely on every flag.
namespace cli {

enum class Mode { Gui, ListLessons, Headless, Serve, Client };

struct Options {
    Mode mode = Mode::Gui;
    QString lesson;
    QString backend; ///< empty: the lesson's first supported backend
    QString lang = QStringLiteral("en");
    bool langGiven = false; ///< --lang was typed (the window otherwise keeps the remembered one)
    QString traceFile;
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

/// The backend --backend names, or the lesson's first supported one when none was given.
mux::Backend backendFor(const Options &o, const mux::Lesson &lesson);

int listLessons();
int runHeadless(const Options &o);
int runServe(const Options &o);

} // namespace cli
