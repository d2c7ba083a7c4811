#pragma once

#include <QAccessibleWidget>
#include <QHash>

namespace gui {

class TimelineView;

/// What a screen reader finds in the timeline strip: one list item per recorded tick, named
/// "tick N" and described by what happened in it (the cell's tooltip), the cursor's tick
/// selected; then the slider.
class TimelineAccessible : public QAccessibleWidget {
public:
    explicit TimelineAccessible(TimelineView *view);

    int childCount() const override;
    QAccessibleInterface *child(int index) const override;
    int indexOfChild(const QAccessibleInterface *child) const override;

    /// Installed once as a QAccessible factory: answers for gui::TimelineView.
    static QAccessibleInterface *factory(const QString &key, QObject *object);

private:
    TimelineView *view() const;
    int tickCount() const;

    mutable QHash<int, QAccessible::Id> m_cells;
};

} // namespace gui
