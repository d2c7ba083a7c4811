#pragma once

#include "Theme.h"

#include <QFrame>
#include <QLabel>
#include <QTimer>
#include <QToolButton>

namespace gui {

/// One sentence across the top of the window: an error the user caused (a port in use, a
/// file that is not a trace) or a notice. Stays until closed or replaced; never a modal box,
/// so a lesson on a projector is never blocked by a dialog.
class MessageBar : public QFrame {
    Q_OBJECT
public:
    enum class Kind { Error, Notice };
    explicit MessageBar(QWidget *parent = nullptr);

    void show(Kind kind, const QString &sentence);
    void setTheme(const Theme &theme);
    QString text() const { return m_text->text(); }
    Kind kind() const { return m_kind; }

private:
    void restyle();

    QLabel *m_text;
    QToolButton *m_close;
    Kind m_kind = Kind::Notice;
    QTimer m_autoHide;
    Theme m_theme;
};

} // namespace gui
