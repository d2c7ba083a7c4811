#include "ScalingChart.h"

#include <QChart>
#include <QEvent>
#include <QGraphicsLayout>
#include <QLegend>
#include <QLineSeries>
#include <QLocale>
#include <QLogValueAxis>

#include <algorithm>
#include <cmath>

namespace gui {

namespace {

// The lesson's own counts span these decades; other counts widen the axis, never narrow it.
constexpr double kFewestSockets = 10;
constexpr double kMostSockets = 10000;
constexpr double kPad = 1.6; // room around the outermost points, as a factor on a log axis

double decadeBelow(double v)
{
    return std::pow(10.0, std::floor(std::log10(v)));
}
double decadeAbove(double v)
{
    return std::pow(10.0, std::ceil(std::log10(v)));
}

} // namespace

ScalingChart::ScalingChart(QWidget *parent)
    : QChartView(new QChart, parent), m_x(new QLogValueAxis), m_y(new QLogValueAxis)
{
    QChart *c = chart();
    // The pane is wide and short (a bottom tab): the legend goes above the plot, in one row,
    // and there is no chart title (the tab has one), so the decades get the height.
    c->legend()->setAlignment(Qt::AlignTop);
    c->setMargins(QMargins(4, 4, 4, 4));
    c->layout()->setContentsMargins(0, 0, 0, 0);
    c->setBackgroundRoundness(0);
    c->legend()->setMarkerShape(QLegend::MarkerShapeFromSeries);
    for (QLogValueAxis *axis : {m_x, m_y}) {
        axis->setBase(10);
        axis->setLabelFormat(QStringLiteral("%g"));
        axis->setMinorTickCount(8); // 2..9 between the decades: reading a value off stays possible
    }
    c->addAxis(m_x, Qt::AlignBottom);
    c->addAxis(m_y, Qt::AlignLeft);
    for (mux::Backend b : backends()) {
        auto *s = new QLineSeries; // the chart owns its series and axes
        s->setPointsVisible(true);
        c->addSeries(s);
        s->attachAxis(m_x);
        s->attachAxis(m_y);
        m_series.insert(b, s);
    }
    setRenderHint(QPainter::Antialiasing);
    fitAxes();
    applyFonts();
    setTheme(m_theme);
    retranslate();
}

QList<mux::Backend> ScalingChart::backends()
{
    return {mux::Backend::Select, mux::Backend::Poll, mux::Backend::Epoll};
}

QLineSeries *ScalingChart::series(mux::Backend b) const
{
    return m_series.value(b);
}

QList<mux::WaitCostSample> ScalingChart::refusals() const
{
    return m_refusals;
}

void ScalingChart::reset()
{
    m_trace = nullptr;
    m_read = 0;
    m_samples.clear();
    m_shown = -1;
    rebuild();
}

void ScalingChart::showTick(const mux::Trace *trace, qsizetype index)
{
    if (trace != m_trace || (trace && trace->size() < m_read)) {
        reset();
        m_trace = trace;
    }
    // The trace only grows during a run, so each tick is parsed once.
    for (; m_trace && m_read < m_trace->size(); ++m_read)
        for (const mux::Action &a : m_trace->at(m_read).actions)
            if (a.call == mux::Action::Call::Measure)
                if (auto s = mux::WaitCostSample::fromString(QString::fromUtf8(a.data)))
                    m_samples.append({m_read, *s});
    qsizetype shown = 0;
    while (shown < m_samples.size() && m_samples[shown].index <= index)
        ++shown;
    if (shown != m_shown) {
        m_shown = shown;
        rebuild();
    }
}

QList<mux::WaitCostSample> ScalingChart::latest(qsizetype count) const
{
    // A count measured again (a learner sends 100 twice) shows its newest figure: one point per
    // count keeps each line a function of the count.
    QMap<std::pair<mux::Backend, int>, mux::WaitCostSample> byKey;
    for (qsizetype i = 0; i < count; ++i)
        byKey.insert({m_samples[i].sample.backend, m_samples[i].sample.sockets},
                     m_samples[i].sample);
    return byKey.values();
}

void ScalingChart::rebuild()
{
    m_refusals.clear();
    QMap<mux::Backend, QList<QPointF>> points;
    for (const mux::WaitCostSample &s : latest(std::max<qsizetype>(0, m_shown))) {
        if (!s.measured())
            m_refusals.append(s);
        else if (s.medianNs > 0) // a log axis has no place for 0; no real call takes 0 ns
            points[s.backend].append({double(s.sockets), double(s.medianNs) / 1000.0});
    }
    for (auto it = m_series.begin(); it != m_series.end(); ++it)
        it.value()->replace(points.value(it.key())); // byKey sorted them by count
    fitAxes();
    retranslate();
}

void ScalingChart::fitAxes()
{
    double xMin = kFewestSockets, xMax = kMostSockets, yMin = 0, yMax = 0;
    for (const QLineSeries *s : m_series)
        for (const QPointF &p : s->points()) {
            xMin = std::min(xMin, p.x());
            xMax = std::max(xMax, p.x());
            yMin = yMin > 0 ? std::min(yMin, p.y()) : p.y();
            yMax = std::max(yMax, p.y());
        }
    // A log axis labels only its decades: each range reaches past the outermost points (so no
    // marker is cut by the frame) and spans a decade at least (so there are labels to read).
    m_x->setRange(xMin / kPad, xMax * kPad);
    if (yMax <= 0) // nothing measured yet: a plausible frame, no data in it
        m_y->setRange(0.1, 100);
    else
        m_y->setRange(std::min(yMin / kPad, decadeBelow(yMin)),
                      std::max(yMax * kPad, decadeAbove(yMax)));
}

void ScalingChart::retranslate()
{
    m_x->setTitleText(tr("Sockets watched, none ready (both axes in powers of ten)"));
    m_y->setTitleText(tr("Median µs per call"));
    QStringList why;
    for (mux::Backend b : backends()) {
        QStringList refused;
        for (const mux::WaitCostSample &s : std::as_const(m_refusals))
            if (s.backend == b) {
                refused.append(QLocale().toString(s.sockets));
                why.append(s.toString());
            }
        const QString name = mux::backendName(b);
        m_series.value(b)->setName(
            refused.isEmpty()
                ? name
                : tr("%1: refused at %2 sockets").arg(name, refused.join(QStringLiteral(", "))));
    }
    setToolTip(why.join(QLatin1Char('\n')));
}

void ScalingChart::setTheme(const Theme &theme)
{
    m_theme = theme;
    QChart *c = chart();
    setBackgroundBrush(theme.background());
    c->setBackgroundBrush(theme.background());
    c->legend()->setLabelColor(theme.text());
    const QColor grid = theme.highContrast ? QColor(0x55, 0x55, 0x55) : QColor(0xd0, 0xd5, 0xdd);
    const QColor minor = theme.highContrast ? QColor(0x2a, 0x2a, 0x2a) : QColor(0xec, 0xee, 0xf2);
    for (QLogValueAxis *axis : {m_x, m_y}) {
        axis->setLabelsColor(theme.text());
        axis->setTitleBrush(theme.mutedText());
        axis->setLinePenColor(theme.mutedText());
        axis->setGridLineColor(grid);
        axis->setMinorGridLineColor(minor);
    }
    applyFonts();
}

void ScalingChart::applyFonts()
{
    // The chart keeps the fonts it was given; it follows the zoom and presenter mode only
    // through the widget's font, which the application font sets.
    const QFont f = font();
    chart()->legend()->setFont(f);
    for (QLogValueAxis *axis : {m_x, m_y}) {
        axis->setLabelsFont(f);
        axis->setTitleFont(f);
    }
    const qreal unit = QFontMetricsF(f).height();
    for (auto it = m_series.begin(); it != m_series.end(); ++it) {
        QPen pen(m_theme.backend(it.key()));
        pen.setWidthF(std::max(2.0, unit / (m_theme.highContrast ? 6 : 8)));
        it.value()->setPen(pen);
        // select and poll cost about the same up to 1000 sockets: select's larger marker stays
        // visible as a ring around poll's, drawn after it.
        it.value()->setMarkerSize(unit * (it.key() == mux::Backend::Select ? 0.8 : 0.5));
    }
}

void ScalingChart::changeEvent(QEvent *e)
{
    if (e->type() == QEvent::FontChange)
        applyFonts();
    QChartView::changeEvent(e);
}

} // namespace gui
