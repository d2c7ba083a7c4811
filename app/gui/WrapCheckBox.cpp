#include "WrapCheckBox.h"

#include <QStyleOptionButton>
#include <QStylePainter>

namespace gui {

QSize WrapCheckBox::indicatorSize() const
{
    QStyleOptionButton opt;
    initStyleOption(&opt);
    return {style()->pixelMetric(QStyle::PM_IndicatorWidth, &opt, this),
            style()->pixelMetric(QStyle::PM_IndicatorHeight, &opt, this)};
}

int WrapCheckBox::textLeft() const
{
    QStyleOptionButton opt;
    initStyleOption(&opt);
    return indicatorSize().width() +
           style()->pixelMetric(QStyle::PM_CheckBoxLabelSpacing, &opt, this) + 2;
}

int WrapCheckBox::heightForWidth(int width) const
{
    const int textW = std::max(1, width - textLeft() - 2);
    const QRect need =
        fontMetrics().boundingRect(QRect(0, 0, textW, 1 << 20), Qt::TextWordWrap, text());
    return std::max(indicatorSize().height(), need.height()) + 4;
}

QSize WrapCheckBox::sizeHint() const
{
    const int w = textLeft() + fontMetrics().horizontalAdvance(text()) + 4;
    return {w, heightForWidth(w)};
}

QSize WrapCheckBox::minimumSizeHint() const
{
    // About eight characters a line: the text wraps before the pane has to scroll sideways.
    const int w = textLeft() + fontMetrics().averageCharWidth() * 8 + 4;
    return {std::min(w, sizeHint().width()),
            std::max(indicatorSize().height(), fontMetrics().height()) + 4};
}

void WrapCheckBox::paintEvent(QPaintEvent *)
{
    QStylePainter p(this);
    QStyleOptionButton opt;
    initStyleOption(&opt);
    opt.text.clear();
    const QSize ind = indicatorSize();
    const int firstLine = fontMetrics().height();
    opt.rect = QRect(0, 2 + std::max(0, (firstLine - ind.height()) / 2), ind.width(), ind.height());
    p.drawPrimitive(QStyle::PE_IndicatorCheckBox, opt);
    const QRect textRect(textLeft(), 2, width() - textLeft() - 2, height() - 2);
    p.setPen(
        palette().color(isEnabled() ? QPalette::Active : QPalette::Disabled, QPalette::WindowText));
    p.drawText(textRect, Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop, text());
    if (hasFocus()) {
        QStyleOptionFocusRect focus;
        focus.initFrom(this);
        focus.rect = textRect.adjusted(-2, -1, 0, 0);
        p.drawPrimitive(QStyle::PE_FrameFocusRect, focus);
    }
}

} // namespace gui
