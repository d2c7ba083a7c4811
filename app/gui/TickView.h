#pragma once

#include "Theme.h"
#include "TickViewModel.h"

#include <QAbstractButton>
#include <QPointer>
#include <QVariantAnimation>
#include <QWidget>

namespace gui {

/// The centre of the window: one tick drawn as lanes of socket chips. Outlined chips were
/// passed in; filled chips came back ready; "+" chips were appended for the next call and
/// "−" chips removed. Reads only its TickViewModel.
///
/// A crowded lane shows the sockets something happened to first and folds the idle ones
/// into one count chip that opens on a click (a button, so the keyboard reaches it too).
/// The picture is scaled to the room it has: it grows into free space and shrinks (down to
/// a legible limit) so that every lane stays in view before a scroll bar appears.
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

    /// The picture's scale against the window's font, chosen to fit the height it has.
    static constexpr qreal kMinScale = 0.6, kMaxScale = 1.6;
    static constexpr qreal kLeastLinePx = 13;

protected:
    void paintEvent(QPaintEvent *) override;
    void resizeEvent(QResizeEvent *) override;
    bool event(QEvent *e) override;
    bool eventFilter(QObject *watched, QEvent *e) override;

private:
    friend class TickViewAccessible; // reads the layout: lanes and chips for screen readers
    friend class TickItemAccessible;
    struct Chip {
        QString label, events, reason, name, fullLabel, waiting;
        mux::Role role = mux::Role::Conn;
        TickViewModel::ChipKind kind = TickViewModel::ChipKind::Socket;
        bool passedIn = false, ready = false;
        TickViewModel::Change change = TickViewModel::Change::None;
        QRectF rect;
        int fd = -1;
        int lane = 0;
        int reasonLines = 1; ///< a refusal's reason wraps over the lane's width
    };
    struct LaneBox {
        QString title, subtitle, counts;
        QRectF rect;
        int firstChip = 0, chipCount = 0;
    };
    struct Layout {
        QList<LaneBox> lanes;
        QList<Chip> chips;
        QList<QPointF> legend; ///< where each legend item starts; it wraps on a narrow view
        qreal height = 0;
        qreal headerHeight = 0;
        qreal chipsLeft = 0; ///< where every lane's chips start
    };
    void reload();
    Layout layout(qreal width) const;
    /// The largest scale in [kMinScale, kMaxScale] at which the tick fits `size`.
    qreal fitScale(const QSizeF &size) const;
    void placeFoldButtons();
    /// Paints what intersects `exposed` (the whole tick when it is null).
    void paint(QPainter &p, const Layout &l, const QRectF &area, qreal phase,
               const QRectF &exposed = {}) const;
    /// Text widths, cached: labels and reasons repeat tick after tick, and shaping a
    /// thousand strings per step would be most of the cost of a step.
    qreal textWidth(const QString &text, bool bold) const;
    /// `text` cut to `width` with an ellipsis, only when it does not fit. Cut texts are cached
    /// too: a chip's width stays the same paint after paint, and eliding shapes the text anew.
    QString fit(const QString &text, bool bold, qreal width) const;
    /// The fonts every chip is drawn with, made once per paint instead of once per chip.
    struct ChipFonts {
        QFont normal, bold;
        QFontMetricsF fm, boldFm;
    };
    void paintChip(QPainter &p, const Chip &c, qreal phase, const ChipFonts &fonts) const;
    /// A header line (the call, what it returned) cut to `width`. With a thousand sockets the
    /// call is thousands of characters: eliding it shapes all of them, so the last cut of each
    /// line is kept for the repaints of the same tick (animation frames, exposes).
    QString elideHeader(int line, const QFont &font, const QString &text, qreal width) const;
    void relayout();

    QPointer<TickViewModel> m_model;
    QList<Chip> m_items; ///< chips as read from the model, before placing
    QList<LaneBox> m_laneItems;
    bool m_maskLanes = false; ///< poll/epoll lanes show events per chip
    QString m_tickTitle, m_call, m_returned, m_outcome;
    int m_returnedCount = 0;
    bool m_setup = false;
    Layout m_layout;
    qreal m_scale = 1.0;
    QHash<int, QAbstractButton *> m_foldButtons; ///< by LaneKind, reused tick after tick
    Theme m_theme;
    bool m_animated = true;
    qreal m_phase = 1.0;
    qsizetype m_lastIndex = -1;
    QVariantAnimation m_anim;
    mutable QHash<QString, qreal> m_widths[2]; ///< [bold]
    struct Elided {
        qreal width;
        QString text;
    };
    mutable QHash<QString, Elided> m_elided[2]; ///< [bold]: the last cut of each text
    struct HeaderCut {
        QString text;
        QFont font;
        qreal width = -1;
        QString cut;
    };
    mutable HeaderCut m_headerCuts[2]; ///< the call line, the returned line
};

} // namespace gui
