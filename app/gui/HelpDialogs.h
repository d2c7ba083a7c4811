#pragma once

#include <QObject>
#include <QPointer>

class QAction;
class QDialog;
class QMenu;
class QWidget;

namespace gui {

class Session;

/// The Help menu's pages, each a dialog in the window's language: the keyboard shortcuts (read
/// from the window's own actions, so the list is never out of date), what a tick is with the
/// chip legend, and how to connect a real client to the running lesson (its real address and
/// port). An open page follows a language switch and a restart on another address.
class HelpMenu : public QObject {
    Q_OBJECT
public:
    HelpMenu(QMenu *menu, Session *session, QWidget *window);
    void retranslate();

    enum class Page { Shortcuts, Tick, Connect };
    /// Opens (or raises) a page; its objectName is "shortcutsHelp", "tickHelp" or "connectHelp".
    QDialog *open(Page page);

private:
    void fill(Page page);
    QString shortcutsHtml() const;
    QString tickHtml() const;
    QString connectHtml() const;

    Session *m_session;
    QWidget *m_window;
    QAction *m_actions[3];
    QPointer<QDialog> m_pages[3];
};

} // namespace gui
