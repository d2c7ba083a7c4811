#pragma once

#include "lesson/Lesson.h"
#include "net/Result.h"
#include "trace/Trace.h"

#include <QByteArray>
#include <QJsonObject>
#include <QStringList>

namespace mux {

/// A run as one self-contained web page: a student opens it from a USB stick or a course page
/// and steps through the ticks without muxlab, offline. No network, no external script, style
/// or font: the page's HTML, CSS and JS (resources/web/, compiled into muxcore) are inlined, and
/// the run goes in as JSON in a <script type="application/json"> block.
///
/// The run is the trace as Trace::toJson() writes it (delta-encoded: the page replays the
/// interest from keyframes as Trace does, starting from "before_first" when the run kept only
/// its newest ticks; payloads over 1 KiB, which the page never shows, are
/// left out with their size), plus what only core can say: each tick's syscall log
/// in TickFormat's strace form, the flag names of kFlagTable, and the lesson's texts in zh and en
/// when the lesson is known. The page computes the chips from those, the way the window does.
namespace share {

struct PageSource {
    const Trace *trace = nullptr;
    const Lesson *lesson = nullptr;      ///< narration, questions, program; null for a bare trace
    QStringList clientNames;             ///< names of the simulated clients by index ("A", "B")
    QString lang = QStringLiteral("en"); ///< the language the page opens in
    QString title;                       ///< the run's name when there is no lesson
};

/// The run as the page reads it (what goes in the JSON block).
QJsonObject pageData(const PageSource &source);
/// The whole page. A trace that kept only its newest ticks is shown from its first kept tick,
/// replayed from the state the dropped ticks left behind.
Result<QByteArray> pageHtml(const PageSource &source);
/// Writes the page through QSaveFile: the file is whole or untouched.
Result<void> writePage(const QString &path, const PageSource &source);

} // namespace share
} // namespace mux
