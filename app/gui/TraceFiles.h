#pragma once

#include <QObject>

class QWidget;

namespace gui {

struct Actions;
class Session;
class TickView;

/// What the File menu does with files: save the trace as JSON and open a saved one, export
/// the tick view as PNG or SVG, the run as a web page. Each asks for a path in a dialog, or takes
/// one directly (scripts, tests); a failure is one sentence, never a crash.
class TraceFiles : public QObject {
    Q_OBJECT
public:
    TraceFiles(Session *session, TickView *view, Actions &actions, QWidget *dialogParent);

    bool exportPng(const QString &path);
    bool exportSvg(const QString &path);
    /// The run so far as one self-contained web page (core/share/HtmlPage).
    bool exportHtml(const QString &path);
    bool saveTrace(const QString &path);
    bool openTrace(const QString &path);

signals:
    void failed(const QString &sentence);
    void saved(const QString &path);

private:
    Session *m_session;
    TickView *m_view;
    QWidget *m_parent;
};

} // namespace gui
