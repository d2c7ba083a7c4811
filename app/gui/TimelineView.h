#pragma once

#include "Theme.h"
#include "TimelineModel.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QSlider;

namespace gui {

/// The timeline strip: one cell per tick with a mark for what happened (A accept, R recv,
/// S send, C close, T timeout), the cursor's tick outlined, the lesson's unrecorded ticks
/// dashed. Click a tick to show it; the context menu offers "replay to here".
///
/// Under the cells, a slider over every recorded tick scrubs through the history: it follows
/// the cursor and asks for the tick it is dragged to (it never makes new ticks). With the strip
/// or the slider focused, Left/Right move one tick and Home/End go to the first and newest.
class TimelineView : public QWidget {
    Q_OBJECT
public:
    explicit TimelineView(QWidget *parent = nullptr);

    void setModel(TimelineModel *model);
    TimelineModel *model() const { return m_model; }
    void setCursor(qsizetype index);
    void setTheme(const Theme &theme);
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    void tickClicked(qsizetype index);
    void replayRequested(qsizetype index);

protected:
    void paintEvent(QPaintEvent *) override;
    void mousePressEvent(QMouseEvent *e) override;
    void keyPressEvent(QKeyEvent *e) override;
    void resizeEvent(QResizeEvent *e) override;
    void changeEvent(QEvent *e) override;
    void contextMenuEvent(QContextMenuEvent *e) override;
    bool event(QEvent *e) override;

private:
    friend class TimelineCellAccessible; // reads the cells for screen readers
    friend class TimelineAccessible;
    qreal cellWidth() const;
    int firstVisible() const;
    int cellAt(const QPoint &pos) const;
    /// Height of the strip of cells; the slider sits below it.
    qreal cellsHeight() const;
    int recordedTicks() const;
    void syncSlider();
    void retranslate();

    QPointer<TimelineModel> m_model;
    qsizetype m_cursor = -1;
    Theme m_theme;
    QSlider *m_slider = nullptr;
    QLabel *m_dropped = nullptr; ///< says older ticks were dropped (full speed)
    void syncDropped();
};

} // namespace gui
