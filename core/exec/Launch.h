#pragma once

#include "net/Result.h"

#include <QStringList>

namespace mux::exec {

/// A program to run under the tracer: an executable found and checked, and its arguments.
struct Command {
    QString program; ///< absolute path
    QStringList args;
    QString script; ///< the .py file, when the program is a Python interpreter running one
};

/// Resolves `argv` (COMMAND [ARGS...]) the way a shell would find COMMAND, but never through a
/// shell: a `.py` file given alone runs with python3. Refuses, with one sentence, a command that
/// is not found or not executable, a statically linked or set-user-ID program (the dynamic
/// loader would not load the tracing library into it), and a binary that is not x86-64.
Result<Command> resolveCommand(QStringList argv, const QString &workingDir = {});

/// Where libmuxtrace.so is: $MUXLAB_PRELOAD if set, else next to the running muxlab binary (a
/// build tree), else in lib/muxlab/ or lib/<multiarch>/muxlab/ beside its bin/ (installed).
QString preloadLibrary();

} // namespace mux::exec
