#include "MainWindow.h"

#include <QApplication>
#include <QLabel>

namespace gui {

int runGui(const cli::Options &options)
{
    Q_UNUSED(options);
    QLabel label(QObject::tr("muxlab"));
    label.resize(800, 600);
    label.show();
    return QApplication::exec();
}

} // namespace gui
