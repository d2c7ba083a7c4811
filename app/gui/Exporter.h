#pragma once

#include "net/Result.h"

#include <QString>

namespace gui {

class TickView;

/// Writes the tick view to files: PNG for slides, SVG (Qt SVG's QSvgGenerator) for print.
/// Both draw the whole tick, also the part scrolled out of sight. Failures come back as one
/// sentence for the window.
namespace Exporter {
mux::Result<void> png(const TickView &view, const QString &path);
mux::Result<void> svg(const TickView &view, const QString &path, const QString &title);
} // namespace Exporter

} // namespace gui
