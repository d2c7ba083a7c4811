#pragma once

#include <QByteArray>
#include <QString>

namespace client {

/// Turns received bytes into text a terminal or a text view can show without lying: valid
/// UTF-8 kept (你好 reads as 你好), newlines and tabs kept, every other control byte and every
/// byte of invalid UTF-8 written as \xNN — never dropped, never replaced by U+FFFD.
///
/// Bytes arrive in whatever pieces recv returned, so a character split across two pieces is
/// held back until its last byte comes instead of being shown as two invalid bytes.
class Printable {
public:
    QString feed(const QByteArray &bytes);
    /// The bytes still held back (the stream ended mid-character): escaped.
    QString flush();

private:
    QByteArray m_held;
};

} // namespace client
