#include "ProgramFiles.h"

#include "ConnectDialog.h"
#include "Launcher.h"
#include "ProgramDialog.h"
#include "ProgramRun.h"
#include "Session.h"
#include "exec/RecordText.h"

#include <QAction>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMenu>
#include <QSettings>

namespace gui {

namespace {

constexpr int kRecent = 8;
const QString kRecentKey = QStringLiteral("exec/recent");

/// One recent program: {"argv": [...], "dir": "..."}.
QList<QJsonObject> readRecent()
{
    QList<QJsonObject> list;
    const QJsonArray a =
        QJsonDocument::fromJson(QSettings().value(kRecentKey).toByteArray()).array();
    for (const QJsonValue &v : a)
        if (v.isObject() && !v.toObject().value(QStringLiteral("argv")).toArray().isEmpty())
            list.append(v.toObject());
    return list;
}

QStringList argvOf(const QJsonObject &o)
{
    QStringList argv;
    for (const QJsonValue &v : o.value(QStringLiteral("argv")).toArray())
        argv.append(v.toString());
    return argv;
}

/// Where a client on this machine reaches a listener the program bound: where it bound, or
/// loopback for a program bound to every address (0.0.0.0, or [::], which takes IPv4 too).
std::optional<mux::net::Endpoint> reachedAt(const mux::SocketInfo &listener)
{
    QString local = listener.local;
    if (local.startsWith(QLatin1String("[::]:")))
        local.replace(0, 4, QStringLiteral("0.0.0.0"));
    auto e = mux::exec::endpoint(local);
    if (!e || !e->port)
        return std::nullopt;
    if (e->host == QLatin1String("0.0.0.0"))
        e->host = mux::net::Endpoint().host;
    return e;
}

} // namespace

ProgramFiles::ProgramFiles(Session *session, bool useSettings, QWidget *dialogParent)
    : QObject(dialogParent), m_session(session), m_useSettings(useSettings), m_parent(dialogParent),
      m_launcher(new Launcher(this))
{
    setObjectName(QStringLiteral("programFiles"));
    m_open = new QAction(this);
    m_open->setObjectName(QStringLiteral("openProgram"));
    m_open->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    m_recent = new QMenu(dialogParent);
    m_recent->setObjectName(QStringLiteral("recentPrograms"));
    connect(m_open, &QAction::triggered, this, [this] {
        ProgramDialog dialog(m_parent);
        if (const ProgramRun *p = m_session->program())
            dialog.setCommand(p->commandLine(), p->workingDir());
        if (dialog.exec() == QDialog::Accepted)
            open(dialog.command(), dialog.workingDir());
    });
    rebuildRecent();
}

bool ProgramFiles::open(const QStringList &argv, const QString &workingDir)
{
    auto command = mux::exec::resolveCommand(argv, workingDir);
    if (!command) {
        emit failed(tr("The program could not be run: %1").arg(command.error().text));
        return false;
    }
    remember(argv, workingDir);
    return m_session->openProgram(*command, workingDir);
}

void ProgramFiles::remember(const QStringList &argv, const QString &workingDir)
{
    if (!m_useSettings)
        return;
    QJsonObject entry{{QStringLiteral("argv"), QJsonArray::fromStringList(argv)},
                      {QStringLiteral("dir"), workingDir}};
    QJsonArray list{entry};
    for (const QJsonObject &o : readRecent())
        if (o != entry && list.size() < kRecent)
            list.append(o);
    QSettings().setValue(kRecentKey, QJsonDocument(list).toJson(QJsonDocument::Compact));
    rebuildRecent();
}

void ProgramFiles::rebuildRecent()
{
    m_recent->clear();
    const QList<QJsonObject> recent = m_useSettings ? readRecent() : QList<QJsonObject>();
    for (const QJsonObject &o : recent) {
        const QStringList argv = argvOf(o);
        const QString dir = o.value(QStringLiteral("dir")).toString();
        QAction *a = m_recent->addAction(argv.join(QLatin1Char(' ')));
        a->setToolTip(dir);
        connect(a, &QAction::triggered, this, [this, argv, dir] { open(argv, dir); });
    }
    m_recent->setEnabled(!recent.isEmpty());
}

ConnectDialog *ProgramFiles::openConnectDialog()
{
    const mux::Trace *t = m_session->trace();
    QList<mux::net::Endpoint> listeners;
    if (t && !t->isEmpty())
        for (const mux::SocketInfo &s : t->socketsAt(t->size() - 1))
            if (const auto e = reachedAt(s); e && s.role == mux::Role::Listener)
                listeners.append(*e);
    if (listeners.isEmpty()) {
        emit failed(tr("The program has no listening socket yet: step until it has called "
                       "listen(), then connect a client."));
        return nullptr;
    }
    mux::Lesson lesson;
    lesson.id = m_session->title();
    m_launcher->setLang(m_session->lang());
    delete m_dialog;
    m_dialog = new ConnectDialog(m_launcher, lesson, listeners, m_parent);
    m_dialog->show();
    m_dialog->raise();
    return m_dialog;
}

void ProgramFiles::retranslate()
{
    m_open->setText(tr("Open &program…"));
    m_open->setToolTip(tr("Run your own server with its select, poll and epoll calls traced, "
                          "one tick per call"));
    m_recent->setTitle(tr("Recent programs"));
}

} // namespace gui
