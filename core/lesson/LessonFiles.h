#pragma once

#include <QString>

namespace mux {

/// The folder holding the lessons' files that run outside muxlab (the Python clients, the
/// documents' programs), as an absolute canonical path; empty when none is found. In order:
/// MUXLAB_LESSONS_DIR; `../share/muxlab/lessons` next to the running binary (an installed
/// muxlab, wherever its prefix is); the source tree, but only for a binary inside the build
/// tree it was built in, so an installed copy never reads the path compiled into it.
/// The lesson JSON files themselves are compiled in and need none of this.
QString lessonsDir();

/// `relative` (a path under lessons/, like a lesson's client_script) inside lessonsDir();
/// empty when there is no lessons folder or no such file in it.
QString lessonFile(const QString &relative);

} // namespace mux
