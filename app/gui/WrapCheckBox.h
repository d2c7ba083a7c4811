#pragma once

#include <QCheckBox>

namespace gui {

/// A check box whose text wraps onto more lines instead of being cut at the pane's edge: a
/// quiz option ("conn 127.0.0.1:43016 (python3 echo_client.py)") on a projector at a large
/// zoom is wider than the pane. The whole box, text included, toggles on a click.
class WrapCheckBox : public QCheckBox {
    Q_OBJECT
public:
    using QCheckBox::QCheckBox;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;

protected:
    void paintEvent(QPaintEvent *) override;
    bool hitButton(const QPoint &pos) const override { return rect().contains(pos); }

private:
    QSize indicatorSize() const;
    int textLeft() const;
};

} // namespace gui
