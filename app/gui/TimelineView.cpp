#include "TimelineView.h"

#include "TimelineAccessible.h"

#include <QAccessible>
#include <QContextMenuEvent>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QLabel>
#include <QMenu>
#include <QMouseEvent>
#include <QPainter>
#include <QSignalBlocker>
#include <QSlider>
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
    static const bool accessible = [] {
        QAccessible::installFactory(&TimelineAccessible::factory);
        return true;
    }();
    Q_UNUSED(accessible);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    m_slider = new QSlider(Qt::Horizontal, this);
    m_slider->setObjectName(QStringLiteral("timelineSlider"));
    m_slider->setFocusPolicy(Qt::StrongFocus);
    m_slider->setRange(0, 0);
    m_slider->setPageStep(10);
    // Every value the slider passes while dragged is a tick worth seeing: track them all.
    connect(m_slider, &QSlider::valueChanged, this, [this](int v) {
        if (v != m_cursor)
            emit tickClicked(v);
    });
    // Beside the slider when a program at full speed dropped its oldest ticks.
    m_dropped = new QLabel(this);
    m_dropped->setObjectName(QStringLiteral("timelineDropped"));
    m_dropped->hide();
    retranslate();
}

void TimelineView::retranslate()
{
    const QString tip = tr("Drag to show any recorded tick. ←/→ move one tick, Home/End go to "
                           "the first and the newest.");
    m_slider->setToolTip(tip);
    m_slider->setAccessibleName(tr("Tick in the history"));
    m_slider->setAccessibleDescription(tip);
    setAccessibleName(tr("Timeline"));
    syncDropped();
}

void TimelineView::syncDropped()
{
    const int first = m_model ? m_model->firstKept() : 0;
    if (first > 0) {
        m_dropped->setText(tr("ticks before %1 dropped").arg(first));
        m_dropped->setToolTip(TimelineModel::droppedNote(first));
    }
    if (m_dropped->isVisible() != (first > 0)) {
        m_dropped->setVisible(first > 0);
        resizeEvent(nullptr);
    } else if (first > 0) {
        resizeEvent(nullptr);
    }
}

void TimelineView::changeEvent(QEvent *e)
{
    if (e->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(e);
}

int TimelineView::recordedTicks() const
{
    return m_model ? m_model->rowCount() : 0;
}

void TimelineView::syncSlider()
{
    // The slider shows the cursor; only the user's moves ask for a tick.
    const QSignalBlocker block(m_slider);
    const int first = m_model ? m_model->firstKept() : 0;
    m_slider->setRange(first, std::max(first, recordedTicks() - 1));
    m_slider->setValue(int(std::max<qsizetype>(m_cursor, 0)));
    m_slider->setEnabled(recordedTicks() > 1);
}

qreal TimelineView::cellsHeight() const
{
    return height() - m_slider->sizeHint().height();
}

void TimelineView::resizeEvent(QResizeEvent *)
{
    const int h = m_slider->sizeHint().height();
    const int note = m_dropped && !m_dropped->isHidden() ? m_dropped->sizeHint().width() + 8 : 0;
    if (note)
        m_dropped->setGeometry(4, height() - h, note - 8, h);
    m_slider->setGeometry(4 + note, height() - h, width() - 8 - note, h);
}

void TimelineView::keyPressEvent(QKeyEvent *e)
{
    const int last = recordedTicks() - 1;
    if (last < 0)
        return QWidget::keyPressEvent(e);
    const int at = int(std::max<qsizetype>(m_cursor, 0));
    int to = -1;
    switch (e->key()) {
    case Qt::Key_Left:
        to = std::max(at - 1, m_model->firstKept());
        break;
    case Qt::Key_Right:
        to = std::min(at + 1, last);
        break;
    case Qt::Key_Home:
        to = m_model->firstKept();
        break;
    case Qt::Key_End:
        to = last;
        break;
    default:
        return QWidget::keyPressEvent(e);
    }
    if (to != m_cursor)
        emit tickClicked(to);
    e->accept();
}

void TimelineView::setModel(TimelineModel *model)
{
    m_model = model;
    connect(model, &QAbstractItemModel::modelReset, this, qOverload<>(&QWidget::update));
    connect(model, &QAbstractItemModel::rowsInserted, this, qOverload<>(&QWidget::update));
    connect(model, &QAbstractItemModel::dataChanged, this, qOverload<>(&QWidget::update));
    connect(model, &QAbstractItemModel::modelReset, this, &TimelineView::syncSlider);
    connect(model, &QAbstractItemModel::rowsInserted, this, &TimelineView::syncSlider);
    connect(model, &QAbstractItemModel::modelReset, this, &TimelineView::syncDropped);
    connect(model, &TimelineModel::droppedChanged, this, &TimelineView::syncDropped);
    syncSlider();
    syncDropped();
    update();
}

void TimelineView::setCursor(qsizetype index)
{
    m_cursor = index;
    syncSlider();
    update();
}

void TimelineView::setTheme(const Theme &theme)
{
    m_theme = theme;
    update();
}

qreal TimelineView::cellWidth() const
{
    // Wide enough for the longest number shown, in the current cell's bold: a program at full
    // speed reaches seven digits, and a number cut to its middle digits reads as another tick.
    const int rows = m_model ? m_model->rowCount() : 0;
    const int total = m_model ? std::max(rows, m_model->plannedTicks()) : 0;
    uint widest = total > 0 ? uint(total - 1) : 0;
    if (rows > 0)
        widest = std::max(
            widest, m_model->data(m_model->index(rows - 1), TimelineModel::TickRole).toUInt());
    QFont bold = font();
    bold.setBold(true);
    const qreal number = QFontMetricsF(bold).horizontalAdvance(QString::number(widest)) + 10;
    return std::max(fontMetrics().height() * 2.3, number);
}

QSize TimelineView::sizeHint() const
{
    return {600, int(fontMetrics().height() * 3.9) + m_slider->sizeHint().height()};
}

QSize TimelineView::minimumSizeHint() const
{
    return {200, int(fontMetrics().height() * 3.9) + m_slider->sizeHint().height()};
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
    if (pos.y() >= cellsHeight())
        return -1;
    const int i = firstVisible() + int(pos.x() / cellWidth());
    return i < m_model->rowCount() ? i : -1;
}

void TimelineView::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.fillRect(rect(), m_theme.background());
    if (hasFocus()) {
        // Keyboard focus is on the strip: ←/→ move the cursor.
        p.setPen(QPen(m_theme.cursor(), 1, Qt::DotLine));
        p.setBrush(Qt::NoBrush);
        p.drawRect(QRectF(0.5, 0.5, width() - 1, cellsHeight() - 1));
    }
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
        const QRectF cell((i - first) * cw + 2, 2, cw - 4, cellsHeight() - 4);
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
