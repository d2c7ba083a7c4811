#include "Theme.h"

namespace gui {

QColor Theme::role(mux::Role r) const
{
    // Hues far apart and still distinct for the common colour-vision deficiencies
    // (blue / orange / green / purple / teal), brighter on the black projector background.
    switch (r) {
    case mux::Role::Listener:
        return highContrast ? QColor(0x5a, 0xb4, 0xff) : QColor(0x1f, 0x6f, 0xd1);
    case mux::Role::Conn:
        return highContrast ? QColor(0x3d, 0xe0, 0x7a) : QColor(0x1a, 0x8a, 0x45);
    case mux::Role::Client:
        return highContrast ? QColor(0xff, 0xa6, 0x2b) : QColor(0xc9, 0x6a, 0x00);
    case mux::Role::External:
        return highContrast ? QColor(0xd8, 0x8c, 0xff) : QColor(0x8a, 0x3f, 0xc4);
    case mux::Role::Udp:
        return highContrast ? QColor(0x2b, 0xe8, 0xe0) : QColor(0x00, 0x84, 0x8a);
    }
    return Qt::gray;
}

QColor Theme::background() const
{
    return highContrast ? QColor(Qt::black) : QColor(0xfb, 0xfb, 0xfc);
}
QColor Theme::text() const
{
    return highContrast ? QColor(Qt::white) : QColor(0x1b, 0x1f, 0x24);
}
QColor Theme::mutedText() const
{
    return highContrast ? QColor(0xd0, 0xd0, 0xd0) : QColor(0x5b, 0x63, 0x6e);
}

QColor Theme::laneBackground(int lane) const
{
    if (highContrast)
        return lane % 2 ? QColor(0x14, 0x14, 0x14) : QColor(0x22, 0x22, 0x22);
    return lane % 2 ? QColor(0xf0, 0xf3, 0xf7) : QColor(0xe7, 0xec, 0xf3);
}

QColor Theme::readyMark() const
{
    return highContrast ? QColor(0xff, 0xf0, 0x00) : QColor(0xe0, 0x9b, 0x00);
}
QColor Theme::removed() const
{
    return highContrast ? QColor(0xff, 0x55, 0x55) : QColor(0xc6, 0x28, 0x28);
}
QColor Theme::appended() const
{
    return highContrast ? QColor(0x66, 0xff, 0x99) : QColor(0x0b, 0x7a, 0x33);
}
QColor Theme::cursor() const
{
    return highContrast ? QColor(0xff, 0xf0, 0x00) : QColor(0x1f, 0x6f, 0xd1);
}
QColor Theme::right() const
{
    return highContrast ? QColor(0x66, 0xff, 0x99) : QColor(0x0b, 0x7a, 0x33);
}
QColor Theme::wrong() const
{
    return highContrast ? QColor(0xff, 0x66, 0x66) : QColor(0xc6, 0x28, 0x28);
}

QColor Theme::backend(mux::Backend b) const
{
    // Blue, orange and a bluish green: apart for the common colour-vision deficiencies.
    switch (b) {
    case mux::Backend::Select:
        return highContrast ? QColor(0x5a, 0xb4, 0xff) : QColor(0x1f, 0x6f, 0xd1);
    case mux::Backend::Poll:
        return highContrast ? QColor(0xff, 0xa6, 0x2b) : QColor(0xc9, 0x6a, 0x00);
    case mux::Backend::Epoll:
    case mux::Backend::EpollEt:
        return highContrast ? QColor(0x2b, 0xe8, 0xb0) : QColor(0x00, 0x8a, 0x66);
    }
    return Qt::gray;
}

QPalette Theme::palette() const
{
    if (!highContrast) {
        QPalette p;
        p.setColor(QPalette::Window, QColor(0xf3, 0xf4, 0xf6));
        p.setColor(QPalette::WindowText, text());
        p.setColor(QPalette::Base, Qt::white);
        p.setColor(QPalette::AlternateBase, QColor(0xf3, 0xf5, 0xf8));
        p.setColor(QPalette::Text, text());
        p.setColor(QPalette::Button, QColor(0xe9, 0xeb, 0xef));
        p.setColor(QPalette::ButtonText, text());
        p.setColor(QPalette::Highlight, QColor(0x1f, 0x6f, 0xd1));
        p.setColor(QPalette::HighlightedText, Qt::white);
        p.setColor(QPalette::ToolTipBase, QColor(0xff, 0xff, 0xe1));
        p.setColor(QPalette::ToolTipText, Qt::black);
        p.setColor(QPalette::PlaceholderText, mutedText());
        p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x9a, 0xa0, 0xa8));
        p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x9a, 0xa0, 0xa8));
        p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x9a, 0xa0, 0xa8));
        return p;
    }
    QPalette p;
    p.setColor(QPalette::Window, Qt::black);
    p.setColor(QPalette::WindowText, Qt::white);
    p.setColor(QPalette::Base, Qt::black);
    p.setColor(QPalette::AlternateBase, QColor(0x1a, 0x1a, 0x1a));
    p.setColor(QPalette::Text, Qt::white);
    p.setColor(QPalette::Button, QColor(0x20, 0x20, 0x20));
    p.setColor(QPalette::ButtonText, Qt::white);
    p.setColor(QPalette::Highlight, QColor(0xff, 0xf0, 0x00));
    p.setColor(QPalette::HighlightedText, Qt::black);
    p.setColor(QPalette::ToolTipBase, Qt::black);
    p.setColor(QPalette::ToolTipText, Qt::white);
    p.setColor(QPalette::Light, QColor(0x60, 0x60, 0x60));
    p.setColor(QPalette::Mid, QColor(0x80, 0x80, 0x80));
    p.setColor(QPalette::Dark, QColor(0xc0, 0xc0, 0xc0));
    p.setColor(QPalette::PlaceholderText, QColor(0xc0, 0xc0, 0xc0));
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x90, 0x90, 0x90));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x90, 0x90, 0x90));
    p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x90, 0x90, 0x90));
    return p;
}

} // namespace gui
