#pragma once

#include "cli/CommandLine.h"

#include "Actions.h"
#include "Language.h"
#include "Theme.h"

#include <QMainWindow>

#include <functional>

class QDockWidget;
class QTableView;

namespace gui {

class LessonsModel;
class MessageBar;
class PresenterMode;
class ProgramFiles;
class Session;
class TickView;
class TransportBar;
class WindowMenus;

/// Opens the playground window with the options the command line parsed, and runs the
/// event loop.
int runGui(const cli::Options &options);

struct MainWindowConfig {
    QString lesson;  ///< empty: the last one, or the first
    QString backend; ///< empty: the lesson's first
    QString lang;    ///< empty: the remembered one
    bool useLessonPorts = true;
    bool useSettings = true; ///< false in tests: nothing read or written
    /// A program to run under the tracer instead of a lesson (`muxlab --exec -- COMMAND`).
    QStringList program;
    QString programDir; ///< where it runs; empty: the current directory
    /// Where the lesson listens (--bind); the Class tab can change it.
    QString bind = QStringLiteral("127.0.0.1");
    /// Which server a lesson runs on: "builtin", "python"; empty: the remembered one.
    QString server;
};

/// The playground's layout: the tick view in the centre, the timeline under it, the lesson's
/// narration and program on the right, the navigator on the left, the syscall log, clients,
/// sockets, queues and the class below, the transport bar on top. Every pane and model
/// follows the one Session itself; the window lays them out, holds the zoom, theme and
/// language, and turns menu commands into Session calls. Panes are found by objectName.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    using Config = MainWindowConfig;
    explicit MainWindow(const Config &config, QWidget *parent = nullptr);
    ~MainWindow() override;

    /// Opens lesson `id` on `backend`, or on the lesson's own first backend when empty.
    bool openLesson(const QString &id, const QString &backend = {});
    bool setBackend(const QString &name);
    void setLanguage(const QString &lang);
    QString language() const { return m_language.current(); }
    /// Every pane, menu and table follows one application font: factor 1 is the normal size.
    void setZoom(qreal factor);
    qreal zoom() const { return m_zoom; }
    void setHighContrast(bool on);

protected:
    void changeEvent(QEvent *e) override;
    void closeEvent(QCloseEvent *e) override;

private:
    friend class WindowSettings;
    void buildPanes();
    QDockWidget *addPane(Qt::DockWidgetArea area, const char *name, QWidget *content);
    void connectActions();
    void retranslate();
    void updateTitle();
    void applyTheme();
    void jumpToTick();
    void error(const QString &sentence);
    void notice(const QString &sentence);
    /// A program shows its own pane and source in place of the lesson's narration and list.
    void showProgramPanes();

    Config m_config;
    Session *m_session;
    Actions *m_actions;
    Language m_language;
    Theme m_theme;
    qreal m_zoom = 1.0;
    qreal m_basePointSize = 10;

    LessonsModel *m_lessonsModel;
    MessageBar *m_message = nullptr;
    TickView *m_tickView = nullptr;
    QTableView *m_socketsView = nullptr;
    TransportBar *m_transport = nullptr;
    PresenterMode *m_presenter = nullptr;
    WindowMenus *m_menus = nullptr;
    ProgramFiles *m_programs = nullptr;
    /// Each themed pane's setTheme, applied in turn.
    QList<std::function<void(const Theme &)>> m_themed;
};

} // namespace gui
