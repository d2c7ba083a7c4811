#pragma once

#include "TickView.h"

#include <QFont>
#include <QFontDatabase>
#include <QList>
#include <QString>

namespace gui::tickstyle {

/// How the tick view's text and legend look: shared by its layout (TickView.cpp) and its
/// painting (TickViewPaint.cpp), so both measure what the other draws.

/// A chip's corner badge (✓ + − ~ ✗) takes this many units of its label's line.
inline constexpr qreal kBadgeWidth = 0.9;

inline QFont scaled(QFont f, qreal factor, bool bold = false)
{
    f.setPointSizeF(f.pointSizeF() * factor);
    f.setBold(bold);
    return f;
}

inline QFont monoLike(const QFont &base)
{
    QFont f = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    f.setPointSizeF(base.pointSizeF());
    return f;
}

/// The legend's items: how to read a chip.
struct LegendItem {
    QString text;
    QString badge;
    int style; ///< 0 passed in, 1 ready, 2 appended, 3 removed
};

inline QList<LegendItem> legendItems()
{
    return {{TickView::tr("passed in"), {}, 0},
            {TickView::tr("came back ready"), {}, 1},
            {TickView::tr("appended for the next call"), QStringLiteral("+"), 2},
            {TickView::tr("removed"), QStringLiteral("−"), 3}};
}

} // namespace gui::tickstyle
