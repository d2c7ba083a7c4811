#include "TickView.h"

#include "ChipLabel.h"
#include "TickViewAccessible.h"
#include "TickViewStyle.h"

#include <QAccessible>
#include <QEvent>
#include <QFontDatabase>
#include <QHelpEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>

#include <cmath>

namespace gui {

using namespace tickstyle;

namespace {

/// The fold chip as a control: it lies over the painted chip, so a click, Tab and Space all
/// open it, and a screen reader reads its text. The tick view paints the chip itself.
class FoldButton : public QAbstractButton {
public:
    using QAbstractButton::QAbstractButton;

protected:
    void paintEvent(QPaintEvent *) override
    {
        if (!hasFocus())
            return;
        QPainter p(this);
        p.setPen(QPen(palette().color(QPalette::Highlight), 2, Qt::DotLine));
        p.drawRect(rect().adjusted(1, 1, -2, -2));
    }
};

/// The name a lane's fold chip is found by.
QString foldName(LaneKind lane)
{
    switch (lane) {
    case LaneKind::Read:
        return QStringLiteral("fold:rlist");
    case LaneKind::Write:
        return QStringLiteral("fold:wlist");
    case LaneKind::Except:
        return QStringLiteral("fold:xlist");
    case LaneKind::PollFds:
        return QStringLiteral("fold:pollfds");
    case LaneKind::EpollInterest:
        return QStringLiteral("fold:interest");
    case LaneKind::EpollReady:
        return QStringLiteral("fold:ready");
    }
    return {};
}

} // namespace

TickView::TickView(QWidget *parent) : QWidget(parent)
{
    static const bool accessible = [] {
        QAccessible::installFactory(&TickViewAccessible::factory);
        return true;
    }();
    Q_UNUSED(accessible);
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
    using Kind = TickViewModel::ChipKind;
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
            if (m.data(ci, TickViewModel::FoldedRole).toBool())
                continue; // behind the fold chip until it is opened
            Chip c;
            c.kind = Kind(m.data(ci, TickViewModel::ChipKindRole).toInt());
            c.lane = int(kind);
            c.label = m.data(ci).toString();
            c.fullLabel = m.data(ci, TickViewModel::FullLabelRole).toString();
            c.name = m.data(ci, TickViewModel::NameRole).toString();
            c.fd = m.data(ci, TickViewModel::FdRole).toInt();
            c.reason = m.data(ci, TickViewModel::ReasonRole).toString();
            c.role = mux::Role(m.data(ci, TickViewModel::SocketRoleRole).toInt());
            c.passedIn = m.data(ci, TickViewModel::PassedInRole).toBool();
            c.ready = m.data(ci, TickViewModel::ReadyRole).toBool();
            c.change = TickViewModel::Change(m.data(ci, TickViewModel::ChangeRole).toInt());
            if (const int waiting = m.data(ci, TickViewModel::WaitingRole).toInt(); waiting > 0)
                c.waiting = c.role == mux::Role::Listener
                                ? tr("%n waiting to be accepted now", nullptr, waiting)
                                : tr("%n bytes waiting for the next call", nullptr, waiting);
            if (m_maskLanes && c.kind == Kind::Socket) {
                const QString req = m.data(ci, TickViewModel::RequestedRole).toString();
                const QString ret = m.data(ci, TickViewModel::ReturnedRole).toString();
                c.events = kind == LaneKind::EpollReady ? ret
                           : ret.isEmpty()              ? req
                                                        : req + QStringLiteral(" ⇒ ") + ret;
            }
            m_items.append(c);
        }
        box.chipCount = int(m_items.size()) - box.firstChip;
        m_laneItems.append(box);
    }
    // Animate a single step forward only; a jump shows the tick at once. The same tick
    // again (a fold opened, bytes arrived) keeps a running animation going.
    const qsizetype index = m.tickIndex();
    if (index != m_lastIndex) {
        const bool forward = m_lastIndex >= 0 && index == m_lastIndex + 1;
        m_lastIndex = index;
        m_anim.stop();
        if (m_animated && forward && isVisible()) {
            m_phase = 0.0;
            m_anim.start();
        } else {
            m_phase = 1.0;
        }
    }
    relayout();
    // A screen reader reads the lanes and chips anew.
    if (QAccessible::isActive()) {
        QAccessibleEvent reorder(this, QAccessible::ObjectReorder);
        QAccessible::updateAccessibility(&reorder);
    }
}

TickView::Layout TickView::layout(qreal width) const
{
    using Kind = TickViewModel::ChipKind;
    Layout l;
    const QFontMetricsF fm(font());
    const qreal u = fm.height();
    const qreal margin = u * 0.6;
    const QFontMetricsF titleFm(scaled(font(), 1.5, true));
    const QFontMetricsF monoFm(monoLike(font()));
    // Header: "tick N", the call, what it returned; then the legend, wrapped to the width.
    qreal y = margin + titleFm.height() + u * 0.3 + monoFm.height() * 2 + u * 0.4;
    qreal x = margin;
    for (const LegendItem &item : legendItems()) {
        const qreal w = u * 1.9 + fm.horizontalAdvance(item.text) + u;
        if (x + w > width - margin && x > margin) {
            x = margin;
            y += u * 1.2;
        }
        l.legend.append(QPointF(x, y));
        x += w;
    }
    l.headerHeight = y + u + margin * 0.5;

    const QFontMetricsF laneFm(scaled(font(), 1.35, true));
    qreal titleWidth = u * 6;
    for (const LaneBox &b : m_laneItems)
        titleWidth =
            std::max({titleWidth, laneFm.horizontalAdvance(b.title) + u,
                      fm.horizontalAdvance(b.subtitle) + u, fm.horizontalAdvance(b.counts) + u});
    titleWidth = std::min(titleWidth, width * 0.3);

    const qreal pad = u * 0.45;
    const qreal line = u * 1.15;
    const qreal gap = u * 0.55;
    const qreal minW = u * 6.5, maxW = u * 17;

    y = l.headerHeight;
    l.chipsLeft = margin + titleWidth + gap;
    for (const LaneBox &src : m_laneItems) {
        LaneBox b = src;
        const qreal left = margin + titleWidth + gap;
        const qreal right = width - margin;
        qreal x = left, rowTop = y + gap, rowH = 0;
        const qreal laneMin = laneFm.height() + fm.height() * 2 + gap * 2;
        for (int i = 0; i < b.chipCount; ++i) {
            Chip c = m_items[b.firstChip + i];
            qreal w = 0;
            int lines = 2;
            if (c.kind == Kind::Refused) {
                // Why it was refused is the point: the chip takes the lane's width and wraps.
                w = std::max(minW, right - left);
                const qreal textW = w - 2 * pad;
                const QRectF need =
                    fm.boundingRect(QRectF(0, 0, textW, 1e6), Qt::TextWordWrap, c.reason);
                c.reasonLines = std::max(1, int(std::ceil(need.height() / fm.lineSpacing())));
                lines = 1 + c.reasonLines;
            } else {
                // The label shares its line with the corner badge (✓ + − ~): room for both,
                // or a ready chip cuts its name where an unready one of the same name does not.
                const qreal badge =
                    c.ready || c.change != TickViewModel::Change::None ? kBadgeWidth * u : 0;
                w = std::max({textWidth(c.label, true) + badge, textWidth(c.reason, false),
                              textWidth(c.events, false), textWidth(c.waiting, false)}) +
                    2 * pad + u * 0.8;
                // A fold chip's count is its message: it is never cut.
                const qreal most =
                    c.kind == Kind::Fold ? right - left : std::min(maxW, right - left);
                w = std::clamp(w, minW, std::max(minW, most));
                lines += c.events.isEmpty() ? 0 : 1;
                lines += c.waiting.isEmpty() ? 0 : 1;
            }
            const qreal h = lines * line + 2 * pad;
            if (x + w > right && x > left) {
                x = left;
                rowTop += rowH + gap;
                rowH = 0;
            }
            c.rect = QRectF(x, rowTop, w, h);
            rowH = std::max(rowH, h);
            x += w + gap;
            l.chips.append(c);
        }
        b.firstChip = int(l.chips.size()) - b.chipCount;
        const qreal chipsBottom = b.chipCount ? rowTop + rowH + gap : y + laneMin;
        const qreal h = std::max(laneMin, chipsBottom - y);
        b.rect = QRectF(margin, y, width - 2 * margin, h);
        l.lanes.append(b);
        y += h + u * 0.35;
    }
    l.height = y + margin;
    return l;
}

qreal TickView::fitScale(const QSizeF &size) const
{
    if (size.width() <= 0 || size.height() <= 0)
        return 1.0;
    // Never below a line of about 13 px: smaller than that, a scroll bar reads better.
    const qreal least =
        std::min(1.0, std::max(kMinScale, kLeastLinePx / QFontMetricsF(font()).height()));
    auto fits = [&](qreal s) { return layout(size.width() / s).height * s <= size.height(); };
    if (fits(kMaxScale))
        return kMaxScale;
    if (!fits(least))
        return least;
    qreal lo = least, hi = kMaxScale;
    for (int i = 0; i < 7; ++i) {
        const qreal mid = (lo + hi) / 2;
        (fits(mid) ? lo : hi) = mid;
    }
    return lo;
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
    QHash<QString, Elided> &cache = m_elided[bold];
    if (auto it = cache.constFind(text); it != cache.constEnd() && it->width == width)
        return it->text;
    if (cache.size() > 20000)
        cache.clear();
    const QFontMetricsF fm(scaled(font(), 1.0, bold));
    const QString cut =
        bold ? elideChipLabel(text, fm, width) : fm.elidedText(text, Qt::ElideRight, width);
    cache.insert(text, {width, cut});
    return cut;
}

int TickView::contentHeight(int width) const
{
    return int(std::ceil(layout(width).height));
}

void TickView::relayout()
{
    // In the window the view sits in a scroll area: fit the viewport's height, so every lane
    // is in view; a lone view (exports, benches) keeps the font's own size.
    const QWidget *room = parentWidget();
    m_scale = room && !m_tickTitle.isEmpty() ? fitScale(QSizeF(width(), room->height())) : 1.0;
    m_layout = layout(width() / m_scale);
    // Room left under the lanes goes to the lanes themselves, so no empty band sits between
    // the tick and the timeline.
    const qreal roomH = room ? room->height() / m_scale : 0;
    if (room && !m_tickTitle.isEmpty() && roomH > m_layout.height && !m_layout.lanes.isEmpty()) {
        const qreal extra = (roomH - m_layout.height) / m_layout.lanes.size();
        for (int i = 0; i < m_layout.lanes.size(); ++i) {
            LaneBox &b = m_layout.lanes[i];
            b.rect.translate(0, extra * i);
            b.rect.setHeight(b.rect.height() + extra);
            for (int c = b.firstChip; c < b.firstChip + b.chipCount; ++c)
                m_layout.chips[c].rect.translate(0, extra * i);
        }
        m_layout.height = roomH;
    }
    const int h = int(std::floor(m_layout.height * m_scale));
    if (minimumHeight() != h)
        setMinimumHeight(h);
    placeFoldButtons();
    update();
}

void TickView::placeFoldButtons()
{
    QSet<int> used;
    for (const Chip &c : std::as_const(m_layout.chips)) {
        if (c.kind != TickViewModel::ChipKind::Fold)
            continue;
        QAbstractButton *&b = m_foldButtons[c.lane];
        if (!b) {
            b = new FoldButton(this);
            b->setObjectName(foldName(LaneKind(c.lane)));
            b->setCursor(Qt::PointingHandCursor);
            const int lane = c.lane;
            connect(b, &QAbstractButton::clicked, this, [this, lane] {
                if (m_model)
                    m_model->setUnfolded(LaneKind(lane), !m_model->isUnfolded(LaneKind(lane)));
            });
        }
        b->setText(c.label);
        b->setToolTip(c.label + QStringLiteral(" — ") + c.reason);
        b->setAccessibleName(c.label);
        b->setAccessibleDescription(c.reason);
        const QRectF r(c.rect.topLeft() * m_scale, c.rect.size() * m_scale);
        b->setGeometry(r.toAlignedRect());
        b->show();
        used.insert(c.lane);
    }
    for (auto it = m_foldButtons.cbegin(); it != m_foldButtons.cend(); ++it)
        if (!used.contains(it.key()))
            it.value()->hide();
}

QSize TickView::sizeHint() const
{
    return {800, contentHeight(800)};
}

void TickView::resizeEvent(QResizeEvent *)
{
    relayout();
}

bool TickView::eventFilter(QObject *watched, QEvent *e)
{
    // The viewport's height is the room to fit: it can change while this view's does not.
    if (watched == parentWidget() && e->type() == QEvent::Resize)
        relayout();
    return QWidget::eventFilter(watched, e);
}

bool TickView::event(QEvent *e)
{
    if (e->type() == QEvent::ParentAboutToChange && parentWidget())
        parentWidget()->removeEventFilter(this);
    if (e->type() == QEvent::ParentChange && parentWidget())
        parentWidget()->installEventFilter(this);
    if (e->type() == QEvent::ToolTip) {
        const auto *he = static_cast<QHelpEvent *>(e);
        const QPointF at = QPointF(he->pos()) / m_scale;
        for (const Chip &c : std::as_const(m_layout.chips))
            if (c.rect.contains(at)) {
                QString text = c.kind == TickViewModel::ChipKind::Fold
                                   ? c.label + QStringLiteral("\n") + c.reason
                                   : tr("%1 (%2, fd %3)\n%4")
                                         .arg(c.fullLabel.isEmpty() ? c.label : c.fullLabel, c.name)
                                         .arg(c.fd)
                                         .arg(c.reason);
                if (!c.waiting.isEmpty())
                    text += QStringLiteral("\n") + c.waiting;
                QToolTip::showText(he->globalPos(), text, this);
                return true;
            }
        QToolTip::hideText();
        return true;
    }
    if (e->type() == QEvent::FontChange) {
        for (int bold = 0; bold < 2; ++bold) {
            m_widths[bold].clear();
            m_elided[bold].clear();
        }
    }
    if (e->type() == QEvent::FontChange || e->type() == QEvent::LanguageChange)
        relayout();
    return QWidget::event(e);
}

} // namespace gui
