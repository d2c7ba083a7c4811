#pragma once

#include <QHash>
#include <QObject>
#include <QPointer>

class QWidget;

namespace gui {

/// Gives a screen-reader name to every control of a window that the keyboard reaches and that
/// has none of its own: a line edit is called by its placeholder, a spin box's field by the
/// spin box's tooltip, a control with a tooltip by its first line, a table or list by the
/// title of the pane it sits in ("Syscall log"), the scrolled tick by "Tick view". Names
/// again when the window is shown and when the language changes; a name the control's own
/// code set is never replaced.
class AccessibleNames : public QObject {
    Q_OBJECT
public:
    explicit AccessibleNames(QWidget *window);

protected:
    bool eventFilter(QObject *watched, QEvent *e) override;

private:
    void nameAll();
    QString nameFor(const QWidget *w) const;

    QPointer<QWidget> m_window;
    QHash<QWidget *, QString> m_given; ///< the names this object set, to renew them
    bool m_queued = false;
};

} // namespace gui
