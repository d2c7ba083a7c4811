#pragma once

#include "mux/Events.h"

#include <QString>
#include <QStringList>

namespace mux {

/// A lesson's text as the backend it runs on says it. A text is written once, with
/// placeholders where the call or its lists are named, and reads right on every backend:
///
///   {call}   select | poll | epoll_wait
///   {rlist}  rlist  | the POLLIN set  (POLLIN 集合)  | the EPOLLIN interest  (EPOLLIN 关注列表)
///   {wlist}  wlist  | the POLLOUT set (POLLOUT 集合) | the EPOLLOUT interest (EPOLLOUT 关注列表)
///   {xlist}  xlist  | the POLLPRI set (POLLPRI 集合) | the EPOLLPRI interest (EPOLLPRI 关注列表)
///   {empty_lists}  three empty lists (三个空列表) | 0, nothing ready (0，什么也没就绪)
///
/// "the" is the text's own ("the {rlist}" → "the rlist", "the POLLIN set"). Anything else in
/// braces (a JSON message quoted in a text) is left alone. Where a placeholder cannot say it,
/// a step carries whole texts per backend ("say_on"); see lessons/README.md.
QString narrate(const QString &text, Backend backend, const QString &lang);

/// The placeholders `text` names, as written ("{rlist}"), that narrate() does not know: the
/// lesson loader refuses a file with one, so a typo never reaches a learner as "{rlst}".
QStringList unknownPlaceholders(const QString &text);

} // namespace mux
