#include "TimelineAccessible.h"

#include "TimelineView.h"

#include <QPointer>
#include <QWindow>

namespace gui {

/// One recorded tick's cell of a TimelineView, read from its model when asked.
class TimelineCellAccessible : public QAccessibleInterface {
public:
    TimelineCellAccessible(TimelineView *view, int row) : m_view(view), m_row(row) {}

    bool isValid() const override
    {
        return m_view && m_view->m_model && m_row < m_view->m_model->rowCount();
    }
    QObject *object() const override { return nullptr; }
    QWindow *window() const override { return m_view ? m_view->window()->windowHandle() : nullptr; }
    QList<QPair<QAccessibleInterface *, QAccessible::Relation>>
    relations(QAccessible::Relation) const override
    {
        return {};
    }
    QAccessibleInterface *focusChild() const override { return nullptr; }
    QAccessibleInterface *childAt(int, int) const override { return nullptr; }
    QAccessibleInterface *parent() const override
    {
        return QAccessible::queryAccessibleInterface(m_view);
    }
    QAccessibleInterface *child(int) const override { return nullptr; }
    int childCount() const override { return 0; }
    int indexOfChild(const QAccessibleInterface *) const override { return -1; }

    QString text(QAccessible::Text t) const override
    {
        if (!isValid())
            return {};
        const QModelIndex i = m_view->m_model->index(m_row);
        if (t == QAccessible::Name)
            return i.data(Qt::DisplayRole).toString();
        if (t == QAccessible::Description)
            return i.data(Qt::ToolTipRole)
                .toString()
                .replace(QLatin1Char('\n'), QStringLiteral(", "));
        return {};
    }
    void setText(QAccessible::Text, const QString &) override {}

    QRect rect() const override
    {
        if (!isValid())
            return {};
        const int slot = m_row - m_view->firstVisible();
        const qreal cw = m_view->cellWidth();
        if (slot < 0 || (slot + 1) * cw > m_view->width())
            return {};
        const QRect local = QRectF(slot * cw, 0, cw, m_view->cellsHeight()).toAlignedRect();
        return QRect(m_view->mapToGlobal(local.topLeft()), local.size());
    }
    QAccessible::Role role() const override { return QAccessible::ListItem; }
    QAccessible::State state() const override
    {
        QAccessible::State s;
        s.invisible = !m_view || !m_view->isVisible() || rect().isEmpty();
        s.selectable = true;
        s.selected = m_view && m_view->m_cursor == m_row;
        return s;
    }

private:
    QPointer<TimelineView> m_view;
    int m_row;
};

TimelineAccessible::TimelineAccessible(TimelineView *view)
    : QAccessibleWidget(view, QAccessible::List)
{
}

TimelineView *TimelineAccessible::view() const
{
    return static_cast<TimelineView *>(widget());
}

int TimelineAccessible::tickCount() const
{
    return view()->m_model ? view()->m_model->rowCount() : 0;
}

int TimelineAccessible::childCount() const
{
    return tickCount() + QAccessibleWidget::childCount();
}

QAccessibleInterface *TimelineAccessible::child(int index) const
{
    if (index < 0)
        return nullptr;
    if (index >= tickCount())
        return QAccessibleWidget::child(index - tickCount()); // the slider
    if (const QAccessible::Id id = m_cells.value(index))
        return QAccessible::accessibleInterface(id);
    // The cache owns it; it reads the model, so it stays right as ticks are added.
    auto *iface = new TimelineCellAccessible(view(), index);
    m_cells.insert(index, QAccessible::registerAccessibleInterface(iface));
    return iface;
}

int TimelineAccessible::indexOfChild(const QAccessibleInterface *child) const
{
    for (auto it = m_cells.cbegin(); it != m_cells.cend(); ++it)
        if (QAccessible::accessibleInterface(it.value()) == child)
            return it.key() < tickCount() ? it.key() : -1;
    const int i = QAccessibleWidget::indexOfChild(child);
    return i < 0 ? -1 : tickCount() + i;
}

QAccessibleInterface *TimelineAccessible::factory(const QString &key, QObject *object)
{
    if (key == QLatin1String("gui::TimelineView") && object && object->isWidgetType())
        return new TimelineAccessible(static_cast<TimelineView *>(object));
    return nullptr;
}

} // namespace gui
