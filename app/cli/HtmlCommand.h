#pragma once

#include "CommandLine.h"
#include "lesson/Lesson.h"
#include "trace/Trace.h"

/// --html OUT.html: a run as one self-contained web page (core/share/HtmlPage), after a
/// --headless run or from a saved trace (--open FILE.json).
namespace cli {

void addHtmlOptions(QCommandLineParser &parser);
/// Reads --html and --open into `o`; with --html and no other mode, o.mode becomes Mode::Html.
bool readHtmlOptions(const QCommandLineParser &parser, Options &o, QString &error);

/// `muxlab --html OUT.html --open FILE.json`: 0, or 1 with one sentence on stderr.
int runHtml(const Options &o);
/// The page of a run that just ended (--headless ... --html OUT.html): 0 or 1.
int writeHtml(const Options &o, const mux::Trace &trace, const mux::Lesson *lesson,
              const QStringList &clientNames);

} // namespace cli
