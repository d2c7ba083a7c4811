#include "LessonsView.h"

#include <QEvent>
#include <QHeaderView>
#include <QStyledItemDelegate>

namespace gui {

namespace {

// Measures each row at the width the tree gives its column, so long titles take two lines.
class WrapDelegate : public QStyledItemDelegate {
public:
    explicit WrapDelegate(QTreeView *view) : QStyledItemDelegate(view), m_view(view) {}

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QStyleOptionViewItem opt = option;
        initStyleOption(&opt, index);
        int depth = 0;
        for (QModelIndex p = index.parent(); p.isValid(); p = p.parent())
            ++depth;
        const int width =
            std::max(80, m_view->viewport()->width() - m_view->indentation() * (depth + 1) - 8);
        const QRect r =
            opt.fontMetrics.boundingRect(QRect(0, 0, width, 10000), Qt::TextWordWrap, opt.text);
        return {width, r.height() + opt.fontMetrics.height() / 2};
    }

private:
    QTreeView *m_view;
};

} // namespace

LessonsView::LessonsView(QWidget *parent) : QTreeView(parent)
{
    setItemDelegate(new WrapDelegate(this));
    setWordWrap(true);
    setHeaderHidden(true);
    setUniformRowHeights(false);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    header()->setStretchLastSection(true);
}

void LessonsView::resizeEvent(QResizeEvent *e)
{
    QTreeView::resizeEvent(e);
    scheduleDelayedItemsLayout();
}

bool LessonsView::event(QEvent *e)
{
    if (e->type() == QEvent::FontChange)
        scheduleDelayedItemsLayout();
    return QTreeView::event(e);
}

} // namespace gui
