#pragma once

#include "TickSnapshot.h"
#include "exec/Launch.h"
#include "lesson/LessonRun.h"
#include "net/PeerProcess.h"

#include <QObject>
#include <QTimer>

#include <memory>
#include <optional>

namespace gui {

class ProgramRun;

/// What the window shows: a lesson running live on an engine, a real program of the learner's
/// own under the tracer (ProgramRun), or a saved trace opened to browse. It holds the cursor — the
/// tick index every pane shows — and forwards the user's commands to core. It computes no socket
/// state; everything it hands out is recorded.
///
/// History is the recorded trace: stepping back moves the cursor; stepping forward moves it
/// again until it reaches the newest tick, and only then asks the engine for a new one (made at
/// once) or lets the program make its next call (the tick arrives when it has, as
/// tickAppended(), and the cursor follows it if it was on the newest tick).
class Session : public QObject {
    Q_OBJECT
public:
    explicit Session(QObject *parent = nullptr);
    ~Session() override;

    /// 0: ports the kernel picks. Otherwise the lesson's own ports (so the documents' clients
    /// can connect); when one is taken the session says so and falls back to kernel ports.
    void setUseLessonPorts(bool on) { m_useLessonPorts = on; }
    bool useLessonPorts() const { return m_useLessonPorts; }
    /// True when the lesson's own port was taken and the run listens on ports the kernel chose.
    bool portsMoved() const { return m_portsMoved; }
    /// The ports the lesson's documents use (listener i on the i-th), empty when it has none.
    QList<quint16> documentedPorts() const;
    /// Where the next run's listeners bind: "127.0.0.1" (the default), an interface's address,
    /// or "0.0.0.0". Beyond loopback, outside clients come only from the subnets that address
    /// reaches when `onlyLocalSubnets` is on; anyone else is told so and let go. The address
    /// takes effect at the next start (restart, replay); `onlyLocalSubnets` at once.
    void setBindAddress(const QString &host, bool onlyLocalSubnets = true);
    QString bindAddress() const { return m_bindAddress; }
    bool onlyLocalSubnets() const { return m_onlyLocalSubnets; }
    /// Where the running lesson's listeners are bound, listener 0 first; empty without a run.
    QList<mux::net::Endpoint> listeners() const;

    /// Which server a lesson runs on: muxlab's own (the engine), or the lesson's own Python
    /// program, traced, playing the lesson's script (as `--headless --server python`).
    enum class Server { Builtin, Python };
    /// Takes effect at once: the open lesson is opened again on that server.
    void setServer(Server server);
    Server server() const { return m_server; }
    /// Why `lesson` cannot run on its own Python program, one sentence; empty when it can.
    static QString pythonRefusal(const mux::Lesson &lesson);
    /// The lesson's own Python program, absolute; empty when it has none or it is not found.
    static QString pythonProgramFile(const mux::Lesson &lesson);

    /// Opens a lesson live, on server(). On failure emits errorRaised() with one sentence and
    /// returns false.
    bool openLesson(const QString &id, mux::Backend backend);
    /// Opens a saved trace to browse (no engine: stepping past its end does nothing).
    bool openTrace(const QString &path);
    /// Runs `command` in `workingDir` under the tracer, held before its first multiplexing
    /// call. On failure emits errorRaised() with one sentence and returns false.
    bool openProgram(const mux::exec::Command &command, const QString &workingDir);
    /// Runs the same lesson again from tick 0, with the user's own actions up to `index`.
    bool replayTo(qsizetype index);
    bool restart() { return replayTo(0); }
    bool setBackend(mux::Backend backend);

    bool hasEngine() const { return m_run != nullptr; }
    bool hasProgram() const { return m_program != nullptr; }
    /// A lesson running on its own Python program (hasProgram() too, and lesson() is it).
    bool runsLessonProgram() const;
    const ProgramRun *program() const { return m_program.get(); }
    /// A lesson's engine or a program: stepping at the newest tick makes a new one.
    bool makesTicks() const { return hasEngine() || hasProgram(); }
    /// Full speed (on) lets the program run freely: its ticks reach the panes at most ~30 times
    /// a second, the cursor on the newest; off holds it again at its next call.
    void setProgramFree(bool on);
    bool programFree() const { return m_programFree; }
    /// The program has exited, crashed or been stopped: no tick will come until a restart.
    bool programEnded() const;
    bool isEmpty() const { return trace() == nullptr || trace()->isEmpty(); }
    /// The cursor is on the newest tick of a live engine or program: the next step makes a new
    /// tick.
    bool isLive() const;
    bool atEnd() const { return !isEmpty() && m_cursor == trace()->size() - 1; }

    const mux::Trace *trace() const;
    const mux::Lesson *lesson() const;
    mux::LessonRun *run() { return m_run.get(); }
    const mux::LessonRun *run() const { return m_run.get(); }
    mux::Backend backend() const;
    QStringList clientNames() const;
    QString title() const; ///< the lesson's id, the program's file name, or the trace file's name

    qsizetype cursor() const { return m_cursor; }
    /// The cursor's tick, read once from the trace per cursor move and shared by every pane.
    const TickSnapshot &snapshot() const;
    void setCursor(qsizetype index);
    /// One tick forward: along the history, or a new tick from the engine at its end.
    void stepForward();
    void stepBack();
    void goLive();

    /// A client op for the next tick; remembered so "replay to here" rebuilds it.
    void queueOp(const mux::ClientOp &op);
    QList<mux::ClientOp> pendingOps() const { return m_pending; }
    /// Adds a simulated client (the next free letter); returns its name.
    QString addClient();
    /// The simulated clients of the engine or the program now running; null without one.
    const std::vector<std::unique_ptr<mux::SimClient>> *simClients() const;
    /// Simulated clients can be added and act: a lesson's engine, or a program stepped (not
    /// running at full speed).
    bool takesClientOps() const;

    QString lang() const { return m_lang; }
    void setLang(const QString &lang);

    /// Frozen: no new tick runs (students connect; their connections wait in the listener's
    /// accept queue and their bytes in the kernel). History stays browsable.
    void setFrozen(bool on);
    bool isFrozen() const { return m_frozen; }
    /// At most `limit` external clients at once (0: no limit); one more is told politely.
    void setExternalLimit(int limit);
    int externalLimit() const { return m_externalLimit; }

signals:
    /// A new lesson or trace: every model rebuilds.
    void sessionReset();
    void tickAppended(qsizetype index);
    void cursorChanged(qsizetype index);
    void pendingChanged();
    void langChanged(const QString &lang);
    /// A problem the user caused, as one sentence to show in the window.
    void errorRaised(const QString &sentence);
    void frozenChanged(bool on);
    void serverChanged(Server server);
    /// Something worth a word in the window that is not an error.
    void noticeRaised(const QString &sentence);
    /// The program held, ran, wrote, fell silent or ended (ProgramRun::stateChanged).
    void programChanged();

private:
    /// Notices about how a run started (a port taken, another backend) go out after
    /// sessionReset(): the window clears its message bar on a reset and would hide them.
    void flushNotices();
    QStringList m_deferredNotices;
    struct UserOp {
        quint32 tick;
        mux::ClientOp op;
    };
    bool startRun(const mux::Lesson &lesson, mux::Backend backend, qsizetype replayTo);
    bool startProgram();
    bool startLessonProgram(const mux::Lesson &lesson, mux::Backend backend);
    /// Opens `lesson` on server() when it can run there, else on the engine with a notice.
    bool startLesson(const mux::Lesson &lesson, mux::Backend backend);
    void adoptProgram(std::unique_ptr<ProgramRun> program);
    /// Step at the newest tick of a program: the queued ops go to its clients first.
    void stepProgram();
    /// Why a program cannot take `op` now, one sentence; empty when it can.
    QString programRefusesOp(const mux::ClientOp &op) const;
    Server m_server = Server::Builtin;
    void onTick(quint32 tick);
    /// Hands the ticks gathered since the last frame to the panes (full speed).
    void flushFreeTicks();
    bool m_programFree = false;
    bool m_programHolding =
        false;                 ///< held again, not there yet: ticks still come a frame at a time
    QTimer *m_frame = nullptr; ///< one frame at full speed: ticks are gathered until it fires
    qsizetype m_shownFirstKept = 0; ///< the trace's firstKept() when the panes last heard
    void closeProgram();
    /// Ends the engine's run and the traced program, listeners first (a new run binds the same
    /// ports).
    void stopRuns();
    /// stopRuns(), and forgets a loaded trace and the user's clients and ops: a program starts.
    void clearForProgram();

    std::unique_ptr<mux::LessonRun> m_run;
    std::unique_ptr<ProgramRun> m_program;
    std::optional<mux::Trace> m_loaded;
    std::optional<mux::Lesson> m_loadedLesson; ///< the lesson a loaded trace came from, if known
    QStringList m_loadedClients; ///< a loaded trace's clients by index, as the run named them
    QString m_traceName;
    qsizetype m_cursor = -1;
    mutable TickSnapshot m_snapshot;
    mutable bool m_snapshotStale = true; ///< a new run or trace: rebuild even at the same index
    bool m_useLessonPorts = true;
    bool m_portsMoved = false;
    int m_portRetries = 0; ///< starts again because the program's free port was taken

    QString m_lang = QStringLiteral("en");
    QStringList m_extraClients; ///< clients the user added, in order
    QList<UserOp> m_userOps;    ///< every op the user sent, at the tick it ran
    QList<mux::ClientOp> m_pending;
    bool m_frozen = false;
    int m_externalLimit = 0;
    QString m_bindAddress = QStringLiteral("127.0.0.1");
    bool m_onlyLocalSubnets = true;
    /// Shared by every run: it remembers which processes held peers, so lookups stay cheap.
    std::shared_ptr<mux::net::PeerProcessFinder> m_peerFinder;
    void applyExternalPolicy(mux::Engine &engine);
};

} // namespace gui
