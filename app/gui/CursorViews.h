#pragma once

#include <QListView>
#include <QTableView>

namespace gui {

class PythonModel;
class Session;
class SyscallLogModel;

/// The syscall log as a table that keeps the cursor's tick in view: its last row, then its
/// first at the top if the whole tick fits. Columns are sized from the font (not from the
/// rows: a log grows by hundreds of rows a tick), and calls keep their return values whole.
class LogView : public QTableView {
    Q_OBJECT
public:
    LogView(Session *session, SyscallLogModel *model, QWidget *parent = nullptr);

protected:
    void changeEvent(QEvent *e) override;

private:
    void showCursor();
    void sizeToFont();

    Session *m_session;
    SyscallLogModel *m_model;
};

/// The lesson's program, scrolled so the line that did the tick's action is in the middle.
class ProgramView : public QListView {
    Q_OBJECT
public:
    ProgramView(Session *session, PythonModel *model, QWidget *parent = nullptr);

private:
    PythonModel *m_model;
};

/// A table in the window's style: rows, not cells, no row numbers, rows as tall as the font.
void setUpTable(QTableView *table);

} // namespace gui
