// TickView's painting: the lanes, the chips and the legend, drawn from the layout that
// TickView.cpp computes.
#include "TickView.h"

#include "ChipLabel.h"
#include "TickViewStyle.h"

#include <QPaintEvent>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace gui {

using namespace tickstyle;

namespace {

qreal clamp01(qreal v)
{
    return std::clamp(v, 0.0, 1.0);
}

} // namespace

void TickView::paintEvent(QPaintEvent *e)
{
    QPainter p(this);
    p.scale(m_scale, m_scale);
    // In a scroll area only a screenful is exposed: skip the chips outside it.
    const QRectF exposed(QPointF(e->rect().topLeft()) / m_scale,
                         QSizeF(e->rect().size()) / m_scale);
    paint(p, m_layout, QRectF(QPointF(0, 0), QSizeF(size()) / m_scale), m_phase, exposed);
}

void TickView::render(QPainter &painter, const QSize &size) const
{
    const Layout l = layout(size.width());
    paint(painter, l,
          QRectF(QPointF(0, 0), QSizeF(size.width(), std::max<qreal>(size.height(), l.height))),
          1.0);
}

void TickView::paint(QPainter &p, const Layout &l, const QRectF &area, qreal phase,
                     const QRectF &exposed) const
{
    auto visible = [&](const QRectF &r) {
        return exposed.isNull() || exposed.intersects(r.adjusted(-6, -6, 6, 6));
    };
    p.setRenderHint(QPainter::Antialiasing);
    p.setRenderHint(QPainter::TextAntialiasing);
    p.fillRect(area, m_theme.background());
    const QFontMetricsF fm(font());
    const qreal u = fm.height();
    const qreal margin = u * 0.6;

    if (m_tickTitle.isEmpty()) {
        p.setPen(m_theme.mutedText());
        p.setFont(scaled(font(), 1.3));
        p.drawText(area, Qt::AlignCenter | Qt::TextWordWrap,
                   tr("Pick a lesson on the left, then press Step (F10) to run one tick."));
        return;
    }

    // Header: tick number, the call in strace form, then what came back.
    const QFont titleFont = scaled(font(), 1.5, true);
    p.setFont(titleFont);
    p.setPen(m_theme.text());
    const QFontMetricsF titleFm(titleFont);
    qreal y = margin;
    p.drawText(QPointF(margin, y + titleFm.ascent()), m_tickTitle);
    const QFont mono = monoLike(font());
    const QFontMetricsF monoFm(mono);
    y += titleFm.height() + u * 0.3;
    p.setFont(mono);
    const qreal textW = area.width() - 2 * margin;
    p.drawText(QPointF(margin, y + monoFm.ascent()), elideHeader(0, mono, m_call, textW));
    y += monoFm.height();
    if (m_setup) {
        // A new learner's first screen: say what the next key does.
        p.setFont(font());
        p.setPen(m_theme.cursor());
        p.drawText(QPointF(margin + u, y + monoFm.ascent()),
                   tr("Nothing has been called yet: Step (F10) makes the first call with the lists "
                      "below."));
    } else {
        const qreal readyP = clamp01((phase - 0.3) / 0.3);
        QColor c = m_returnedCount > 0 ? m_theme.readyMark() : m_theme.mutedText();
        c.setAlphaF(readyP);
        p.setPen(c);
        QString ret = m_returned;
        if (!m_outcome.isEmpty())
            ret += QStringLiteral("   ") + m_outcome;
        p.drawText(QPointF(margin + u, y + monoFm.ascent()), elideHeader(1, mono, ret, textW - u));
    }
    y += monoFm.height() + u * 0.4;

    // Legend: how to read a chip, wrapped where the layout put it.
    p.setFont(font());
    const QList<LegendItem> items = legendItems();
    for (int i = 0; i < items.size() && i < l.legend.size(); ++i) {
        const LegendItem &item = items[i];
        const QColor border = item.style == 0   ? m_theme.mutedText()
                              : item.style == 1 ? m_theme.readyMark()
                              : item.style == 2 ? m_theme.appended()
                                                : m_theme.removed();
        const QPointF at = l.legend[i];
        const QRectF r(at.x(), at.y() + u * 0.1, u * 1.6, u * 0.8);
        p.setPen(QPen(border, 2, item.style >= 2 ? Qt::DashLine : Qt::SolidLine));
        p.setBrush(item.style == 1 ? QBrush(border) : Qt::NoBrush);
        p.drawRoundedRect(r, 3, 3);
        if (!item.badge.isEmpty()) {
            p.setPen(border);
            p.drawText(r, Qt::AlignCenter, item.badge);
        }
        p.setPen(m_theme.mutedText());
        p.drawText(QPointF(r.right() + u * 0.3, at.y() + fm.ascent()), item.text);
    }

    // Lanes.
    QFont bold = font();
    bold.setBold(true);
    const ChipFonts chipFonts{font(), bold, fm, QFontMetricsF(bold)};
    const QFont laneFont = scaled(font(), 1.35, true);
    const QFontMetricsF laneFm(laneFont);
    for (int i = 0; i < l.lanes.size(); ++i) {
        const LaneBox &b = l.lanes[i];
        if (!visible(b.rect))
            continue;
        p.setPen(Qt::NoPen);
        p.setBrush(m_theme.laneBackground(i));
        p.drawRoundedRect(b.rect, u * 0.3, u * 0.3);
        p.setFont(laneFont);
        p.setPen(m_theme.text());
        const qreal tx = b.rect.left() + u * 0.5;
        qreal ty = b.rect.top() + u * 0.4;
        p.drawText(QPointF(tx, ty + laneFm.ascent()), b.title);
        ty += laneFm.height();
        p.setFont(font());
        p.setPen(m_theme.mutedText());
        p.drawText(QPointF(tx, ty + fm.ascent()), b.subtitle);
        ty += fm.height();
        p.drawText(QPointF(tx, ty + fm.ascent()), b.counts);
        if (b.chipCount == 0) {
            p.setPen(m_theme.mutedText());
            // Beside the lane's title, where its chips would start.
            const qreal left = l.chipsLeft;
            p.drawText(QRectF(left, b.rect.top() + u * 0.4, b.rect.right() - left,
                              laneFm.height() + fm.height()),
                       Qt::AlignVCenter | Qt::AlignLeft, tr("(empty: no socket in this list)"));
        }
        for (int c = 0; c < b.chipCount; ++c)
            if (visible(l.chips[b.firstChip + c].rect))
                paintChip(p, l.chips[b.firstChip + c], phase, chipFonts);
    }
}

QString TickView::elideHeader(int line, const QFont &font, const QString &text, qreal width) const
{
    HeaderCut &c = m_headerCuts[line];
    if (c.width == width && c.font == font && c.text == text)
        return c.cut;
    // Cut at the right, what is kept is the text's start: a start already wider than the room
    // is cut at the same place, and only it is shaped (a few hundred characters, not thousands).
    const QFontMetricsF fm(font);
    QString start = text;
    if (const qsizetype n = qsizetype(2 * width / std::max(1.0, fm.averageCharWidth())) + 16;
        text.size() > n && fm.horizontalAdvance(text.left(n)) > width)
        start.truncate(n);
    c = {text, font, width, fm.elidedText(start, Qt::ElideRight, width)};
    return c.cut;
}

void TickView::paintChip(QPainter &p, const Chip &c, qreal phase, const ChipFonts &fonts) const
{
    using Change = TickViewModel::Change;
    using Kind = TickViewModel::ChipKind;
    const QFontMetricsF &fm = fonts.fm;
    const qreal u = fm.height();
    const qreal pad = u * 0.45;
    const qreal readyP = c.ready ? clamp01((phase - 0.3) / 0.3) : 0.0;
    const qreal changeP = clamp01((phase - 0.65) / 0.35);
    const QColor roleColor = m_theme.role(c.role);

    p.save();
    if (c.change == Change::Appended)
        p.setOpacity(changeP);
    else if (c.change == Change::Removed)
        p.setOpacity(1.0 - 0.45 * changeP);
    else if (c.kind == Kind::Refused) // refused while the program handled the result
        p.setOpacity(changeP);

    const QRectF r = c.rect;
    const qreal radius = u * 0.35;
    // Body: outlined when passed in, filled with the role colour once it came back ready.
    QColor fill = m_theme.background();
    if (readyP > 0) {
        QColor rc = roleColor;
        fill = QColor::fromRgbF(fill.redF() + (rc.redF() - fill.redF()) * readyP,
                                fill.greenF() + (rc.greenF() - fill.greenF()) * readyP,
                                fill.blueF() + (rc.blueF() - fill.blueF()) * readyP);
    }
    QPen border(roleColor, 2);
    if (c.kind == Kind::Fold)
        border = QPen(m_theme.mutedText(), 2, Qt::DotLine);
    else if (c.kind == Kind::Refused)
        border = QPen(m_theme.removed(), 2.5);
    else if (c.change == Change::Appended)
        border = QPen(m_theme.appended(), 2.5, Qt::DashLine);
    else if (c.change == Change::Removed && changeP > 0)
        border = QPen(m_theme.removed(), 2.5, Qt::DashLine);
    p.setBrush(fill);
    p.setPen(border);
    p.drawRoundedRect(r, radius, radius);
    if (readyP > 0) { // the "came back ready" ring
        QColor ring = m_theme.readyMark();
        ring.setAlphaF(readyP);
        p.setPen(QPen(ring, 3.5));
        p.setBrush(Qt::NoBrush);
        p.drawRoundedRect(r.adjusted(-3, -3, 3, 3), radius + 3, radius + 3);
    }

    // Text: on a filled chip white (black on the projector's bright colours).
    const bool onFill = readyP > 0.5;
    const QColor textColor =
        onFill ? (m_theme.highContrast ? QColor(Qt::black) : QColor(Qt::white)) : m_theme.text();
    const QColor mutedColor = onFill ? textColor : m_theme.mutedText();
    const qreal textW = r.width() - 2 * pad;
    qreal y = r.top() + pad;
    p.setFont(fonts.bold);
    p.setPen(textColor);
    const QFontMetricsF &boldFm = fonts.boldFm;
    const qreal badgeW =
        c.ready || c.change != Change::None || c.kind == Kind::Refused ? kBadgeWidth * u : 0;
    p.drawText(QPointF(r.left() + pad, y + boldFm.ascent()), fit(c.label, true, textW - badgeW));
    y += u * 1.15;
    p.setFont(fonts.normal);
    if (!c.events.isEmpty()) {
        p.setPen(textColor);
        p.drawText(QPointF(r.left() + pad, y + fm.ascent()), fit(c.events, false, textW));
        y += u * 1.15;
    }
    if (c.kind == Kind::Refused) {
        p.setPen(m_theme.text());
        p.drawText(QRectF(r.left() + pad, y, textW, r.bottom() - pad - y),
                   Qt::TextWordWrap | Qt::AlignTop | Qt::AlignLeft, c.reason);
    } else {
        p.setPen(mutedColor);
        p.drawText(QPointF(r.left() + pad, y + fm.ascent()), fit(c.reason, false, textW));
        y += u * 1.15;
    }
    if (!c.waiting.isEmpty()) {
        // Measured now, not by the tick: what the next call will find.
        p.setPen(onFill ? textColor : m_theme.cursor());
        p.drawText(QPointF(r.left() + pad, y + fm.ascent()), fit(c.waiting, false, textW));
    }

    // Badges in the top-right corner: ✓ ready, + appended, − removed, ~ modified.
    QString badge;
    QColor badgeColor;
    if (c.kind == Kind::Refused && changeP > 0) {
        badge = QStringLiteral("✗");
        badgeColor = m_theme.removed();
    } else if (c.change == Change::Appended) {
        badge = QStringLiteral("+");
        badgeColor = m_theme.appended();
    } else if (c.change == Change::Removed && changeP > 0) {
        badge = QStringLiteral("−");
        badgeColor = m_theme.removed();
    } else if (c.change == Change::Modified && changeP > 0) {
        badge = QStringLiteral("~");
        badgeColor = m_theme.appended();
    } else if (readyP > 0.5) {
        badge = QStringLiteral("✓");
        badgeColor = m_theme.readyMark();
    }
    if (!badge.isEmpty()) {
        const qreal d = u * 0.95;
        const QRectF br(r.right() - d * 0.75, r.top() - d * 0.25, d, d);
        p.setPen(Qt::NoPen);
        p.setBrush(badgeColor);
        p.drawEllipse(br);
        p.setFont(fonts.bold);
        p.setPen(m_theme.highContrast ? QColor(Qt::black) : QColor(Qt::white));
        p.drawText(br, Qt::AlignCenter, badge);
    }
    p.restore();
}

} // namespace gui
