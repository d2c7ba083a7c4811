#pragma once

#include "Theme.h"
#include "mux/WaitCost.h"
#include "trace/Trace.h"

#include <QChartView>
#include <QMap>

class QLineSeries;
class QLogValueAxis;

namespace gui {

/// The `scaling` lesson's figures as they were measured: one line per backend, the median µs
/// of one zero-timeout call against the number of idle sockets it watched, both axes in
/// decades. It reads the measure actions of the trace (mux::WaitCostSample::fromString), so it
/// shows exactly what the server wrote, and like every pane it shows the tick under the
/// cursor: the points measured up to that tick, none after. A refused count gets no point; the
/// legend says so and the tooltip says why.
class ScalingChart : public QChartView {
    Q_OBJECT
public:
    explicit ScalingChart(QWidget *parent = nullptr);

    /// Shows what ticks 0..index of `trace` measured (nothing for a null trace or index -1).
    /// Reading is incremental: each recorded tick is parsed once until reset().
    void showTick(const mux::Trace *trace, qsizetype index);
    /// A new run or trace: forgets what was read.
    void reset();
    void setTheme(const Theme &theme);
    void retranslate();

    /// The backends the lesson measures, in the legend's order.
    static QList<mux::Backend> backends();
    QLineSeries *series(mux::Backend b) const;
    /// Samples not measured at the cursor's tick (refused, or skipped for the fd limit).
    QList<mux::WaitCostSample> refusals() const;

protected:
    void changeEvent(QEvent *e) override;

private:
    struct Measured {
        qsizetype index; ///< the tick's index in the trace
        mux::WaitCostSample sample;
    };
    /// The latest sample per (backend, sockets) among the first `count` read.
    QList<mux::WaitCostSample> latest(qsizetype count) const;
    void rebuild();
    void applyFonts();
    void fitAxes();

    const mux::Trace *m_trace = nullptr;
    qsizetype m_read = 0;      ///< ticks of m_trace already parsed
    QList<Measured> m_samples; ///< in tick order
    qsizetype m_shown = -1;    ///< how many of m_samples the chart shows
    QList<mux::WaitCostSample> m_refusals;
    QMap<mux::Backend, QLineSeries *> m_series;
    QLogValueAxis *m_x;
    QLogValueAxis *m_y;
    Theme m_theme;
};

} // namespace gui
