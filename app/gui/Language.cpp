#include "Language.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>

namespace gui {

Language::Language(QObject *parent) : QObject(parent) {}

Language::~Language()
{
    removeAll();
}

void Language::removeAll()
{
    if (!m_installed)
        return;
    QCoreApplication::removeTranslator(&m_app);
    QCoreApplication::removeTranslator(&m_qt);
    m_installed = false;
}

bool Language::set(const QString &lang)
{
    if (lang != QLatin1String("zh") && lang != QLatin1String("en"))
        return false;
    if (lang == m_current && (lang == QLatin1String("en") || m_installed))
        return true;
    removeAll();
    if (lang == QLatin1String("zh")) {
        // The source strings are English; zh comes from the .qm compiled into the binary.
        if (!m_app.load(QStringLiteral(":/i18n/muxlab_zh_CN.qm")))
            return false;
        // Qt's own strings (file dialogs, standard buttons) when the system has them.
        const bool haveQt =
            m_qt.load(QLocale(QLocale::Chinese, QLocale::China), QStringLiteral("qtbase"),
                      QStringLiteral("_"), QLibraryInfo::path(QLibraryInfo::TranslationsPath));
        QCoreApplication::installTranslator(&m_app);
        if (haveQt)
            QCoreApplication::installTranslator(&m_qt);
        m_installed = true;
    } else {
        // Removing the translators already sent LanguageChange; send one when none was installed.
        QEvent e(QEvent::LanguageChange);
        QCoreApplication::sendEvent(QCoreApplication::instance(), &e);
    }
    m_current = lang;
    return true;
}

} // namespace gui
