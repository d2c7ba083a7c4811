#pragma once

#include <QObject>
#include <QTranslator>

namespace gui {

/// The UI language, switched at run time: installs (or removes) the app's Qt Linguist
/// translation and Qt's own, so every widget gets a LanguageChange event and re-reads its
/// strings. Lesson text is not translated here; lessons carry zh and en themselves.
class Language : public QObject {
    Q_OBJECT
public:
    explicit Language(QObject *parent = nullptr);
    ~Language() override;

    /// "zh" or "en". Returns false (and stays as it was) for a language it does not know.
    bool set(const QString &lang);
    QString current() const { return m_current; }

private:
    void removeAll();

    QTranslator m_app;
    QTranslator m_qt;
    bool m_installed = false;
    QString m_current = QStringLiteral("en");
};

} // namespace gui
