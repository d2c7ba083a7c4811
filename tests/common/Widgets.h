#pragma once

// Finding the window's parts in GUI tests: every pane and action has an objectName, so a test
// reads the real window the way a user sees it, with no "for tests" accessors.

#include "gui/MainWindow.h"
#include "gui/Session.h"

#include <QPlainTextEdit>
#include <QTextBlock>

#include <QObject>
#include <QtGlobal>

#include <memory>

template <typename T> T *child(const QObject *w, const char *name)
{
    T *found = w->findChild<T *>(QLatin1String(name));
    if (!found)
        qFatal("no %s called %s", T::staticMetaObject.className(), name);
    return found;
}

inline gui::Session *sessionOf(const QObject *w)
{
    return child<gui::Session>(w, "session");
}

/// The window as a test opens it: English, on ports the system chooses, settings left alone,
/// shown at the size of a projector (1366x768).
inline std::unique_ptr<gui::MainWindow> showWindow(gui::MainWindow::Config c)
{
    c.lang = QStringLiteral("en");
    c.useLessonPorts = false;
    c.useSettings = false;
    auto w = std::make_unique<gui::MainWindow>(c);
    w->resize(1366, 768);
    w->show();
    return w;
}

/// The line the program pane's editor lights (1-based), or 0.
inline int litLine(const QObject *w)
{
    const auto selections = child<QPlainTextEdit>(w, "programEditor")->extraSelections();
    return selections.isEmpty() ? 0 : selections.first().cursor.block().blockNumber() + 1;
}
