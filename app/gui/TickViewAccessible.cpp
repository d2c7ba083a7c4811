#include "TickViewAccessible.h"

#include "TickView.h"

#include <QPointer>
#include <QWindow>

namespace gui {

/// One lane (chip < 0) or one chip of a TickView, read from its layout when asked.
class TickItemAccessible : public QAccessibleInterface {
public:
    TickItemAccessible(TickView *view, int lane, int chip)
        : m_view(view), m_lane(lane), m_chip(chip)
    {
    }

    bool isValid() const override
    {
        if (!m_view || m_lane >= m_view->m_layout.lanes.size())
            return false;
        return m_chip < m_view->m_layout.lanes[m_lane].chipCount;
    }
    QObject *object() const override { return nullptr; }
    QWindow *window() const override { return m_view ? m_view->window()->windowHandle() : nullptr; }
    QList<QPair<QAccessibleInterface *, QAccessible::Relation>>
    relations(QAccessible::Relation) const override
    {
        return {};
    }
    QAccessibleInterface *focusChild() const override { return nullptr; }

    QAccessibleInterface *childAt(int x, int y) const override
    {
        for (int i = 0; i < childCount(); ++i)
            if (QAccessibleInterface *c = child(i); c && c->rect().contains(x, y))
                return c;
        return nullptr;
    }
    QAccessibleInterface *parent() const override
    {
        auto *view =
            static_cast<TickViewAccessible *>(QAccessible::queryAccessibleInterface(m_view));
        return m_chip < 0 ? view : view->item(m_lane, -1);
    }
    QAccessibleInterface *child(int index) const override
    {
        if (m_chip >= 0 || index < 0 || index >= childCount())
            return nullptr;
        return static_cast<TickViewAccessible *>(QAccessible::queryAccessibleInterface(m_view))
            ->item(m_lane, index);
    }
    int childCount() const override
    {
        return m_chip < 0 && isValid() ? m_view->m_layout.lanes[m_lane].chipCount : 0;
    }
    int indexOfChild(const QAccessibleInterface *child) const override
    {
        const auto *c = dynamic_cast<const TickItemAccessible *>(child);
        return c && m_chip < 0 && c->m_view == m_view && c->m_lane == m_lane ? c->m_chip : -1;
    }

    QString text(QAccessible::Text t) const override
    {
        if (!isValid())
            return {};
        const TickView::LaneBox &lane = m_view->m_layout.lanes[m_lane];
        if (m_chip < 0) {
            if (t == QAccessible::Name)
                return lane.title;
            if (t == QAccessible::Description)
                return lane.subtitle + QStringLiteral(", ") + lane.counts;
            return {};
        }
        const TickView::Chip &c = m_view->m_layout.chips[lane.firstChip + m_chip];
        if (t == QAccessible::Name)
            return c.fullLabel.isEmpty() ? c.label : c.fullLabel;
        if (t != QAccessible::Description)
            return {};
        // The legend's words for how the chip is drawn, then the chip's own texts.
        QStringList said;
        if (c.kind == TickViewModel::ChipKind::Socket) {
            if (c.passedIn)
                said << TickView::tr("passed in");
            if (c.ready)
                said << TickView::tr("came back ready");
            if (c.change == TickViewModel::Change::Appended)
                said << TickView::tr("appended for the next call");
            if (c.change == TickViewModel::Change::Removed)
                said << TickView::tr("removed");
        }
        for (const QString &text : {c.events, c.reason, c.waiting})
            if (!text.isEmpty())
                said << text;
        return said.join(QStringLiteral(", "));
    }
    void setText(QAccessible::Text, const QString &) override {}

    QRect rect() const override
    {
        if (!isValid())
            return {};
        const TickView::LaneBox &lane = m_view->m_layout.lanes[m_lane];
        const QRectF r =
            m_chip < 0 ? lane.rect : m_view->m_layout.chips[lane.firstChip + m_chip].rect;
        const qreal s = m_view->m_scale;
        const QRect local = QRectF(r.topLeft() * s, r.size() * s).toAlignedRect();
        return QRect(m_view->mapToGlobal(local.topLeft()), local.size());
    }
    QAccessible::Role role() const override
    {
        return m_chip < 0 ? QAccessible::List : QAccessible::ListItem;
    }
    QAccessible::State state() const override
    {
        QAccessible::State s;
        s.invisible = !m_view || !m_view->isVisible();
        s.readOnly = true;
        return s;
    }

private:
    QPointer<TickView> m_view;
    int m_lane, m_chip;
};

TickViewAccessible::TickViewAccessible(TickView *view) : QAccessibleWidget(view, QAccessible::Pane)
{
}

TickView *TickViewAccessible::view() const
{
    return static_cast<TickView *>(widget());
}

int TickViewAccessible::laneCount() const
{
    return int(view()->m_layout.lanes.size());
}

QAccessibleInterface *TickViewAccessible::item(int lane, int chip) const
{
    const QPair<int, int> key(lane, chip);
    if (const QAccessible::Id id = m_items.value(key))
        return QAccessible::accessibleInterface(id);
    // The cache owns it: it outlives any one tick and reads whatever the layout holds.
    auto *iface = new TickItemAccessible(view(), lane, chip);
    m_items.insert(key, QAccessible::registerAccessibleInterface(iface));
    return iface;
}

int TickViewAccessible::childCount() const
{
    return laneCount() + QAccessibleWidget::childCount();
}

QAccessibleInterface *TickViewAccessible::child(int index) const
{
    if (index < 0)
        return nullptr;
    if (index < laneCount())
        return item(index, -1);
    return QAccessibleWidget::child(index - laneCount()); // the fold buttons
}

int TickViewAccessible::indexOfChild(const QAccessibleInterface *child) const
{
    if (dynamic_cast<const TickItemAccessible *>(child)) {
        for (int i = 0; i < laneCount(); ++i)
            if (item(i, -1) == child)
                return i;
        return -1;
    }
    const int i = QAccessibleWidget::indexOfChild(child);
    return i < 0 ? -1 : laneCount() + i;
}

QString TickViewAccessible::text(QAccessible::Text t) const
{
    const QString own = QAccessibleWidget::text(t);
    if (!own.isEmpty())
        return own;
    const TickView *v = view();
    if (t == QAccessible::Name)
        return v->m_tickTitle;
    if (t == QAccessible::Description) {
        QStringList said{v->m_call + v->m_returned};
        if (!v->m_outcome.isEmpty())
            said << v->m_outcome;
        return said.join(QStringLiteral(" "));
    }
    return own;
}

QAccessibleInterface *TickViewAccessible::factory(const QString &key, QObject *object)
{
    if (key == QLatin1String("gui::TickView") && object && object->isWidgetType())
        return new TickViewAccessible(static_cast<TickView *>(object));
    return nullptr;
}

} // namespace gui
