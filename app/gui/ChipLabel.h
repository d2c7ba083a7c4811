#pragma once

#include <QFontMetricsF>
#include <QString>

namespace gui {

/// A chip's label cut to `width`: in the middle, keeping an outside client's program
/// ("conn 127.0…:43016 (python3 echo_client.py)") whole when it fits.
QString elideChipLabel(const QString &label, const QFontMetricsF &fm, qreal width);

} // namespace gui
