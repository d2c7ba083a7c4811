// muxlab-bench: every speed and memory target of muxlab, measured side by side in one run on
// this machine. Figures are medians of alternating rounds and are printed with their
// ratio, because the machines are shared and noisy: a ratio measured in one run survives that.
//   muxlab-bench [--section calls|serve|trace|gui|exec] [--rounds N] [--seconds S] [--quick]

#include "Sections.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("muxlab-bench"));
    std::setvbuf(stdout, nullptr, _IOLBF, 0);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Measures muxlab against the kernel and against the documents' servers."));
    parser.addHelpOption();
    const QCommandLineOption section(
        QStringLiteral("section"),
        QStringLiteral("Only one section: calls, serve, trace, gui or exec."),
        QStringLiteral("name"));
    const QCommandLineOption rounds(QStringLiteral("rounds"),
                                    QStringLiteral("Alternating rounds per figure (default 3)."),
                                    QStringLiteral("n"), QStringLiteral("3"));
    const QCommandLineOption seconds(QStringLiteral("seconds"),
                                     QStringLiteral("Seconds per throughput round (default 1.5)."),
                                     QStringLiteral("s"), QStringLiteral("1.5"));
    const QCommandLineOption quick(
        QStringLiteral("quick"),
        QStringLiteral("Fewer repeats: a smoke run, not figures to quote."));
    parser.addOptions({section, rounds, seconds, quick});
    parser.process(app);

    bench::Options o;
    o.rounds = std::max(1, parser.value(rounds).toInt());
    o.seconds = std::max(0.2, parser.value(seconds).toDouble());
    o.quick = parser.isSet(quick);
    const QString only = parser.value(section);
    const QStringList known = {QStringLiteral("calls"), QStringLiteral("serve"),
                               QStringLiteral("trace"), QStringLiteral("gui"),
                               QStringLiteral("exec")};
    if (!only.isEmpty() && !known.contains(only)) {
        std::fprintf(stderr,
                     "muxlab-bench: unknown section \"%s\" (calls, serve, trace, gui, exec)\n",
                     qPrintable(only));
        return 2;
    }
    std::printf("muxlab-bench: %d rounds, %.1f s per throughput round%s\n", o.rounds, o.seconds,
                o.quick ? ", quick" : "");
    if (only.isEmpty() || only == known[0])
        bench::perCallCost(o);
    if (only.isEmpty() || only == known[1])
        bench::serveThroughput(o);
    if (only.isEmpty() || only == known[2])
        bench::traceMemory(o);
    if (only.isEmpty() || only == known[3])
        bench::guiFigures(o);
    if (only.isEmpty() || only == known[4])
        bench::execCost(o);
    return 0;
}
