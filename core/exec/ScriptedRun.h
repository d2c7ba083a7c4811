#pragma once

#include "PeerServer.h"
#include "ProgramFds.h"
#include "TracedProcess.h"
#include "clients/ClientMatch.h"
#include "clients/SimClient.h"
#include "engine/Settle.h"
#include "lesson/Lesson.h"
#include "trace/TickSource.h"

#include <QHash>
#include <QMultiMap>
#include <QTemporaryDir>

#include <memory>
#include <optional>
#include <vector>

namespace mux::exec {

/// A lesson's script played against the lesson's own Python program (lessons/<folder>/<id>.py)
/// run under the tracer, in step mode: the second way a lesson runs, beside the engine. It is
/// a TickSource like the Engine and keeps the engine's tick (core/README.md, "The tick"), so a
/// scripted run gives the same ticks every time:
///   1. the program is held before its call; the clients do this tick's ops, and the run waits
///      until the kernel shows them (Settler). Waits that need the program's side (a listener's
///      accept queue, a conn that must show a RST) read it through duplicates of the program's
///      descriptors (ProgramFds), taken only while it is held;
///   2. the one call is released; the program handles what came back and runs to its next
///      multiplexing call, where it is held again (or it exits);
///   3. the run waits until what the program sent or closed has reached the clients, and they
///      read it (as the engine's settleReplies). The tick then goes into the trace, with the
///      kernel's probes of the program's sockets at the call and at its end.
///
/// The program's sockets are named as the lesson names them (namer()): the listener on the
/// run's port P+i is "L<i>" ("U<i>" for UDP), the conn whose peer is client A is "conn:A".
/// The clients' own sockets are left out of the trace's socket list: their descriptor numbers
/// are muxlab's, and would collide with the program's.
///
/// With Options::command set it runs a program of the learner's own instead, with no script:
/// the clients act only as the user asks (addClient, queue), against the listeners the program
/// opened (L0, L1… in the order it listened, their ports read from its trace).
class ScriptedRun : public TickSource {
    Q_OBJECT
public:
    struct Options {
        QString python;        ///< the interpreter; empty: /usr/bin/python3, else python3
        QString programFile;   ///< the lesson's .py, absolute
        QStringList extraArgs; ///< given after `--port P`
        quint16 basePort = 0;  ///< 0: free ports, found here (never the documents' own)
        /// With basePort 0: the port tried first, left for free ones when the program finds
        /// it taken (0: free ones from the start).
        quint16 firstPort = 0;
        QString workingDir; ///< empty: a temporary directory, removed with the run
        int settleBudgetMs = 2000;
        int startBudgetMs = 20000; ///< until the program is held before its first call
        int callBudgetMs = 5000;   ///< beyond the call's own timeout, until it is held again
        /// A program of the user's own, run as given in workingDir (empty: muxlab's own) in
        /// place of the lesson's .py; empty: the lesson's program.
        Command command;
        qsizetype keepTicks = 0; ///< keep only the newest N ticks (0: all)
        /// start() waits until the program is held before its first call; a window passes
        /// false and hears of it through TracedProcess::held() instead.
        bool waitHeld = true;
    };
    ScriptedRun(Lesson lesson, Options options, QObject *parent = nullptr);
    ~ScriptedRun() override;

    /// Starts the program on its ports and waits, bounded, until it is held before its first
    /// multiplexing call (tick 0, its setup, is then in the trace). One sentence if it cannot.
    Result<void> start();
    /// Kills the program and everything it started, and reaps it.
    void stop();

    // TickSource
    const Trace &trace() const override { return m_process->trace(); }
    bool canStep() const override { return m_process && !m_process->isFinished() && !m_awaiting; }
    void requestStep() override;
    /// requestStep(), then waits (bounded: the call's timeout plus callBudgetMs) until the tick
    /// is in the trace. False if it did not come: the program ended, or did not come back to
    /// a multiplexing call in time (the clients of the next tick then act while it runs).
    bool step();

    /// Script ticks played so far.
    quint32 tickCount() const { return m_tick; }
    /// Every script tick has been played.
    bool finished() const { return m_tick >= m_lesson.ticks; }
    /// The program has ended (exited, crashed, or was stopped).
    bool ended() const { return m_process->isFinished(); }
    const Lesson &lesson() const { return m_lesson; }
    TracedProcess &process() { return *m_process; }
    const TracedProcess &process() const { return *m_process; }
    QStringList clientNames() const;
    const std::vector<std::unique_ptr<SimClient>> &clients() const { return m_clients; }
    quint16 basePort() const { return m_basePort; }
    /// FILE:LINE of the call of tick index i.
    QString sourceAt(qsizetype i) const { return m_process->sourceAt(i); }

    /// start() got as far as starting the process (trace() and process() exist).
    bool started() const { return m_process != nullptr; }
    /// A program of the user's own (Options::command), not the lesson's.
    bool runsOwnProgram() const { return !m_options.command.program.isEmpty(); }
    /// A new simulated client, named `name`; returns its index.
    int addClient(const QString &name);
    /// A client op the user asks for, played before the next call the program is released
    /// into (as Engine::queue). When the program is already in its call (released, not held
    /// again yet), actNow() plays it at once.
    void queue(const ClientOp &op) { m_script.insert(m_tick + 1, op); }
    /// Plays the queued ops while the program is in its call: a program blocked in select
    /// without a timeout wakes up only when a client acts. False when there was nothing to
    /// play, or the program is held (the next step plays them).
    bool actNow();
    /// The program ended before its first multiplexing call because another program had taken
    /// the free port it was given (never said of a port the user chose): starting again finds
    /// others. start() does so itself when it waits; a window (waitHeld false) asks here.
    bool portWasTaken() const
    {
        return m_process && m_process->isFinished() && !m_options.basePort && bindFailedInUse();
    }
    /// Where the program's TCP listener `index` (L0, L1…) is bound, if it has one.
    std::optional<net::Endpoint> listenerAt(int index) const;

signals:
    /// The program wrote to stdout or stderr.
    void output(const QByteArray &bytes);

private:
    void name(SocketInfo &s);
    /// Starts the lesson's program on m_basePort.
    Result<void> launchPython(const QString &python, const QString &dir);
    /// Waits, bounded by startBudgetMs, until the program is held or has ended.
    void waitHeld();
    /// The program ended before its first multiplexing call because its bind found the port
    /// taken.
    bool bindFailedInUse() const;
    /// The program is held before its next call, or has ended: the tick's replies reach the
    /// clients, and its probes are taken.
    void completeTick(bool ended);
    QList<Action> clientsAct(quint32 tick);
    QList<Action> settleReplies(bool programEnded);
    /// A lesson whose program is a client: what the program did reaches the peer server, the
    /// server makes its pass (after a released call, not after the setup), and what it did
    /// reaches the program.
    QList<Action> peerPass(bool ran, bool programEnded);
    int connOf(int client) const;
    int listenerFd(int index, Role role) const;

    Lesson m_lesson;
    Options m_options;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<TracedProcess> m_process;
    std::vector<std::unique_ptr<SimClient>> m_clients;
    ClientMatch m_match{m_clients};
    QMultiMap<quint32, ClientOp> m_script;
    Settler m_settler;
    ProgramFds m_fds;
    std::unique_ptr<PeerServer> m_peer; ///< the server a client program talks to, or none
    QHash<int, int> m_peerClient;       ///< the program's fd -> its connection's index (m_peer)
    quint16 m_basePort = 0;
    bool m_holdOutput = false; ///< the program's output goes to m_early until it is held
    QByteArray m_early;
    int m_listeners = 1;
    quint32 m_tick = 0;
    bool m_awaiting = false;      ///< a step was released and its tick is not complete yet
    bool m_clientsActed = false;  ///< this tick: clients may have bytes to drain
    QHash<int, int> m_connClient; ///< the program's conn fd -> index of the client at its far end
    QList<SocketProbe> m_atCall;
    QHash<int, SocketProbe> m_lastProbes;
};

} // namespace mux::exec
