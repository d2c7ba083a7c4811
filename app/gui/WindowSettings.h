#pragma once

namespace gui {

class MainWindow;
struct MainWindowConfig;

/// What the window remembers between runs (QSettings): its geometry and dock layout, run
/// speed, animation, lesson ports, zoom, language and the last lesson. The command line's
/// choices win over remembered ones; in tests nothing is read or written.
class WindowSettings {
public:
    /// Applies the remembered settings (or first-start defaults), then opens the lesson.
    static void load(MainWindow &window, const MainWindowConfig &config);
    static void save(MainWindow &window);
    /// Widens the Lesson pane when it is narrower than `kLessonChars` characters or
    /// `kLessonShare` of the window.
    static void keepLessonReadable(MainWindow &window);
    static constexpr int kLessonChars = 30;
    static constexpr double kLessonShare = 0.2;
};

} // namespace gui
