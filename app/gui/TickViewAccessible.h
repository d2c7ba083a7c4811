#pragma once

#include <QAccessibleWidget>
#include <QHash>
#include <QPair>

namespace gui {

class TickView;

/// What a screen reader finds in the tick view: each lane (rlist, wlist, xlist, the pollfd
/// array, the interest and ready lists) as a list, and each chip in it as a list item named by
/// the chip's label and described with the chip's own texts — "passed in, came back ready",
/// its events, why it is or is not ready, bytes waiting. The chips are painted, not widgets:
/// these interfaces read the view's current layout, so they follow it tick after tick.
class TickViewAccessible : public QAccessibleWidget {
public:
    explicit TickViewAccessible(TickView *view);

    int childCount() const override;
    QAccessibleInterface *child(int index) const override;
    int indexOfChild(const QAccessibleInterface *child) const override;
    QString text(QAccessible::Text t) const override;

    /// The lane at `lane`'s row, or its `chip`-th chip; owned by the accessibility cache.
    QAccessibleInterface *item(int lane, int chip) const;

    /// Installed once as a QAccessible factory: answers for gui::TickView.
    static QAccessibleInterface *factory(const QString &key, QObject *object);

private:
    TickView *view() const;
    int laneCount() const;

    mutable QHash<QPair<int, int>, QAccessible::Id> m_items;
};

} // namespace gui
