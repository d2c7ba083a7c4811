#include "CallDelegate.h"

#include <QApplication>
#include <QPainter>
#include <QRegularExpression>

namespace gui {

namespace {

/// Where the return value starts: the last " = " outside quotes (-1: none).
qsizetype resultStart(const QString &text)
{
    qsizetype at = -1;
    bool quoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c == QLatin1Char('\\') && quoted) {
            ++i;
            continue;
        }
        if (c == QLatin1Char('"'))
            quoted = !quoted;
        else if (!quoted && text.mid(i, 3) == QLatin1String(" = "))
            at = i;
    }
    return at;
}

} // namespace

QString CallDelegate::fit(const QString &text, const QFontMetrics &fm, int width)
{
    if (fm.horizontalAdvance(text) <= width)
        return text;
    const QString ellipsis = QStringLiteral("…");
    // Shorten the longest quoted data first, one character at a time from its end.
    static const QRegularExpression quote(QStringLiteral(R"("(?:[^"\\]|\\.)*")"));
    QString out = text;
    for (;;) {
        qsizetype best = -1, bestLen = 0;
        for (auto it = quote.globalMatch(out); it.hasNext();) {
            const QRegularExpressionMatch m = it.next();
            // The interior, without a trailing ellipsis already put there.
            qsizetype len = m.capturedLength() - 2;
            if (m.captured().endsWith(ellipsis + QLatin1Char('"')))
                --len;
            if (len > bestLen) {
                best = m.capturedStart();
                bestLen = len;
            }
        }
        if (best < 0 || bestLen <= 1)
            break;
        // Drop the last character of the interior; keep one ellipsis before the closing quote.
        const qsizetype interiorEnd = best + 1 + bestLen; // index just past the kept interior
        const bool hadEllipsis = out.mid(interiorEnd, 1) == ellipsis;
        out.remove(interiorEnd - 1, 1);
        if (!hadEllipsis)
            out.insert(interiorEnd - 1, ellipsis);
        if (fm.horizontalAdvance(out) <= width)
            return out;
    }
    // Still too wide: cut the arguments, never the return value.
    const qsizetype r = resultStart(out);
    if (r < 0)
        return fm.elidedText(out, Qt::ElideRight, width);
    const QString result = out.mid(r);
    const int room = std::max(0, width - fm.horizontalAdvance(result));
    return fm.elidedText(out.left(r), Qt::ElideRight, room) + result;
}

void CallDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                         const QModelIndex &index) const
{
    QStyleOptionViewItem opt(option);
    initStyleOption(&opt, index);
    const QWidget *widget = opt.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    const int margin = style->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, widget) + 1;
    opt.text = fit(opt.text, QFontMetrics(opt.font), opt.rect.width() - 2 * margin);
    opt.textElideMode = Qt::ElideNone;
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);
}

} // namespace gui
