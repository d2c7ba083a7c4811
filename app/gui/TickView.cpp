#include "TickView.h"

#include "ChipLabel.h"

#include <QEvent>
#include <QFontDatabase>
#include <QHelpEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>

#include <cmath>

namespace gui {

namespace {

qreal clamp01(qreal v)
{
    return std::clamp(v, 0.0, 1.0);
}

QFont scaled(QFont f, qreal factor, bool bold = false)
{
    f.setPointSizeF(f.pointSizeF() * factor);
    f.setBold(bold);
    return f;
}

QFont monoLike(const QFont &base)
{
    QFont f = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    f.setPointSizeF(base.pointSizeF());
    return f;
}

} // namespace

TickView::TickView(QWidget *parent) : QWidget(parent)
{
    setAttribute(Qt::WA_OpaquePaintEvent);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    m_anim.setStartValue(0.0);
    m_anim.setEndValue(1.0);
    m_anim.setDuration(900);
    m_anim.setEasingCurve(QEasingCurve::Linear);
    connect(&m_anim, &QVariantAnimation::valueChanged, this, [this](const QVariant &v) {
        m_phase = v.toReal();
        update();
    });
}

void TickView::setModel(TickViewModel *model)
{
    if (m_model)
        disconnect(m_model, nullptr, this, nullptr);
    m_model = model;
    if (m_model)
        connect(m_model, &QAbstractItemModel::modelReset, this, &TickView::reload);
    reload();
}

void TickView::setTheme(const Theme &theme)
{
    m_theme = theme;
    update();
}

void TickView::setAnimated(bool on)
{
    m_animated = on;
    if (!on) {
        m_anim.stop();
        m_phase = 1.0;
    }
    update();
}

void TickView::reload()
{
    m_items.clear();
    m_laneItems.clear();
    m_tickTitle.clear();
    if (!m_model) {
        relayout();
        return;
    }
    const TickViewModel &m = *m_model;
    m_maskLanes = m.backend() != mux::Backend::Select;
    m_setup = m.isSetup();
    m_tickTitle = m.tickIndex() >= 0 ? tr("tick %1").arg(m.tickNumber()) : QString();
    m_call = m.callText();
    m_returned = m.returnedText();
    m_returnedCount = m.returnedCount();
    m_outcome = m.outcomeText();
    for (int lane = 0; lane < m.rowCount(); ++lane) {
        const QModelIndex li = m.index(lane, 0);
        LaneBox box;
        const auto kind = LaneKind(m.data(li, TickViewModel::LaneRole).toInt());
        box.title = TickViewModel::laneTitle(kind);
        box.subtitle = TickViewModel::laneSubtitle(kind);
        box.counts = m.data(m.index(lane, TickViewModel::FdColumn)).toString() +
                     QStringLiteral(" · ") +
                     m.data(m.index(lane, TickViewModel::ReturnedColumn)).toString();
        box.firstChip = int(m_items.size());
        const int n = m.rowCount(li);
        for (int row = 0; row < n; ++row) {
            const QModelIndex ci = m.index(row, 0, li);
            Chip c;
            c.label = m.data(ci).toString();
            c.name = m.data(ci, TickViewModel::NameRole).toString();
            c.fd = m.data(ci, TickViewModel::FdRole).toInt();
            c.reason = m.data(ci, TickViewModel::ReasonRole).toString();
            c.role = mux::Role(m.data(ci, TickViewModel::SocketRoleRole).toInt());
            c.passedIn = m.data(ci, TickViewModel::PassedInRole).toBool();
            c.ready = m.data(ci, TickViewModel::ReadyRole).toBool();
            c.change = TickViewModel::Change(m.data(ci, TickViewModel::ChangeRole).toInt());
            if (m_maskLanes) {
                const QString req = m.data(ci, TickViewModel::RequestedRole).toString();
                const QString ret = m.data(ci, TickViewModel::ReturnedRole).toString();
                c.events = kind == LaneKind::EpollReady ? ret
                           : ret.isEmpty()              ? req
                                                        : req + QStringLiteral(" ⇒ ") + ret;
            }
            m_items.append(c);
        }
        box.chipCount = n;
        m_laneItems.append(box);
    }
    // Animate a single step forward only; a jump shows the tick at once.
    const qsizetype index = m.tickIndex();
    const bool forward = m_lastIndex >= 0 && index == m_lastIndex + 1;
    m_lastIndex = index;
    m_anim.stop();
    if (m_animated && forward && isVisible()) {
        m_phase = 0.0;
        m_anim.start();
    } else {
        m_phase = 1.0;
    }
    relayout();
}

TickView::Layout TickView::layout(qreal width) const
{
    Layout l;
    const QFontMetricsF fm(font());
    const qreal u = fm.height();
    const qreal margin = u * 0.6;
    const QFontMetricsF titleFm(scaled(font(), 1.5, true));
    const QFontMetricsF monoFm(monoLike(font()));
    // Header: "tick N", the call, what it returned; then a one-line legend.
    l.headerHeight =
        margin + titleFm.height() + u * 0.3 + monoFm.height() * 2 + u * 0.4 + u + margin * 0.5;

    const QFontMetricsF laneFm(scaled(font(), 1.35, true));
    qreal titleWidth = u * 6;
    for (const LaneBox &b : m_laneItems)
        titleWidth =
            std::max({titleWidth, laneFm.horizontalAdvance(b.title) + u,
                      fm.horizontalAdvance(b.subtitle) + u, fm.horizontalAdvance(b.counts) + u});
    titleWidth = std::min(titleWidth, width * 0.3);

    const qreal pad = u * 0.45;
    const int lines = m_maskLanes ? 3 : 2;
    const qreal chipH = lines * u * 1.15 + 2 * pad;
    const qreal gap = u * 0.55;
    const qreal minW = u * 6.5, maxW = u * 17;

    qreal y = l.headerHeight;
    for (const LaneBox &src : m_laneItems) {
        LaneBox b = src;
        const qreal left = margin + titleWidth + gap;
        const qreal right = width - margin;
        qreal x = left, rowTop = y + gap;
        const qreal laneMin = laneFm.height() + fm.height() * 2 + gap * 2;
        for (int i = 0; i < b.chipCount; ++i) {
            Chip c = m_items[b.firstChip + i];
            qreal w = std::max({textWidth(c.label, true), textWidth(c.reason, false),
                                textWidth(c.events, false)}) +
                      2 * pad + u * 0.8;
            w = std::clamp(w, minW, std::max(minW, std::min(maxW, right - left)));
            if (x + w > right && x > left) {
                x = left;
                rowTop += chipH + gap;
            }
            c.rect = QRectF(x, rowTop, w, chipH);
            x += w + gap;
            l.chips.append(c);
        }
        b.firstChip = int(l.chips.size()) - b.chipCount;
        const qreal chipsBottom = b.chipCount ? rowTop + chipH + gap : y + laneMin;
        const qreal h = std::max(laneMin, chipsBottom - y);
        b.rect = QRectF(margin, y, width - 2 * margin, h);
        l.lanes.append(b);
        y += h + u * 0.35;
    }
    l.height = y + margin;
    return l;
}

qreal TickView::textWidth(const QString &text, bool bold) const
{
    QHash<QString, qreal> &cache = m_widths[bold];
    if (auto it = cache.constFind(text); it != cache.constEnd())
        return *it;
    if (cache.size() > 20000) // a long free run with ever new labels: start over
        cache.clear();
    const qreal w = QFontMetricsF(scaled(font(), 1.0, bold)).horizontalAdvance(text);
    cache.insert(text, w);
    return w;
}

QString TickView::fit(const QString &text, bool bold, qreal width) const
{
    if (textWidth(text, bold) <= width)
        return text;
    const QFontMetricsF fm(scaled(font(), 1.0, bold));
    return bold ? elideChipLabel(text, fm, width) : fm.elidedText(text, Qt::ElideRight, width);
}

int TickView::contentHeight(int width) const
{
    return int(std::ceil(layout(width).height));
}

void TickView::relayout()
{
    m_layout = layout(width());
    const int h = int(std::ceil(m_layout.height));
    if (minimumHeight() != h)
        setMinimumHeight(h);
    update();
}

QSize TickView::sizeHint() const
{
    return {800, contentHeight(800)};
}

void TickView::resizeEvent(QResizeEvent *)
{
    relayout();
}

bool TickView::event(QEvent *e)
{
    if (e->type() == QEvent::ToolTip) {
        const auto *he = static_cast<QHelpEvent *>(e);
        for (const Chip &c : std::as_const(m_layout.chips))
            if (c.rect.contains(he->pos())) {
                QToolTip::showText(
                    he->globalPos(),
                    tr("%1 (%2, fd %3)\n%4").arg(c.label, c.name).arg(c.fd).arg(c.reason), this);
                return true;
            }
        QToolTip::hideText();
        return true;
    }
    if (e->type() == QEvent::FontChange) {
        m_widths[0].clear();
        m_widths[1].clear();
    }
    if (e->type() == QEvent::FontChange || e->type() == QEvent::LanguageChange)
        relayout();
    return QWidget::event(e);
}

void TickView::paintEvent(QPaintEvent *e)
{
    QPainter p(this);
    // In a scroll area only a screenful is exposed: skip the chips outside it.
    paint(p, m_layout, rect(), m_phase, e->rect());
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
    p.drawText(QPointF(margin, y + monoFm.ascent()),
               monoFm.elidedText(m_call, Qt::ElideRight, textW));
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
        p.drawText(QPointF(margin + u, y + monoFm.ascent()),
                   monoFm.elidedText(ret, Qt::ElideRight, textW - u));
    }
    y += monoFm.height() + u * 0.4;

    // Legend: how to read a chip, in one line.
    p.setFont(font());
    qreal x = margin;
    auto legend = [&](const QString &text, const QColor &border, bool filled, Qt::PenStyle style,
                      const QString &badge) {
        const QRectF r(x, y + u * 0.1, u * 1.6, u * 0.8);
        p.setPen(QPen(border, 2, style));
        p.setBrush(filled ? QBrush(border) : Qt::NoBrush);
        p.drawRoundedRect(r, 3, 3);
        if (!badge.isEmpty()) {
            p.setPen(border);
            p.drawText(r, Qt::AlignCenter, badge);
        }
        p.setPen(m_theme.mutedText());
        p.drawText(QPointF(r.right() + u * 0.3, y + fm.ascent()), text);
        x = r.right() + u * 0.3 + fm.horizontalAdvance(text) + u;
    };
    legend(tr("passed in"), m_theme.mutedText(), false, Qt::SolidLine, {});
    legend(tr("came back ready"), m_theme.readyMark(), true, Qt::SolidLine, {});
    legend(tr("appended for the next call"), m_theme.appended(), false, Qt::DashLine,
           QStringLiteral("+"));
    legend(tr("removed"), m_theme.removed(), false, Qt::DashLine, QStringLiteral("−"));

    // Lanes.
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
            const qreal left = l.chips.isEmpty() ? b.rect.left() + u * 8 : b.rect.left() + u * 8;
            p.drawText(QRectF(left, b.rect.top(), b.rect.right() - left, b.rect.height()),
                       Qt::AlignVCenter | Qt::AlignLeft, tr("(empty: no socket in this list)"));
        }
        for (int c = 0; c < b.chipCount; ++c)
            if (visible(l.chips[b.firstChip + c].rect))
                paintChip(p, l.chips[b.firstChip + c], phase);
    }
}

void TickView::paintChip(QPainter &p, const Chip &c, qreal phase) const
{
    using Change = TickViewModel::Change;
    const QFontMetricsF fm(font());
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
    if (c.change == Change::Appended)
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
    QFont bold = font();
    bold.setBold(true);
    p.setFont(bold);
    p.setPen(textColor);
    const QFontMetricsF boldFm(bold);
    const qreal badgeW = c.ready || c.change != Change::None ? u * 0.9 : 0;
    p.drawText(QPointF(r.left() + pad, y + boldFm.ascent()), fit(c.label, true, textW - badgeW));
    y += u * 1.15;
    p.setFont(font());
    if (!c.events.isEmpty()) {
        p.setPen(textColor);
        p.drawText(QPointF(r.left() + pad, y + fm.ascent()), fit(c.events, false, textW));
        y += u * 1.15;
    }
    p.setPen(mutedColor);
    p.drawText(QPointF(r.left() + pad, y + fm.ascent()), fit(c.reason, false, textW));

    // Badges in the top-right corner: ✓ ready, + appended, − removed, ~ modified.
    QString badge;
    QColor badgeColor;
    if (c.change == Change::Appended) {
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
        QFont bf = font();
        bf.setBold(true);
        p.setFont(bf);
        p.setPen(m_theme.highContrast ? QColor(Qt::black) : QColor(Qt::white));
        p.drawText(br, Qt::AlignCenter, badge);
    }
    p.restore();
}

} // namespace gui
