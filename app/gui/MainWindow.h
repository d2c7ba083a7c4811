#pragma once

#include "cli/CommandLine.h"

#include "Actions.h"
#include "Language.h"
#include "Theme.h"
#include "TickSnapshot.h"

#include <QElapsedTimer>
#include <QMainWindow>
#include <QTimer>

class QComboBox;
class QDockWidget;
class QLabel;
class QListView;
class QScrollArea;
class QSlider;
class QTableView;
class QTreeView;

namespace gui {

class ClassPane;
class ClientsModel;
class ExternalWatch;
class ClientsPane;
class LessonsModel;
class LessonsView;
class MessageBar;
class NarrationPane;
class PythonModel;
class QueuesModel;
class ScalingChart;
class Session;
class SocketsModel;
class SyscallLogModel;
class TickView;
class TickViewModel;
class TimelineModel;
class TimelineView;

/// Opens the playground window and runs the event loop.
int runGui(const cli::Options &options);

/// The playground: the tick view in the centre, the timeline under it, the lesson's narration
/// and Python program on the right, the navigator on the left, the syscall log, sockets,
/// clients and queues below. It wires the panes to one Session and holds the classroom
/// settings (zoom, presenter mode, language); the panes and models do the rest.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    struct Config {
        QString lesson;  ///< empty: the last one, or the first
        QString backend; ///< empty: the remembered one
        QString lang;    ///< empty: the remembered one
        bool useLessonPorts = true;
        bool useSettings = true; ///< false in tests: nothing read or written
    };
    explicit MainWindow(const Config &config, QWidget *parent = nullptr);
    ~MainWindow() override;

    // For tests, the bench and the screenshot hooks: the real objects, not copies.
    Session *session() const { return m_session; }
    const Actions &actions() const { return *m_actions; }
    TickViewModel *tickModel() const { return m_tickModel; }
    TimelineModel *timelineModel() const { return m_timelineModel; }
    SyscallLogModel *logModel() const { return m_logModel; }
    SocketsModel *socketsModel() const { return m_socketsModel; }
    ClientsModel *clientsModel() const { return m_clientsModel; }
    QueuesModel *queuesModel() const { return m_queuesModel; }
    PythonModel *pythonModel() const { return m_pythonModel; }
    LessonsModel *lessonsModel() const { return m_lessonsModel; }
    TickView *tickView() const { return m_tickView; }
    TimelineView *timelineView() const { return m_timelineView; }
    NarrationPane *narration() const { return m_narration; }
    ClientsPane *clientsPane() const { return m_clientsPane; }
    MessageBar *messageBar() const { return m_message; }
    ClassPane *classPane() const { return m_classPane; }
    ExternalWatch *externalWatch() const { return m_externalWatch; }
    ScalingChart *scalingChart() const { return m_scalingChart; }
    QDockWidget *scalingDock() const { return m_scalingDock; }
    /// Every pane the window shows, for "zoom scales every pane".
    QList<QWidget *> panes() const;
    QList<QDockWidget *> secondaryDocks() const;

    /// Opens lesson `id` on `backend`, or on the lesson's own first backend when empty.
    bool openLesson(const QString &id, const QString &backend = {});
    bool setBackend(const QString &name);
    void setLanguage(const QString &lang);
    QString language() const { return m_language.current(); }
    void setZoom(qreal factor);
    qreal zoom() const { return m_zoom; }
    void setPresenter(bool on);
    bool isPresenter() const { return m_presenter; }

    bool exportPng(const QString &path);
    bool exportSvg(const QString &path);
    bool saveTrace(const QString &path);
    bool openTrace(const QString &path);

protected:
    void changeEvent(QEvent *e) override;
    void closeEvent(QCloseEvent *e) override;

private:
    void buildPanes();
    void buildMenus();
    void buildToolBar();
    void connectSession();
    void retranslate();
    void onCursorChanged(qsizetype index);
    void refreshSnapshot();
    void updateActions();
    void updateTitle();
    /// The backend box and menu offer only what the lesson runs on and show the one running.
    void syncBackendChoice();
    void applyTheme();
    void sizeColumns();
    void onRunTick();
    void setSpeed(int level);
    void jumpToTick();
    void showAbout();
    void loadSettings(const Config &config);
    void saveSettings();
    void error(const QString &sentence);
    void notice(const QString &sentence);
    // External clients and the class (issue 5), in MainWindowClass.cpp.
    void buildClassPane();
    void retranslateClassPane();
    void feedLiveProbes();
    // The scaling lesson's chart, in MainWindowScaling.cpp.
    void buildScalingPane();
    void updateScalingPane();
    void giveScalingRoom();
    void showScalingTick(const mux::Trace *trace, qsizetype index);

    Config m_config;
    Session *m_session;
    Actions *m_actions;
    Language m_language;
    Theme m_theme;
    TickSnapshot m_snapshot;

    TickViewModel *m_tickModel;
    TimelineModel *m_timelineModel;
    SyscallLogModel *m_logModel;
    SocketsModel *m_socketsModel;
    ClientsModel *m_clientsModel;
    QueuesModel *m_queuesModel;
    PythonModel *m_pythonModel;
    LessonsModel *m_lessonsModel;

    MessageBar *m_message = nullptr;
    TickView *m_tickView = nullptr;
    QScrollArea *m_tickScroll = nullptr;
    TimelineView *m_timelineView = nullptr;
    NarrationPane *m_narration = nullptr;
    ClientsPane *m_clientsPane = nullptr;
    QTableView *m_logView = nullptr;
    QTableView *m_socketsView = nullptr;
    QTableView *m_queuesView = nullptr;
    QLabel *m_queuesEmpty = nullptr;
    QListView *m_pythonView = nullptr;
    LessonsView *m_lessonsView = nullptr;
    QDockWidget *m_lessonsDock = nullptr, *m_narrationDock = nullptr, *m_pythonDock = nullptr,
                *m_logDock = nullptr, *m_socketsDock = nullptr, *m_clientsDock = nullptr,
                *m_queuesDock = nullptr;
    QMenu *m_fileMenu = nullptr, *m_tickMenu = nullptr, *m_viewMenu = nullptr,
          *m_lessonMenu = nullptr, *m_backendMenu = nullptr, *m_langMenu = nullptr,
          *m_helpMenu = nullptr;
    QToolBar *m_toolBar = nullptr;
    QSlider *m_speed = nullptr;
    QComboBox *m_backendCombo = nullptr;
    QLabel *m_speedLabel = nullptr;
    QLabel *m_status = nullptr;

    QTimer m_runTimer;
    int m_speedLevel = 2;
    qreal m_zoom = 1.0;
    qreal m_basePointSize = 10;
    bool m_presenter = false;
    qreal m_zoomBeforePresenter = 1.0;
    QByteArray m_stateBeforePresenter;
    bool m_wasMaximized = false;

    ExternalWatch *m_externalWatch = nullptr;
    ClassPane *m_classPane = nullptr;
    QDockWidget *m_classDock = nullptr;
    QAction *m_connectClient = nullptr;

    ScalingChart *m_scalingChart = nullptr;
    QDockWidget *m_scalingDock = nullptr;
    bool m_scalingOpen = false; ///< the open lesson is run by the scaling program
};

} // namespace gui
