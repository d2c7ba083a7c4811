#pragma once

#include "Lesson.h"
#include "engine/Engine.h"

#include <QTemporaryDir>

#include <memory>

namespace mux {

/// The outcome of one checkpoint.
struct CheckResult {
    quint32 tick = 0;
    bool ok = false;
    QString what;   ///< "ready", "returned", "calls", "received A", "question"
    QString detail; ///< expected vs got, when it failed
};

/// A lesson on an engine: makes the program and the clients, schedules the script, and checks
/// the checkpoints against what the engine recorded. The GUI, the command line and the tests
/// all run lessons through this one class.
class LessonRun {
public:
    LessonRun(Lesson lesson, Engine::Options options);

    /// Where programs that write files (uploads, the user file) keep them: a lesson asks for
    /// one with `"data_dir": ""` in its params. Unset, start() makes a fresh temporary
    /// directory that goes when the run does (--data-dir sets it).
    void setDataDir(const QString &dir) { m_dataDir = dir; }
    const QString &dataDir() const { return m_dataDir; }

    /// Opens the lesson's server. `withScript` false: no simulated clients (serve mode).
    Result<void> start(bool withScript = true);

    const Lesson &lesson() const { return m_lesson; }
    Engine &engine() { return *m_engine; }
    const Engine &engine() const { return *m_engine; }
    bool finished() const { return m_engine->tickCount() >= m_lesson.ticks; }
    const TickRecord &step() { return m_engine->step(); }
    void runToEnd();

    /// Every checkpoint of the steps that have run.
    QList<CheckResult> check() const;
    QList<CheckResult> checkStep(const LessonStep &step) const;

    /// The checkpoints of `step` against any trace of `lesson` (the engine's, or a traced
    /// Python program's). `traced`: the trace is a traced program's. Its list operations
    /// (watch, unwatch, modify) of select and poll were read off the next call's lists, not
    /// seen when made (a Python program's rlist.append makes no system call), so a `calls`
    /// checkpoint compares them after the other calls, as a set; and notes and refusals are
    /// left out on both sides (the tracer's notes are calls it shows as text; the engine's
    /// notes are narration, and its refusals the line it adds beside the message it sends).
    static QList<CheckResult> checkStep(const Lesson &lesson, const Trace &trace,
                                        const LessonStep &step, bool traced = false);
    /// The socket calls the program made in `rec`, by name, as a `calls` checkpoint compares
    /// them: option calls (setsockopt, getsockopt, ioctl) and measures left out; `traced`: as
    /// checkStep says (notes and refusals out, list operations last and sorted).
    static QStringList serverCalls(const TickRecord &rec, bool traced);
    /// The same rule applied to a step's expected list.
    static QStringList comparableCalls(QStringList names, Backend backend, bool traced);
    /// Everything client `name` received up to and including `tick`, in `trace`.
    static QByteArray receivedBy(const Lesson &lesson, const Trace &trace, const QString &name,
                                 quint32 tick);

    /// What came back at tick index i, as socket names per list.
    static ReadyNames readyNamesAt(const Trace &trace, qsizetype index);
    /// Everything client `name` received up to and including `tick`.
    QByteArray receivedBy(const QString &name, quint32 tick) const;
    /// Everything the server read from client `name`'s conn up to `tick`.
    QByteArray receivedFrom(const QString &name, quint32 tick) const;
    static QByteArray receivedFrom(const Trace &trace, const QString &name, quint32 tick);

private:
    Lesson m_lesson;
    QString m_dataDir;
    std::unique_ptr<QTemporaryDir> m_tempDir; // declared first: outlives the program in the engine
    std::unique_ptr<Engine> m_engine;
};

} // namespace mux
