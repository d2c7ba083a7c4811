#pragma once

#include "Theme.h"
#include "TickViewModel.h"

#include <QPointer>
#include <QVariantAnimation>
#include <QWidget>

namespace gui {

/// The centre of the window: one tick drawn as lanes of socket chips. Outlined chips were
/// passed in; filled chips came back ready; "+" chips were appended for the next call and
/// "−" chips removed. Reads only its TickViewModel.
///
/// A step forward animates in the order things happened — the lists go in, the ready ones
/// light up, then the program's list changes appear — so every frame shows either what was
/// passed in or what the kernel returned, never a state in between that nobody reported.
class TickView : public QWidget {
    Q_OBJECT
public:
    explicit TickView(QWidget *parent = nullptr);

    void setModel(TickViewModel *model);
    TickViewModel *model() const { return m_model; }
    void setTheme(const Theme &theme);
    void setAnimated(bool on);
    bool isAnimated() const { return m_animated; }
    /// 0…1 through a step's animation; 1 = the tick's final picture.
    qreal phase() const { return m_phase; }

    /// Paints the whole tick at `size` (export to PNG and SVG), animation finished.
    void render(QPainter &painter, const QSize &size) const;
    /// Height the tick needs at `width` (for exports and the scroll area).
    int contentHeight(int width) const;

    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent *) override;
    void resizeEvent(QResizeEvent *) override;
    bool event(QEvent *e) override;

private:
    struct Chip {
        QString label, events, reason, name;
        mux::Role role = mux::Role::Conn;
        bool passedIn = false, ready = false;
        TickViewModel::Change change = TickViewModel::Change::None;
        QRectF rect;
        int fd = -1;
    };
    struct LaneBox {
        QString title, subtitle, counts;
        QRectF rect;
        int firstChip = 0, chipCount = 0;
    };
    struct Layout {
        QList<LaneBox> lanes;
        QList<Chip> chips;
        qreal height = 0;
        qreal headerHeight = 0;
    };
    void reload();
    Layout layout(qreal width) const;
    /// Paints what intersects `exposed` (the whole tick when it is null).
    void paint(QPainter &p, const Layout &l, const QRectF &area, qreal phase,
               const QRectF &exposed = {}) const;
    /// Text widths, cached: labels and reasons repeat tick after tick, and shaping a
    /// thousand strings per step would be most of the cost of a step.
    qreal textWidth(const QString &text, bool bold) const;
    /// `text` cut to `width` with an ellipsis, only when it does not fit.
    QString fit(const QString &text, bool bold, qreal width) const;
    void paintChip(QPainter &p, const Chip &c, qreal phase) const;
    void relayout();

    QPointer<TickViewModel> m_model;
    QList<Chip> m_items; ///< chips as read from the model, before placing
    QList<LaneBox> m_laneItems;
    bool m_maskLanes = false; ///< poll/epoll lanes show events per chip
    QString m_tickTitle, m_call, m_returned, m_outcome;
    int m_returnedCount = 0;
    bool m_setup = false;
    Layout m_layout;
    Theme m_theme;
    bool m_animated = true;
    qreal m_phase = 1.0;
    qsizetype m_lastIndex = -1;
    QVariantAnimation m_anim;
    mutable QHash<QString, qreal> m_widths[2]; ///< [bold]
};

} // namespace gui
