#include "Exporter.h"

#include "TickView.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QImage>
#include <QPainter>
#include <QSvgGenerator>

namespace gui {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("gui::Exporter", text);
}

QSize exportSize(const TickView &view)
{
    const int w = std::max(view.width(), 640);
    return {w, std::max(view.contentHeight(w), 200)};
}

} // namespace

mux::Result<void> Exporter::png(const TickView &view, const QString &path)
{
    const QSize size = exportSize(view);
    // Twice the pixels: a slide projected large stays sharp.
    const qreal scale = 2.0;
    QImage image(size * scale, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(scale);
    image.fill(Qt::white);
    {
        QPainter p(&image);
        view.render(p, size);
    }
    if (!image.save(path, "PNG"))
        return mux::Error{
            0, tr("The picture could not be written to %1: is the folder there and writable?")
                   .arg(QFileInfo(path).absoluteFilePath())};
    return {};
}

mux::Result<void> Exporter::svg(const TickView &view, const QString &path, const QString &title)
{
    const QSize size = exportSize(view);
    QSvgGenerator gen;
    gen.setFileName(path);
    gen.setSize(size);
    gen.setViewBox(QRect(QPoint(0, 0), size));
    gen.setTitle(title);
    gen.setDescription(tr("One tick of muxlab: the lists passed in and what came back ready."));
    QPainter p;
    if (!p.begin(&gen))
        return mux::Error{
            0, tr("The drawing could not be written to %1: is the folder there and writable?")
                   .arg(QFileInfo(path).absoluteFilePath())};
    view.render(p, size);
    p.end();
    if (!QFileInfo(path).exists() || QFileInfo(path).size() == 0)
        return mux::Error{
            0,
            tr("The drawing could not be written to %1.").arg(QFileInfo(path).absoluteFilePath())};
    return {};
}

} // namespace gui
