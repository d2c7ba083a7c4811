#pragma once

// A lesson run long enough to be trimmed for real: select-echo's script, then quiet ticks with a
// few sends, until the trace has recorded kLongRunTicks ticks. Run once with keepTicks 1 (the
// engine drops the oldest chunk of ticks and folds it into the trace's state before its first
// kept tick) and once keeping everything: the lesson is deterministic, so both record the same
// ticks and the whole run says what the trimmed one must show from its first kept tick on.
//
// Besides the lesson's clients (A closes during the script, B stays), a client the user added,
// "C", connects in the ticks that get dropped and sends in the kept ones: its name lives only
// on its socket in the trimmed trace's starting state.

#include "lesson/LessonRun.h"
#include "net/FreePorts.h"
#include "trace/TickStore.h"

namespace mux::test {

/// The dropped chunk and six kept ticks.
constexpr qsizetype kLongRunTicks = TickStore::kChunk + 6;

/// What the clients do by the tick index the next step records: the last dropped tick, the
/// first kept one and a later one each see a send, so the kept ticks have ready sockets and
/// the starting state has bytes received.
inline void queueFor(LessonRun &run, qsizetype index, int b, int c)
{
    auto send = [&run](int client, QByteArray data) {
        ClientOp op;
        op.kind = ClientOp::Send;
        op.client = client;
        op.data = std::move(data);
        run.engine().queue(op);
    };
    const qsizetype first = TickStore::kChunk;
    if (index == 100) {
        ClientOp op;
        op.kind = ClientOp::Connect;
        op.client = c;
        run.engine().queue(op);
    }
    if (index == first - 1 || index == first + 2)
        send(b, "before and after " + QByteArray::number(index));
    if (index == first || index == first + 3)
        send(c, "from C at " + QByteArray::number(index));
}

/// Starts `run` and steps it to kLongRunTicks ticks. False (with `why`) when it cannot.
inline bool runLong(LessonRun &run, QString *why = nullptr)
{
    if (auto r = run.start(); !r) {
        if (why)
            *why = r.error().text;
        return false;
    }
    run.runToEnd();
    const int b = int(run.engine().clientNames().indexOf(QStringLiteral("B")));
    const int c = run.engine().addClient(QStringLiteral("C"));
    if (b < 0) {
        if (why)
            *why = QStringLiteral("the lesson has no client B");
        return false;
    }
    while (run.engine().trace().size() < kLongRunTicks) {
        queueFor(run, run.engine().trace().size(), b, c);
        run.step();
    }
    return true;
}

/// The options of both runs: the same but for what they keep. The same listener port too (one
/// run after the other), so the sockets' labels ("listener :PORT") read the same in both.
inline Engine::Options longRunOptions(Backend backend, qsizetype keepTicks, quint16 port)
{
    Engine::Options o;
    o.backend = backend;
    o.keepTicks = keepTicks;
    o.basePort = port;
    return o;
}

} // namespace mux::test
