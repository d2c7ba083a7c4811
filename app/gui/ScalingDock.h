#pragma once

#include "DockPane.h"

class QMainWindow;

namespace gui {

class ScalingChart;
class Session;

/// The `scaling` lesson's chart as a bottom tab, there only while a lesson run by the scaling
/// program is open (any other lesson measures nothing to plot). The chart shows what was
/// measured up to the cursor's tick; both follow the Session themselves.
class ScalingDock : public DockPane {
    Q_OBJECT
public:
    ScalingDock(Session *session, QMainWindow *window);

    ScalingChart *chart() const { return m_chart; }
    /// The chart is what its lesson is about: about half the window's height.
    void giveRoom(bool presenter);

private:
    void onReset();

    Session *m_session;
    QMainWindow *m_window;
    ScalingChart *m_chart;
    bool m_open = false; ///< the open lesson is run by the scaling program
};

} // namespace gui
