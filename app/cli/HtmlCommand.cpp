#include "HtmlCommand.h"

#include "share/ClientNames.h"
#include "share/HtmlPage.h"

#include <QFileInfo>

#include <cstdio>

namespace cli {

namespace {

void err(const QString &line)
{
    std::fputs((QStringLiteral("muxlab: ") + line).toUtf8().constData(), stderr);
    std::fputc('\n', stderr);
}

} // namespace

void addHtmlOptions(QCommandLineParser &p)
{
    p.addOption({QStringLiteral("html"),
                 QStringLiteral("Write the run as one self-contained web page to FILE (with "
                                "--headless, or with --open)."),
                 QStringLiteral("FILE")});
    p.addOption({QStringLiteral("open"),
                 QStringLiteral("With --html: the saved trace (JSON) to make the page from."),
                 QStringLiteral("FILE.json")});
}

bool readHtmlOptions(const QCommandLineParser &p, Options &o, QString &error)
{
    o.htmlFile = p.value(QStringLiteral("html"));
    o.openFile = p.value(QStringLiteral("open"));
    const bool html = p.isSet(QStringLiteral("html"));
    const bool open = p.isSet(QStringLiteral("open"));
    if (open && !html) {
        error = QStringLiteral("--open FILE.json goes with --html OUT.html.");
        return false;
    }
    if (!html)
        return true;
    if (o.htmlFile.isEmpty()) {
        error = QStringLiteral("--html needs a file name (--html OUT.html).");
        return false;
    }
    if (o.mode == Mode::Headless) {
        if (open) {
            error = QStringLiteral("--open makes a page from a saved trace; --headless makes one "
                                   "from a new run: use one or the other.");
            return false;
        }
        return true;
    }
    if (o.mode != Mode::Gui) {
        error = QStringLiteral("--html goes with --headless --lesson ID or with --open FILE.json.");
        return false;
    }
    if (!open) {
        error = QStringLiteral("--html needs a run: --headless --lesson ID, or --open FILE.json "
                               "(a saved trace).");
        return false;
    }
    o.mode = Mode::Html;
    return true;
}

int writeHtml(const Options &o, const mux::Trace &trace, const mux::Lesson *lesson,
              const QStringList &clientNames)
{
    mux::share::PageSource source;
    source.trace = &trace;
    source.lesson = lesson;
    source.clientNames = clientNames;
    source.lang = o.lang;
    source.title = lesson ? lesson->id : QFileInfo(o.openFile).fileName();
    if (auto r = mux::share::writePage(o.htmlFile, source); !r) {
        err(r.error().text);
        return 1;
    }
    return 0;
}

int runHtml(const Options &o)
{
    auto trace = mux::Trace::load(o.openFile);
    if (!trace) {
        err(trace.error().text);
        return 1;
    }
    // The lesson the trace came from, when this muxlab has it: its narration, questions and
    // program go into the page too.
    std::optional<mux::Lesson> lesson;
    if (auto l = mux::findLesson(trace->lessonId))
        lesson = std::move(*l);
    return writeHtml(o, *trace, lesson ? &*lesson : nullptr,
                     mux::share::clientNamesIn(*trace, lesson ? lesson->clients : QStringList{}));
}

} // namespace cli
