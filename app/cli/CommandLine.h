#pragma once

#include "lesson/Lesson.h"

#include <QCommandLineParser>
#include <QStringList>

/// The command line is a contract (README, "Command line"): tests and teachers rely on every flag.
namespace cli {

enum class Mode { Gui, ListLessons, Headless, Serve, Client, Html, ClientScript, Exec };

struct Options {
    Mode mode = Mode::Gui;
    QString lesson;
    QString backend; ///< empty: the lesson's first supported backend
    QString lang = QStringLiteral("en");
    bool langGiven = false; ///< --lang was typed (the window otherwise keeps the remembered one)
    QString traceFile;
    QString htmlFile; ///< --html: the run as a web page (HtmlCommand.h)
    QString openFile; ///< --open: the saved trace --html reads
    int port = -1;
    QString bind = QStringLiteral("127.0.0.1");
    QString dataDir;
    // --client (app/client/): muxlab's own client, a separate process
    QString host = QStringLiteral("127.0.0.1");
    bool framed = false;
    QStringList uploads;
    bool noWindow = false;
    // --exec (ExecCommand.cpp): a real program, traced
    QStringList command;
    bool headless = false;
    int maxTicks = 0;
    int paceMs = 0;
    bool pythonServer = false; ///< --server python: the lesson's own Python program, traced
    bool serverGiven = false;  ///< --server was typed (the window otherwise keeps its own)
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
/// Prints where the lesson's Python client is (an installed muxlab: share/muxlab/lessons).
int printClientScript(const Options &o);

/// --exec (ExecCommand.cpp): its options join the parser before parsing; parseExec reads them
/// when --exec is set; runExec runs the program.
void addExecOptions(QCommandLineParser &p);
bool parseExec(QCommandLineParser &p, Options &o, QString &error);
int runExec(const Options &o);

/// --headless --server python (ScriptedCommand.cpp): the lesson's script against its own Python
/// program under the tracer; the same lines as the built-in run, each ending in ` @ FILE:LINE`.
int runHeadlessPython(const Options &o, const mux::Lesson &lesson);
/// The lesson's Python program in the lessons folder, or "" when there is none.
QString pythonProgramOf(const mux::Lesson &lesson);

} // namespace cli
