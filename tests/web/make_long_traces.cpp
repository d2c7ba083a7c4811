// Writes the two traces of one long select-echo run (tests/web/LongRun.h) for check_page.py:
// DIR/whole.json keeps every tick, DIR/trimmed.json only the newest ones, as a run with
// keepTicks saves them. The page check makes both pages with `muxlab --html --open` and
// compares the trimmed page with the whole one tick by tick.
//
//   make_long_traces DIR [select|poll|epoll|epoll-et]

#include "LongRun.h"

#include <QCoreApplication>

#include <cstdio>

using namespace mux;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 2) {
        std::fputs("usage: make_long_traces DIR [BACKEND]\n", stderr);
        return 2;
    }
    const auto backend = backendFromName(args.value(2, QStringLiteral("select")));
    auto lesson = findLesson(QStringLiteral("select-echo"));
    if (!backend || !lesson) {
        std::fputs("make_long_traces: unknown backend, or no lesson select-echo\n", stderr);
        return 2;
    }
    const quint16 port = net::freePortBlock(1);
    if (!port) {
        std::fputs("make_long_traces: no free port\n", stderr);
        return 1;
    }
    for (const auto &[file, keep] :
         {std::pair{"whole.json", qsizetype(0)}, std::pair{"trimmed.json", qsizetype(1)}}) {
        LessonRun run(*lesson, test::longRunOptions(*backend, keep, port));
        QString why;
        if (!test::runLong(run, &why)) {
            std::fprintf(stderr, "make_long_traces: %s\n", qPrintable(why));
            return 1;
        }
        const QString path = args.at(1) + u'/' + QLatin1String(file);
        if (auto r = run.engine().trace().save(path); !r) {
            std::fprintf(stderr, "make_long_traces: %s\n", qPrintable(r.error().text));
            return 1;
        }
    }
    return 0;
}
