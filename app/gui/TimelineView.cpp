#include "TimelineView.h"

#include <QContextMenuEvent>
#include <QHelpEvent>
#include <QMenu>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

namespace gui {

namespace {

struct MarkStyle {
    int bit;
    const char *letter;
};
// One letter per kind of event: the strip must read at a glance on a projector.
constexpr MarkStyle kMarks[] = {
    {TimelineModel::Accept, "A"}, {TimelineModel::Recv, "R"},    {TimelineModel::Send, "S"},
    {TimelineModel::Close, "C"},  {TimelineModel::Timeout, "T"}, {TimelineModel::Failure, "!"},
};

} // namespace

TimelineView::TimelineView(QWidget *parent) : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setMouseTracking(true);
}

void TimelineView::setModel(TimelineModel *model)
{
    m_model = model;
    connect(model, &QAbstractItemModel::modelReset, this, qOverload<>(&QWidget::update));
    connect(model, &QAbstractItemModel::rowsInserted, this, qOverload<>(&QWidget::update));
    connect(model, &QAbstractItemModel::dataChanged, this, qOverload<>(&QWidget::update));
    update();
}

void TimelineView::setCursor(qsizetype index)
{
    m_cursor = index;
    update();
}

void TimelineView::setTheme(const Theme &theme)
{
    m_theme = theme;
    update();
}

qreal TimelineView::cellWidth() const
{
    return fontMetrics().height() * 2.3;
}

QSize TimelineView::sizeHint() const
{
    return {600, int(fontMetrics().height() * 3.9)};
}

QSize TimelineView::minimumSizeHint() const
{
    return {200, int(fontMetrics().height() * 3.9)};
}

int TimelineView::firstVisible() const
{
    const int total = m_model ? std::max(m_model->rowCount(), m_model->plannedTicks()) : 0;
    const int visible = std::max(1, int(width() / cellWidth()));
    if (total <= visible)
        return 0;
    // Keep the cursor in view, a few cells from the right edge so the next ticks show.
    const int first = int(m_cursor) - visible + 4;
    return std::clamp(first, 0, total - visible);
}

int TimelineView::cellAt(const QPoint &pos) const
{
    if (!m_model)
        return -1;
    const int i = firstVisible() + int(pos.x() / cellWidth());
    return i < m_model->rowCount() ? i : -1;
}

void TimelineView::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.fillRect(rect(), m_theme.background());
    if (!m_model)
        return;
    const qreal u = fontMetrics().height();
    const qreal cw = cellWidth();
    const int rows = m_model->rowCount();
    const int total = std::max(rows, m_model->plannedTicks());
    const int first = firstVisible();
    QFont small = font();
    small.setPointSizeF(font().pointSizeF() * 0.85);
    QFont bold = font();
    bold.setBold(true);
    for (int i = first; i < total && (i - first) * cw < width(); ++i) {
        const QRectF cell((i - first) * cw + 2, 2, cw - 4, height() - 4);
        const bool recorded = i < rows;
        const bool current = i == m_cursor;
        if (!recorded) {
            p.setPen(QPen(m_theme.mutedText(), 1, Qt::DashLine));
            p.setBrush(Qt::NoBrush);
            p.drawRoundedRect(cell, 4, 4);
            p.setFont(small);
            p.drawText(cell.adjusted(0, 2, 0, 0), Qt::AlignHCenter | Qt::AlignTop,
                       QString::number(i));
            continue;
        }
        const QModelIndex idx = m_model->index(i);
        const int marks = m_model->data(idx, TimelineModel::MarksRole).toInt();
        const bool future = m_cursor >= 0 && i > m_cursor;
        p.setPen(current ? QPen(m_theme.cursor(), 3) : QPen(m_theme.mutedText(), 1));
        p.setBrush(current ? m_theme.laneBackground(0) : m_theme.laneBackground(1));
        p.drawRoundedRect(cell, 4, 4);
        p.setFont(current ? bold : small);
        p.setPen(future ? m_theme.mutedText() : m_theme.text());
        p.drawText(cell.adjusted(0, 2, 0, 0), Qt::AlignHCenter | Qt::AlignTop,
                   QString::number(m_model->data(idx, TimelineModel::TickRole).toUInt()));
        // Marks: up to three letters side by side under the number.
        QStringList letters;
        for (const MarkStyle &m : kMarks)
            if (marks & m.bit)
                letters << QLatin1String(m.letter);
        if (marks & TimelineModel::Setup)
            letters << QStringLiteral("L");
        p.setFont(small);
        p.setPen(future ? m_theme.mutedText() : m_theme.text());
        const QString text = letters.mid(0, 3).join(QString());
        p.drawText(QRectF(cell.left(), cell.top() + u * 1.1, cell.width(), u), Qt::AlignHCenter,
                   text);
        if (letters.size() > 3)
            p.drawText(QRectF(cell.left(), cell.top() + u * 1.9, cell.width(), u), Qt::AlignHCenter,
                       letters.mid(3).join(QString()));
        if (m_model->data(idx, TimelineModel::QuestionRole).toBool()) {
            p.setPen(m_theme.readyMark());
            p.setFont(bold);
            p.drawText(cell.adjusted(0, 0, -3, -1), Qt::AlignRight | Qt::AlignBottom,
                       QStringLiteral("?"));
        } else if (m_model->data(idx, TimelineModel::NarratedRole).toBool()) {
            p.setPen(Qt::NoPen);
            p.setBrush(m_theme.cursor());
            p.drawEllipse(QPointF(cell.right() - u * 0.35, cell.bottom() - u * 0.35), u * 0.15,
                          u * 0.15);
        }
    }
}

void TimelineView::mousePressEvent(QMouseEvent *e)
{
    if (e->button() != Qt::LeftButton)
        return;
    const int i = cellAt(e->position().toPoint());
    if (i >= 0)
        emit tickClicked(i);
}

void TimelineView::contextMenuEvent(QContextMenuEvent *e)
{
    const int i = cellAt(e->pos());
    if (i < 0)
        return;
    QMenu menu(this);
    menu.addAction(tr("Show tick %1").arg(i), this, [this, i] { emit tickClicked(i); });
    menu.addAction(tr("Restart and replay to tick %1").arg(i), this,
                   [this, i] { emit replayRequested(i); });
    menu.exec(e->globalPos());
}

bool TimelineView::event(QEvent *e)
{
    if (e->type() == QEvent::ToolTip && m_model) {
        const auto *he = static_cast<QHelpEvent *>(e);
        const int i = cellAt(he->pos());
        if (i >= 0) {
            QString tip = m_model->data(m_model->index(i), Qt::ToolTipRole).toString();
            tip += QLatin1Char('\n') +
                   tr("A accept · R recv · S send · C close · T timeout · ? question");
            QToolTip::showText(he->globalPos(), tip, this);
        } else {
            QToolTip::hideText();
        }
        return true;
    }
    return QWidget::event(e);
}

} // namespace gui
