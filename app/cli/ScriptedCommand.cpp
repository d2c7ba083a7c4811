// muxlab --headless --lesson ID --server python: the lesson's script against the lesson's own
// Python program, run under the tracer (core/exec/ScriptedRun).

#include "CommandLine.h"

#include "HtmlCommand.h"
#include "exec/ScriptedRun.h"
#include "lesson/LessonFiles.h"
#include "lesson/LessonRun.h"
#include "lesson/Narration.h"
#include "trace/TickFormat.h"

#include <QDir>
#include <QFileInfo>

#include <chrono>
#include <cstdio>
#include <thread>

namespace cli {

namespace {

void line(const QString &text)
{
    const QByteArray bytes = text.toUtf8();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

void errLine(const QString &text)
{
    std::fputs((QStringLiteral("muxlab: ") + text).toUtf8().constData(), stderr);
    std::fputc('\n', stderr);
}

} // namespace

QString pythonProgramOf(const mux::Lesson &lesson)
{
    if (lesson.pythonFile.isEmpty())
        return {};
    const QString folder = QFileInfo(lesson.path).dir().dirName();
    return mux::lessonFile(folder + QLatin1Char('/') + lesson.pythonFile);
}

int runHeadlessPython(const Options &o, const mux::Lesson &lesson)
{
    const QString file = pythonProgramOf(lesson);
    if (file.isEmpty()) {
        errLine(QStringLiteral("Lesson %1 has no Python program beside it (no lessons folder "
                               "found; MUXLAB_LESSONS_DIR can point at one).")
                    .arg(lesson.id));
        return 2;
    }
    mux::exec::ScriptedRun::Options so;
    so.programFile = file;
    so.extraArgs = lesson.pythonArgs.value(backendFor(o, lesson));
    if (o.port > 0)
        so.basePort = quint16(o.port);
    mux::exec::ScriptedRun run(lesson, so);
    QObject::connect(&run, &mux::exec::ScriptedRun::output, [](const QByteArray &bytes) {
        std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stderr);
        std::fflush(stderr);
    });
    if (auto r = run.start(); !r) {
        errLine(r.error().text);
        return 1;
    }
    const mux::Trace &trace = run.trace();
    line(QStringLiteral("# %1 — %2 (%3, python %4)")
             .arg(lesson.id, lesson.titleFor(trace.backend, o.lang),
                  mux::backendName(trace.backend), QFileInfo(file).fileName()));
    bool allOk = true;
    const QStringList names = run.clientNames();
    QSet<quint32> shown;
    auto show = [&](qsizetype i) {
        const mux::TickRecord &t = trace.at(i);
        for (const mux::SocketInfo &s : t.extrasOrEmpty().opened)
            line(QStringLiteral("  + fd %1 = %2 (%3)").arg(s.fd).arg(s.label, s.name));
        QString text = mux::format::tickLine(trace, i, names);
        if (const QString src = run.sourceAt(i); !src.isEmpty())
            text += QStringLiteral(" @ ") + src;
        line(text);
        shown.insert(t.tick);
        const mux::LessonStep *step = t.tick ? lesson.stepAt(t.tick) : nullptr;
        if (!step)
            return;
        line(QStringLiteral("    %1%2")
                 .arg(step->correction ? QStringLiteral("[correction] ") : QString(),
                      step->sayFor(trace.backend, o.lang)));
        if (const mux::LocalText *d = step->differsOn(QStringLiteral("python"), trace.backend)) {
            line(QStringLiteral("    [differs] %1")
                     .arg(mux::narrate(d->in(o.lang), trace.backend, o.lang)));
            return;
        }
        for (const mux::CheckResult &c : mux::LessonRun::checkStep(lesson, trace, *step, true)) {
            allOk = allOk && c.ok;
            line(QStringLiteral("    %1 %2%3")
                     .arg(c.ok ? QStringLiteral("ok  ") : QStringLiteral("FAIL"), c.what,
                          c.ok ? QString() : QStringLiteral(": ") + c.detail));
        }
    };
    qsizetype next = 0;
    while (next < trace.size())
        show(next++);
    while (!run.finished() && !run.ended()) {
        if (o.paceMs > 0)
            std::this_thread::sleep_for(std::chrono::milliseconds(o.paceMs));
        if (!run.step())
            line(QStringLiteral("# tick %1: the program did not come back to a select, poll or "
                                "epoll call in time")
                     .arg(run.tickCount()));
        while (next < trace.size())
            show(next++);
    }
    if (run.ended())
        line(QStringLiteral("# %1").arg(run.process().why()));
    // Steps the program never reached: their checkpoints fail unless the lesson says why.
    for (const mux::LessonStep &s : lesson.steps) {
        if (shown.contains(s.tick) || s.differsOn(QStringLiteral("python"), trace.backend))
            continue;
        if (!s.expect.isEmpty() || !s.expectOn.isEmpty() || s.question) {
            allOk = false;
            line(QStringLiteral("    FAIL tick %1: the program never made this tick's call")
                     .arg(s.tick));
        }
    }
    run.stop();
    if (!o.traceFile.isEmpty())
        if (auto r = run.process().save(o.traceFile); !r) {
            errLine(r.error().text);
            return 1;
        }
    if (!o.htmlFile.isEmpty())
        if (const int rc = writeHtml(o, trace, &lesson, names))
            return rc;
    line(allOk ? QStringLiteral("# every checkpoint held")
               : QStringLiteral("# a checkpoint failed"));
    return allOk ? 0 : 1;
}

} // namespace cli
