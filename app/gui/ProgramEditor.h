#pragma once

#include "Theme.h"

#include <QPlainTextEdit>
#include <QPointer>
#include <QWidget>

class QLabel;

namespace gui {

class PythonHighlighter;
class Session;

/// The source of a program under the tracer, in place of the lesson's program list: the real
/// file the cursor's tick was called from (the FILE of its FILE:LINE, else the .py given), with
/// that line lit and scrolled into view. The .py given is editable: Ctrl+S saves it,
/// Ctrl+Enter saves it and runs the program again. A file the run only imported is read-only,
/// and a program without source lines (C) shows its command line.
class ProgramEditor : public QWidget {
    Q_OBJECT
public:
    explicit ProgramEditor(Session *session, QWidget *parent = nullptr);

    void setTheme(const Theme &theme);
    /// Writes the editor's text to the script (QSaveFile). False, with failed(), on an error.
    bool save();
    /// Saves, then runs the program again from its start.
    void saveAndRestart();

signals:
    void failed(const QString &sentence);
    void saved(const QString &path);

protected:
    void changeEvent(QEvent *e) override;

private:
    void refresh();
    void load(const QString &file);
    void light(int line);
    void updateHeader();

    QPointer<Session> m_session;
    QLabel *m_header;
    class CodeEdit *m_edit;
    PythonHighlighter *m_highlighter;
    QString m_file;   ///< the file shown ("" when there is none)
    QString m_script; ///< the .py the program runs, the one file that is editable
    int m_lit = 0;
    Theme m_theme;
};

} // namespace gui
