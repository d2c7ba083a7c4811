#include "Menus.h"

#include "Actions.h"
#include "HelpDialogs.h"

#include <QCoreApplication>
#include <QDockWidget>
#include <QMenuBar>

namespace gui {

WindowMenus::WindowMenus(QMenuBar *bar, Actions &a, const QList<QDockWidget *> &panes,
                         Session *session)
{
    m_file = bar->addMenu(QString());
    m_file->addActions({a.openTrace, a.saveTrace});
    m_file->addSeparator();
    m_file->addActions({a.exportPng, a.exportSvg, a.exportHtml});
    m_file->addSeparator();
    m_file->addAction(a.quit);
    m_tick = bar->addMenu(QString());
    m_tick->addActions({a.step, a.run, a.back, a.forward, a.live, a.jumpTo});
    m_tick->addSeparator();
    m_tick->addActions({a.restart, a.replayHere});
    m_lesson = bar->addMenu(QString());
    m_lesson->addAction(a.firstLesson);
    m_backend = m_lesson->addMenu(QString());
    m_backend->addActions(a.backends->actions());
    m_lesson->addSeparator();
    m_lesson->addActions({a.lessonPorts, a.connectClient});
    m_view = bar->addMenu(QString());
    m_view->addActions({a.presenter, a.zoomIn, a.zoomOut, a.zoomReset, a.animate});
    m_view->addSeparator();
    m_lang = m_view->addMenu(QString());
    m_lang->addActions(a.langs->actions());
    m_view->addSeparator();
    for (QDockWidget *d : panes)
        m_view->addAction(d->toggleViewAction());
    m_help = bar->addMenu(QString());
    m_helpPages = new HelpMenu(m_help, session, bar->window());
    m_help->addSeparator();
    m_help->addAction(a.about);
}

void WindowMenus::addProgramItems(QAction *open, QMenu *recent)
{
    QAction *first = m_file->actions().value(0);
    m_file->insertAction(first, open);
    m_file->insertMenu(first, recent);
    m_file->insertSeparator(first);
}

void WindowMenus::retranslate()
{
    m_file->setTitle(QCoreApplication::translate("gui::WindowMenus", "&File"));
    m_tick->setTitle(QCoreApplication::translate("gui::WindowMenus", "&Tick"));
    m_lesson->setTitle(QCoreApplication::translate("gui::WindowMenus", "&Lesson"));
    m_backend->setTitle(QCoreApplication::translate("gui::WindowMenus", "&Backend"));
    m_view->setTitle(QCoreApplication::translate("gui::WindowMenus", "&View"));
    m_lang->setTitle(QCoreApplication::translate("gui::WindowMenus", "&Language"));
    m_help->setTitle(QCoreApplication::translate("gui::WindowMenus", "&Help"));
    m_helpPages->retranslate();
}

} // namespace gui
