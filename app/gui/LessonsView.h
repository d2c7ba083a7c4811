#pragma once

#include <QTreeView>

namespace gui {

/// The lesson navigator's tree. Lesson titles are sentences; they wrap to the pane's width
/// instead of being cut off, and re-wrap when the pane is resized or zoomed.
class LessonsView : public QTreeView {
    Q_OBJECT
public:
    explicit LessonsView(QWidget *parent = nullptr);

protected:
    void resizeEvent(QResizeEvent *e) override;
    bool event(QEvent *e) override;
};

} // namespace gui
