#pragma once

#include "clients/SimClient.h"
#include "mux/Events.h"
#include "net/Result.h"
#include "trace/TickRecord.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QSet>
#include <QString>

#include <optional>

namespace mux {

/// A text in both languages the lessons are written in.
struct LocalText {
    QString zh;
    QString en;
    const QString &in(const QString &lang) const { return lang == QLatin1String("zh") ? zh : en; }
    bool complete() const { return !zh.trimmed().isEmpty() && !en.trimmed().isEmpty(); }
};

/// Socket names (L0, conn:A, client:A…) per select list: what a checkpoint expects to come
/// back ready, or what a learner predicts.
struct ReadyNames {
    QStringList r, w, x;
    bool operator==(const ReadyNames &o) const;
    QString toString() const;
};

struct Question {
    LocalText ask;
    ReadyNames answer;
    /// The question asks about every backend of the lesson ("think LT first, then ET"): the
    /// answer for any of them is right, and the verdict says which backend it fits.
    bool anyBackend = false;
};

/// What must hold after a tick (a checkpoint).
struct Expect {
    std::optional<ReadyNames> ready;
    std::optional<int> returned;
    QStringList calls;                  ///< the server's calls this tick, in order
    QMap<QString, QByteArray> received; ///< client name -> all it has received so far
    /// client name -> all the server has read from that client's conn so far: what a
    /// document's server that only prints got, where no reply shows it
    QMap<QString, QByteArray> serverReceived;
    bool isEmpty() const
    {
        return !ready && !returned && calls.isEmpty() && received.isEmpty() &&
               serverReceived.isEmpty();
    }
};

/// One tick of a lesson: what the clients do, what the narration says, what must hold.
struct LessonStep {
    quint32 tick = 0;
    QList<ClientOp> ops;
    LocalText say;
    /// Replaces `say` on that backend where a placeholder cannot say it ("say_on"); epoll-et
    /// falls back to epoll's.
    QHash<Backend, LocalText> sayOn;
    bool correction = false; ///< the narration corrects the document
    Expect expect;
    QHash<Backend, Expect> expectOn; ///< replaces `expect` on that backend (lt-vs-et)
    std::optional<Question> question;
    QHash<Backend, ReadyNames> answerOn; ///< replaces the question's answer on that backend
    /// Per server ("python": the lesson's own Python program; "python@epoll-et": only on that
    /// backend), why this step's checkpoints do not hold there: the document's program behaves
    /// otherwise at this tick.
    QHash<QString, LocalText> differs;
    /// Why the step differs on `server` run on `b`, or null: the backend's own mark first.
    const LocalText *differsOn(const QString &server, Backend b) const;

    const Expect &expectFor(Backend b) const;
    /// The narration as a run on `b` says it: its text for `b`, placeholders rendered
    /// (Narration.h). Every place that shows a step's text shows this.
    QString sayFor(Backend b, const QString &lang) const;
    /// The question, rendered the same way (empty when the step asks nothing).
    QString askFor(Backend b, const QString &lang) const;
    std::optional<ReadyNames> answerFor(Backend b) const;
};

/// A line of the lesson's own Python program, tagged with the action it performs so the GUI
/// can light it when the tick performs that action: "select", "accept", or a call and the
/// branch of the loop that makes it, "send@listener" (the greeting) apart from "send@conn"
/// (the echo). A bare call stands for that call in every branch the lesson does not name.
struct PythonLine {
    QString code;
    QString tag;
};

/// The tags of the lines that made `a` in a lesson with `tags`: "call@site" where the lesson
/// has that tag, else the bare call where it has that. An action that knows no branch (a real
/// program under the tracer) lights the call in every branch; one whose branch has neither
/// tag lights none.
QStringList lineTagsOf(const Action &a, const QMap<QString, QList<int>> &tags);

struct Lesson {
    QString id;
    QString document; ///< "000".."004", or "extra"
    int order = 0;
    /// The title as the lesson's default backend (its first) says it: what the lesson list and
    /// `--list-lessons` show. A run on another backend shows titleFor() its backend.
    LocalText title;
    LocalText titleAsWritten; ///< "title" as the file writes it, placeholders and all
    LocalText section;        ///< the part of the document it mirrors
    LocalText summary;
    QString program;
    /// The lesson's program is a client (client-side-select): the server it talks to is the
    /// lesson's other process (Site::Remote), not the program.
    bool programIsClient() const { return program == QLatin1String("select-client"); }
    QJsonObject params;
    QList<Backend> backends;
    QStringList clients;
    QString pythonFile; ///< its Python program's file name, beside the lesson file
    /// "python_args": per backend, the arguments that make the Python program call it
    /// ({"epoll-et": ["--et"]}); a backend not listed runs the program as it is.
    QHash<Backend, QStringList> pythonArgs;
    /// "python_blocking": the program makes no multiplexing call of its own (it blocks in
    /// accept and recv); traced, each blocking call that would wait is a tick.
    bool pythonBlocking = false;
    QList<PythonLine> python; ///< that program's lines, tagged from "tags"
    /// "tags" as written: per tag, its 1-based lines. A tag with no lines says that branch's
    /// call has no line in the program (the document's program does not make it).
    QMap<QString, QList<int>> tags;
    QString clientScript; ///< path under lessons/ of the learner's Python client
    QList<LessonStep> steps;
    quint32 ticks = 0; ///< how many ticks the lesson runs
    /// How many bytes a partial send moves depends on when the call runs (how much the peer's
    /// kernel has taken by then): runs at another pace agree on the ticks, not on those counts.
    bool sendBytesVaryWithPace = false;
    QString path; ///< where it was loaded from (for error messages)

    const LessonStep *stepAt(quint32 tick) const;
    /// The title and the summary as a run on `b` says them (placeholders rendered).
    QString titleFor(Backend b, const QString &lang) const;
    QString summaryFor(Backend b, const QString &lang) const;
    /// The rows (0-based) of `python` that made tick t: the `select` line for a call, and for
    /// each of the server's actions the lines tagged with it (lineTagsOf).
    QList<int> litLines(const TickRecord &t) const;
};

/// Parses one lesson file. Every problem names the file and the field.
Result<Lesson> parseLesson(const QByteArray &json, const QString &path);

/// Every lesson compiled into the binary (":/lessons"), sorted by document and order.
/// Files that fail to parse are reported in `errors` and skipped.
QList<Lesson> loadLessons(QStringList *errors = nullptr);
Result<Lesson> findLesson(const QString &id);

} // namespace mux
