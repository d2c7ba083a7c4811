#include "HelpDialogs.h"

#include "Launcher.h"
#include "Session.h"
#include "Theme.h"
#include "net/Interfaces.h"

#include <QAction>
#include <QDialog>
#include <QDialogButtonBox>
#include <QMenu>
#include <QPainter>
#include <QRegularExpression>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace gui {

namespace {

const char *const kPageNames[] = {"shortcutsHelp", "tickHelp", "connectHelp"};
const char *const kActionNames[] = {"helpShortcuts", "helpTick", "helpConnect"};

/// The four looks of a chip, drawn as the tick view draws them: passed in and not ready, came
/// back ready, appended for the next call, removed from the list.
class ChipLegend : public QWidget {
public:
    explicit ChipLegend(QWidget *parent = nullptr) : QWidget(parent)
    {
        setObjectName(QStringLiteral("chipLegend"));
        setMinimumHeight(fontMetrics().height() * 4);
    }
    QStringList captions;

protected:
    void paintEvent(QPaintEvent *) override
    {
        QPainter p(this);
        p.setRenderHint(QPainter::Antialiasing);
        const Theme theme;
        const qreal u = fontMetrics().height();
        const qreal w = (width() - u) / 4.0;
        const QColor role = theme.role(mux::Role::Conn);
        for (int i = 0; i < 4; ++i) {
            const QRectF r(u / 2 + i * w + u * 0.3, u * 0.6, w - u * 0.9, u * 2.2);
            QPen border(role, 2);
            QColor fill = theme.background();
            QString badge;
            QColor badgeColor;
            p.setOpacity(1.0);
            if (i == 1) {
                fill = role;
                badge = QStringLiteral("✓");
                badgeColor = theme.readyMark();
            } else if (i == 2) {
                border = QPen(theme.appended(), 2.5, Qt::DashLine);
                badge = QStringLiteral("+");
                badgeColor = theme.appended();
            } else if (i == 3) {
                border = QPen(theme.removed(), 2.5, Qt::DashLine);
                badge = QStringLiteral("−");
                badgeColor = theme.removed();
                p.setOpacity(0.55);
            }
            p.setBrush(fill);
            p.setPen(border);
            p.drawRoundedRect(r, u * 0.35, u * 0.35);
            if (i == 1) {
                p.setPen(QPen(theme.readyMark(), 3.5));
                p.setBrush(Qt::NoBrush);
                p.drawRoundedRect(r.adjusted(-3, -3, 3, 3), u * 0.35 + 3, u * 0.35 + 3);
            }
            QFont bold = font();
            bold.setBold(true);
            p.setFont(bold);
            p.setPen(i == 1 ? QColor(Qt::white) : theme.text());
            p.drawText(r.adjusted(u * 0.4, 0, -u, 0), Qt::AlignVCenter | Qt::AlignLeft,
                       QFontMetricsF(bold).elidedText(captions.value(i), Qt::ElideRight,
                                                      r.width() - u * 1.4));
            if (!badge.isEmpty()) {
                const qreal d = u * 0.95;
                const QRectF br(r.right() - d * 0.75, r.top() - d * 0.25, d, d);
                p.setPen(Qt::NoPen);
                p.setBrush(badgeColor);
                p.drawEllipse(br);
                p.setPen(Qt::white);
                p.drawText(br, Qt::AlignCenter, badge);
            }
        }
    }
};

QString htmlEscaped(const QString &s)
{
    return s.toHtmlEscaped();
}

/// Where a student's machine reaches the server: the bound address, or for 0.0.0.0 the first
/// address on a network interface.
QString reachableHost(const QString &bound)
{
    if (bound != QLatin1String("0.0.0.0"))
        return bound;
    for (const mux::net::Interface &i : mux::net::ipv4Interfaces())
        if (!i.loopback && i.up)
            return i.address;
    return QStringLiteral("127.0.0.1");
}

} // namespace

HelpMenu::HelpMenu(QMenu *menu, Session *session, QWidget *window)
    : QObject(menu), m_session(session), m_window(window)
{
    for (int i = 0; i < 3; ++i) {
        m_actions[i] = menu->addAction(QString());
        m_actions[i]->setObjectName(QLatin1String(kActionNames[i]));
        connect(m_actions[i], &QAction::triggered, this, [this, i] { open(Page(i)); });
    }
    m_actions[0]->setShortcut(QKeySequence(Qt::Key_F1));
    connect(session, &Session::sessionReset, this, [this] {
        if (m_pages[int(Page::Connect)])
            fill(Page::Connect);
    });
    retranslate();
}

void HelpMenu::retranslate()
{
    m_actions[0]->setText(tr("&Keyboard shortcuts"));
    m_actions[1]->setText(tr("&What is a tick?"));
    m_actions[2]->setText(tr("How to &connect a real client"));
    for (int i = 0; i < 3; ++i)
        if (m_pages[i])
            fill(Page(i));
}

QDialog *HelpMenu::open(Page page)
{
    const int i = int(page);
    if (!m_pages[i]) {
        auto *d = new QDialog(m_window);
        d->setObjectName(QLatin1String(kPageNames[i]));
        d->setAttribute(Qt::WA_DeleteOnClose);
        auto *layout = new QVBoxLayout(d);
        if (page == Page::Tick)
            layout->addWidget(new ChipLegend(d));
        auto *text = new QTextBrowser(d);
        text->setObjectName(QStringLiteral("helpText"));
        text->setOpenExternalLinks(false);
        layout->addWidget(text, 1);
        auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, d);
        connect(buttons, &QDialogButtonBox::rejected, d, &QDialog::reject);
        layout->addWidget(buttons);
        const int em = d->fontMetrics().height();
        d->resize(em * (page == Page::Shortcuts ? 30 : 44), em * (page == Page::Connect ? 28 : 36));
        m_pages[i] = d;
        fill(page);
    }
    m_pages[i]->show();
    m_pages[i]->raise();
    m_pages[i]->activateWindow();
    return m_pages[i];
}

void HelpMenu::fill(Page page)
{
    QDialog *d = m_pages[int(page)];
    if (!d)
        return;
    auto *text = d->findChild<QTextBrowser *>(QStringLiteral("helpText"));
    switch (page) {
    case Page::Shortcuts:
        d->setWindowTitle(tr("Keyboard shortcuts"));
        text->setHtml(shortcutsHtml());
        break;
    case Page::Tick:
        d->setWindowTitle(tr("What is a tick?"));
        if (auto *legend = d->findChild<ChipLegend *>()) {
            legend->captions = {tr("passed in"), tr("ready"), tr("added"), tr("removed")};
            legend->update();
        }
        text->setHtml(tickHtml());
        break;
    case Page::Connect:
        d->setWindowTitle(tr("How to connect a real client"));
        text->setHtml(connectHtml());
        break;
    }
}

QString HelpMenu::shortcutsHtml() const
{
    QString rows;
    QList<QAction *> seen;
    for (QAction *a : m_window->findChildren<QAction *>()) {
        if (a->shortcuts().isEmpty() || seen.contains(a))
            continue;
        seen.append(a);
        QStringList keys;
        for (const QKeySequence &k : a->shortcuts())
            keys.append(k.toString(QKeySequence::NativeText));
        QString name = a->text();
        name.remove(QRegularExpression(QStringLiteral("&(?!&)")));
        name.remove(QStringLiteral("…"));
        rows += QStringLiteral("<tr><td style='padding-right:2em'><b>%1</b></td><td>%2</td></tr>")
                    .arg(htmlEscaped(keys.join(QStringLiteral(", "))), htmlEscaped(name));
    }
    return QStringLiteral("<p>%1</p><table>%2</table><p>%3</p>")
        .arg(tr("Every command of the window, and the keys that run it wherever the focus is:"),
             rows,
             tr("In the timeline, ← and → move one tick; in a list, Tab moves between panes."));
}

QString HelpMenu::tickHtml() const
{
    return tr(
        "<p>A <b>tick</b> is one call of the server's wait — <code>select()</code>, "
        "<code>poll()</code> or <code>epoll_wait()</code> — and what the server does with its "
        "answer. Each step (F10) runs exactly one:</p>"
        "<ol><li><b>Clients act</b>: the lesson's clients connect, send or close.</li>"
        "<li><b>The server waits</b>: the call is given its lists (rlist, wlist, xlist; poll's "
        "pollfd array; epoll's interest list) and the kernel returns the sockets that are "
        "ready.</li>"
        "<li><b>The server handles them</b>: accept, recv, send, close — each a line in the "
        "syscall log.</li>"
        "<li><b>The tick is recorded</b>: step back to look at it again.</li></ol>"
        "<p>Between ticks nothing runs. A real client that sends something waits: its bytes sit "
        "in the kernel until the next tick, as in a real server.</p>"
        "<h3>How to read the chips</h3>"
        "<p>Each chip is one socket in a list the call was given. Above, from left to right:</p>"
        "<ul><li><b>Passed in</b>: outlined in its role's colour. The server asked about it; "
        "the kernel had nothing to report.</li>"
        "<li><b>Ready</b>: filled, with a ring and ✓. The kernel returned it; the line under "
        "its name says why (bytes to read, a connection waiting, the peer closed).</li>"
        "<li><b>Added</b> (+): a dashed green border. The server appended it to its list for "
        "the next call.</li>"
        "<li><b>Removed</b> (−): a dashed red border, faded. The server took it off its list, "
        "usually because the conn was closed.</li></ul>"
        "<p>The colour says what the socket is: a listener, a conn the server accepted, a "
        "client, an outside client.</p>");
}

QString HelpMenu::connectHtml() const
{
    const QList<mux::net::Endpoint> listeners = m_session->listeners();
    const mux::Lesson *lesson = m_session->lesson();
    if (listeners.isEmpty() || !lesson || !m_session->run())
        return tr("<p>Open a lesson first: its server then listens on a real port, and this page "
                  "shows the commands that connect to it.</p>");
    const QString host = reachableHost(listeners.first().host);
    QList<mux::net::Endpoint> reach = listeners;
    for (mux::net::Endpoint &e : reach)
        e.host = host;
    QString lines;
    Launcher launcher;
    for (const ClientCommand &c : launcher.commandsFor(*lesson, reach)) {
        QString text = c.text();
        if (c.kind == QLatin1String("python3")) // the script's folder differs per machine
            text = QStringLiteral("python3 %1 --host %2 --port %3 --wait")
                       .arg(lesson->clientScript.section(QLatin1Char('/'), -1), host)
                       .arg(c.server.port);
        else if (c.kind == QLatin1String("muxlab"))
            text =
                QStringLiteral("muxlab --client --host %1 --port %2").arg(host).arg(c.server.port);
        lines += QStringLiteral("<pre style='font-size:large'>%1</pre>").arg(htmlEscaped(text));
    }
    QString where;
    if (host.startsWith(QLatin1String("127.")))
        where = tr("<p>The server of <b>%1</b> listens on <b>%2:%3</b>, on this machine only. "
                   "To let the students' machines connect, choose a network in the Class tab "
                   "and press <b>Open to this network</b>.</p>")
                    .arg(lesson->id, host)
                    .arg(listeners.first().port);
    else
        where = tr("<p>The server of <b>%1</b> listens on <b>%2:%3</b>: the students' machines "
                   "on this network can connect to it.</p>")
                    .arg(lesson->id, host)
                    .arg(listeners.first().port);
    return where + tr("<p>Type one of these in a terminal:</p>") + lines +
           tr("<p><b>nc</b> and <b>telnet</b> send what you type and print what comes back. The "
              "lesson's Python client plays the lesson's exchange; <b>--&#8288;wait</b> lets "
              "it wait as long as the class does, since the server runs a tick only when the "
              "teacher steps (F10). The connection shows in the next tick as an outside client."
              "</p>");
}

} // namespace gui
