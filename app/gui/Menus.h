#pragma once

#include <QList>

class QAction;
class QDockWidget;
class QMenu;
class QMenuBar;

namespace gui {

struct Actions;
class HelpMenu;
class Session;

/// The window's menu bar, built from its Actions: File, Tick, Lesson (with Backend), View
/// (with Language and a toggle per pane), Help (HelpMenu's pages, About). Titles follow the
/// language.
class WindowMenus {
public:
    WindowMenus(QMenuBar *bar, Actions &actions, const QList<QDockWidget *> &panes,
                Session *session);
    void retranslate();
    /// Open program… and the recent programs, first in the File menu.
    void addProgramItems(QAction *open, QMenu *recent);

private:
    QMenu *m_file, *m_tick, *m_lesson, *m_backend, *m_view, *m_lang, *m_help;
    HelpMenu *m_helpPages;
};

} // namespace gui
