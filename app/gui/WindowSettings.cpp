#include "WindowSettings.h"

#include "LessonsModel.h"
#include "MainWindow.h"
#include "PresenterMode.h"
#include "Session.h"
#include "TransportBar.h"

#include <QDockWidget>
#include <QScreen>
#include <QSettings>
#include <QTimer>

namespace gui {

void WindowSettings::keepLessonReadable(MainWindow &w)
{
    auto *lesson = w.findChild<QDockWidget *>(QStringLiteral("narrationDock"));
    if (!lesson || lesson->isHidden() || lesson->isFloating())
        return;
    const int least =
        std::max(w.fontMetrics().averageCharWidth() * kLessonChars, int(w.width() * kLessonShare));
    if (lesson->width() < least)
        w.resizeDocks({lesson}, {std::max(least, int(w.width() * 0.3))}, Qt::Horizontal);
}

void WindowSettings::load(MainWindow &w, const MainWindowConfig &config)
{
    QSettings s;
    const bool use = config.useSettings;
    auto value = [&](const char *key, const QVariant &fallback) {
        return use ? s.value(QLatin1String(key), fallback) : fallback;
    };
    auto dock = [&w](const char *name) { return w.findChild<QDockWidget *>(QLatin1String(name)); };
    if (use) {
        w.restoreGeometry(s.value(QStringLiteral("window/geometry")).toByteArray());
        w.restoreState(s.value(QStringLiteral("window/state")).toByteArray());
        // A layout remembered from a smaller screen or a dragged splitter can leave the lesson
        // a sliver that cuts its text: once laid out, give it a readable width again.
        QTimer::singleShot(0, &w, [&w] { keepLessonReadable(w); });
    }
    if (!use || !s.contains(QStringLiteral("window/geometry"))) {
        // First start: fill the screen, with the side panes at a readable width.
        if (QScreen *sc = w.screen()) {
            const QRect avail = sc->availableGeometry();
            w.setGeometry(avail);
            w.resizeDocks({dock("lessonsDock"), dock("narrationDock")},
                          {int(avail.width() * 0.16), int(avail.width() * 0.3)}, Qt::Horizontal);
            w.resizeDocks({dock("logDock")}, {int(avail.height() * 0.25)}, Qt::Vertical);
            // The narration holds the question a learner answers before stepping; it gets
            // room for all of it at 768 px, the program keeps ten lines around the lit one.
            w.resizeDocks({dock("narrationDock"), dock("pythonDock")},
                          {int(avail.height() * 0.68), int(avail.height() * 0.32)}, Qt::Vertical);
        }
    }
    w.m_transport->setSpeed(value("run/speed", 2).toInt());
    w.m_actions->animate->setChecked(value("view/animate", true).toBool());
    const bool ports = config.useLessonPorts && value("run/lessonPorts", true).toBool();
    w.m_actions->lessonPorts->setChecked(ports);
    w.m_session->setUseLessonPorts(ports);
    w.setZoom(value("view/zoom", 1.0).toReal());
    w.setLanguage(!config.lang.isEmpty() ? config.lang
                                         : value("view/lang", QStringLiteral("en")).toString());

    const QString server =
        !config.server.isEmpty() ? config.server : value("run/server", QString()).toString();
    w.m_session->setServer(server == QLatin1String("python") ? Session::Server::Python
                                                             : Session::Server::Builtin);
    if (!config.program.isEmpty()) // the window opens on the program instead
        return;
    QString lesson = config.lesson;
    if (lesson.isEmpty())
        lesson = value("run/lesson", QString()).toString();
    if (lesson.isEmpty() || !w.m_lessonsModel->indexOf(lesson).isValid()) {
        if (!config.lesson.isEmpty()) // asked for by name and not found: say so, open the first
            w.error(MainWindow::tr("There is no lesson called \"%1\"; the first lesson is open "
                                   "instead.")
                        .arg(config.lesson));
        lesson = w.m_lessonsModel->firstLessonId();
    }
    if (!lesson.isEmpty())
        w.openLesson(lesson, config.backend);
}

void WindowSettings::save(MainWindow &w)
{
    if (!w.m_config.useSettings)
        return;
    QSettings s;
    if (w.m_presenter->isOn()) // remember the teacher's own layout, not the projector's
        w.m_presenter->set(false);
    s.setValue(QStringLiteral("window/geometry"), w.saveGeometry());
    s.setValue(QStringLiteral("window/state"), w.saveState());
    s.setValue(QStringLiteral("run/speed"), w.m_transport->speed());
    s.setValue(QStringLiteral("view/animate"), w.m_actions->animate->isChecked());
    s.setValue(QStringLiteral("run/lessonPorts"), w.m_actions->lessonPorts->isChecked());
    s.setValue(QStringLiteral("view/zoom"), w.zoom());
    s.setValue(QStringLiteral("view/lang"), w.language());
    s.setValue(QStringLiteral("run/server"), w.m_session->server() == Session::Server::Python
                                                 ? QStringLiteral("python")
                                                 : QStringLiteral("builtin"));
    if (w.m_session->hasEngine() || w.m_session->runsLessonProgram())
        s.setValue(QStringLiteral("run/lesson"), w.m_session->title());
}

} // namespace gui
