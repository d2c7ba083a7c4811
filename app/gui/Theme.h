#pragma once

#include "trace/TickRecord.h"

#include <QColor>
#include <QPalette>

namespace gui {

/// Colours of the playground: one hue per socket role (the tick view's chips, the sockets
/// table, the timeline), and the high-contrast variant for projectors, where pale tints wash
/// out — there everything is black, white and saturated.
struct Theme {
    bool highContrast = false;

    QColor role(mux::Role r) const;
    QColor background() const;
    QColor text() const;
    QColor mutedText() const;
    QColor laneBackground(int lane) const;
    QColor readyMark() const; ///< the tick's "came back ready"
    QColor removed() const;
    QColor appended() const;
    QColor cursor() const; ///< the current tick in the timeline and the log
    QColor right() const;
    QColor wrong() const;
    /// One hue per backend where they are compared side by side (the scaling chart).
    QColor backend(mux::Backend b) const;

    /// The application palette for this theme (Fusion style).
    QPalette palette() const;
};

} // namespace gui
