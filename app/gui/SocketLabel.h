#pragma once

#include "lesson/Lesson.h"
#include "trace/TickRecord.h"

#include <QHash>
#include <QString>

namespace gui {

/// What a learner reads for a socket, in the window's language: "listener :9991" / "监听套接字
/// :9991", "conn A" / "连接 A", "client A" / "客户端 A". The trace records the English label
/// (the headless lines and saved traces keep it); every view that shows a socket asks here, so
/// a language switch renames it everywhere, rows already shown included. An external conn keeps
/// its address and program: only the word in front is translated.
QString socketLabel(const mux::SocketInfo &socket);

/// The same for a socket known only by its stable name ("L0", "conn:A", "client:B",
/// "conn:#3"): the label of the socket of that name in `sockets` when there is one, else a
/// label made from the name.
QString socketLabel(const QString &name, const QHash<int, mux::SocketInfo> &sockets);

/// A lesson's text with each socket it names by its short stable name ("L0", "U0", "conn A",
/// "client B") written as the chips write it ("listener :9991", "连接 A"), so the narration, the
/// quiz and the tick view use one name for a socket. A listener in none of `sockets` keeps
/// its short name.
QString nameSocketsIn(const QString &text, const QList<QHash<int, mux::SocketInfo>> &sockets);

/// A failed checkpoint as a sentence, with sockets named as the window shows them:
/// "expected conn A to come back ready to read; the kernel returned: listener :9991".
/// Only the lists that differ are named. `question`: the expectation is a quiz's answer.
QString readySentence(const mux::ReadyNames &expected, const mux::ReadyNames &got,
                      const QHash<int, mux::SocketInfo> &sockets, bool question = false);

} // namespace gui
