#pragma once

#include <QStyledItemDelegate>

namespace gui {

/// Draws a call in strace form so that what it returned always shows: when the line is too
/// wide, the quoted data is shortened first (`send(5, "aaaa…") = 65536`), and only then the
/// arguments; the ` = N` part is never cut.
class CallDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    /// `text` as it fits in `width` pixels of `fm`, its return value whole.
    static QString fit(const QString &text, const QFontMetrics &fm, int width);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
};

} // namespace gui
