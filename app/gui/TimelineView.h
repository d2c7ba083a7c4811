#pragma once

#include "Theme.h"
#include "TimelineModel.h"

#include <QPointer>
#include <QWidget>

namespace gui {

/// The timeline strip: one cell per tick with a mark for what happened (A accept, R recv,
/// S send, C close, T timeout), the cursor's tick outlined, the lesson's unrecorded ticks
/// dashed. Click a tick to show it; the context menu offers "replay to here".
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
    void contextMenuEvent(QContextMenuEvent *e) override;
    bool event(QEvent *e) override;

private:
    qreal cellWidth() const;
    int firstVisible() const;
    int cellAt(const QPoint &pos) const;

    QPointer<TimelineModel> m_model;
    qsizetype m_cursor = -1;
    Theme m_theme;
};

} // namespace gui
