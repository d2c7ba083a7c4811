#pragma once

#include <QAction>
#include <QActionGroup>

namespace gui {

/// Every command of the window as a QAction, so each is in a menu with its shortcut and
/// tooltip, and the toolbar and the tests trigger the very same objects.
struct Actions {
    explicit Actions(QObject *owner);
    void retranslate();

    QAction *step, *back, *forward, *live, *run, *restart, *replayHere, *jumpTo;
    QAction *openTrace, *saveTrace, *exportPng, *exportSvg, *exportHtml, *quit;
    QAction *zoomIn, *zoomOut, *zoomReset, *presenter, *animate, *lessonPorts;
    QAction *langEn, *langZh;
    QAction *backendSelect, *backendPoll, *backendEpoll, *backendEpollEt;
    QAction *firstLesson, *about, *connectClient;
    QActionGroup *backends, *langs;
};

} // namespace gui
