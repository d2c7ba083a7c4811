#include "ChipLabel.h"

namespace gui {

QString elideChipLabel(const QString &label, const QFontMetricsF &fm, qreal width)
{
    if (fm.horizontalAdvance(label) <= width)
        return label;
    // An outside client's label ends in its program ("conn 127.0.0.1:43016 (python3
    // echo_client.py)"): the program tells the class who it is, so the address gives way.
    if (const qsizetype open = label.indexOf(QStringLiteral(" (")); open > 0) {
        const QString who = label.mid(open);
        const qreal room = width - fm.horizontalAdvance(who);
        if (room > fm.horizontalAdvance(QStringLiteral("conn …")))
            return fm.elidedText(label.left(open), Qt::ElideMiddle, room) + who;
    }
    return fm.elidedText(label, Qt::ElideMiddle, width);
}

} // namespace gui
