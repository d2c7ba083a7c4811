#pragma once

// Finding the window's parts in GUI tests: every pane and action has an objectName, so a test
// reads the real window the way a user sees it, with no "for tests" accessors.

#include "gui/Session.h"

#include <QObject>
#include <QtGlobal>

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
