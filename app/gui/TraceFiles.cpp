#include "TraceFiles.h"

#include "Actions.h"
#include "Exporter.h"
#include "ProgramRun.h"
#include "Session.h"
#include "TickView.h"
#include "share/HtmlPage.h"

#include <QFileDialog>

namespace gui {

TraceFiles::TraceFiles(Session *session, TickView *view, Actions &a, QWidget *dialogParent)
    : QObject(dialogParent), m_session(session), m_view(view), m_parent(dialogParent)
{
    setObjectName(QStringLiteral("traceFiles"));
    connect(a.openTrace, &QAction::triggered, this, [this] {
        const QString path =
            QFileDialog::getOpenFileName(m_parent, tr("Open a saved trace"), QString(),
                                         tr("muxlab traces (*.json);;All files (*)"));
        if (!path.isEmpty())
            openTrace(path);
    });
    connect(a.saveTrace, &QAction::triggered, this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            m_parent, tr("Save the trace"), m_session->title() + QStringLiteral(".json"),
            tr("muxlab traces (*.json)"));
        if (!path.isEmpty())
            saveTrace(path);
    });
    auto exportAs = [this](const QString &title, const QString &ext, const QString &filter,
                           bool (TraceFiles::*save)(const QString &)) {
        const QString name = QStringLiteral("%1-tick%2.%3")
                                 .arg(m_session->title())
                                 .arg(m_session->snapshot().record.tick)
                                 .arg(ext);
        const QString path = QFileDialog::getSaveFileName(m_parent, title, name, filter);
        if (!path.isEmpty())
            (this->*save)(path);
    };
    connect(a.exportPng, &QAction::triggered, this, [this, exportAs] {
        exportAs(tr("Export the tick as PNG"), QStringLiteral("png"), tr("PNG pictures (*.png)"),
                 &TraceFiles::exportPng);
    });
    connect(a.exportSvg, &QAction::triggered, this, [this, exportAs] {
        exportAs(tr("Export the tick as SVG"), QStringLiteral("svg"), tr("SVG drawings (*.svg)"),
                 &TraceFiles::exportSvg);
    });
    connect(a.exportHtml, &QAction::triggered, this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            m_parent, tr("Export the run as a web page"),
            m_session->title() + QStringLiteral(".html"), tr("Web pages (*.html)"));
        if (!path.isEmpty())
            exportHtml(path);
    });
}

bool TraceFiles::exportPng(const QString &path)
{
    if (auto r = Exporter::png(*m_view, path); !r) {
        emit failed(r.error().text);
        return false;
    }
    emit saved(path);
    return true;
}

bool TraceFiles::exportSvg(const QString &path)
{
    if (auto r = Exporter::svg(*m_view, path, m_parent->windowTitle()); !r) {
        emit failed(r.error().text);
        return false;
    }
    emit saved(path);
    return true;
}

bool TraceFiles::exportHtml(const QString &path)
{
    mux::share::PageSource source;
    source.trace = m_session->trace();
    source.lesson = m_session->lesson();
    source.clientNames = m_session->clientNames();
    source.lang = m_session->lang();
    source.title = m_session->title();
    if (auto r = mux::share::writePage(path, source); !r) {
        emit failed(r.error().text);
        return false;
    }
    emit saved(path);
    return true;
}

bool TraceFiles::saveTrace(const QString &path)
{
    const mux::Trace *t = m_session->trace();
    if (!t) {
        emit failed(tr("There is no trace to save yet: open a lesson and step first."));
        return false;
    }
    // A program's ticks are saved with the FILE:LINE each call came from.
    const ProgramRun *program = m_session->program();
    if (auto r = program ? program->process().save(path) : t->save(path); !r) {
        emit failed(tr("The trace could not be saved to %1: %2").arg(path, r.error().text));
        return false;
    }
    emit saved(path);
    return true;
}

bool TraceFiles::openTrace(const QString &path)
{
    return m_session->openTrace(path);
}

} // namespace gui
