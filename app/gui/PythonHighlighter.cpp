#include "PythonHighlighter.h"

namespace gui {

namespace {

QTextCharFormat colour(const QColor &c, bool bold = false, bool italic = false)
{
    QTextCharFormat f;
    f.setForeground(c);
    if (bold)
        f.setFontWeight(QFont::Bold);
    f.setFontItalic(italic);
    return f;
}

enum BlockState { Plain = 0, InTripleDouble = 1, InTripleSingle = 2 };

} // namespace

PythonHighlighter::PythonHighlighter(QTextDocument *document) : QSyntaxHighlighter(document)
{
    setDark(false);
}

void PythonHighlighter::setDark(bool dark)
{
    const QColor keyword = dark ? QColor(0x82, 0xaa, 0xff) : QColor(0x00, 0x33, 0xb3);
    const QColor builtin = dark ? QColor(0xc7, 0x92, 0xea) : QColor(0x87, 0x10, 0x94);
    const QColor number = dark ? QColor(0xf7, 0x8c, 0x6c) : QColor(0x17, 0x50, 0xeb);
    const QColor decorator = dark ? QColor(0xff, 0xcb, 0x6b) : QColor(0x9e, 0x88, 0x0d);
    m_string = colour(dark ? QColor(0xc3, 0xe8, 0x8d) : QColor(0x06, 0x7d, 0x17));
    m_comment = colour(dark ? QColor(0x9e, 0x9e, 0x9e) : QColor(0x8c, 0x8c, 0x8c), false, true);
    m_rules.clear();
    const QString keywords = QStringLiteral(
        "and|as|assert|async|await|break|class|continue|def|del|elif|else|except|finally|for|"
        "from|global|if|import|in|is|lambda|nonlocal|not|or|pass|raise|return|try|while|with|"
        "yield|None|True|False");
    const QString builtins = QStringLiteral(
        "print|len|range|int|str|bytes|list|dict|set|tuple|open|isinstance|enumerate|self|"
        "super|repr|min|max|sorted|any|all|Exception|OSError|KeyboardInterrupt");
    m_rules.append(
        {QRegularExpression(QStringLiteral("\\b(%1)\\b").arg(keywords)), colour(keyword, true)});
    m_rules.append(
        {QRegularExpression(QStringLiteral("\\b(%1)\\b").arg(builtins)), colour(builtin)});
    m_rules.append({QRegularExpression(QStringLiteral("\\b(0[xX][0-9a-fA-F_]+|\\d[\\d_]*(\\.\\d*)?"
                                                      "([eE][+-]?\\d+)?)\\b")),
                    colour(number)});
    m_rules.append({QRegularExpression(QStringLiteral("^\\s*@[\\w.]+")), colour(decorator)});
    rehighlight();
}

void PythonHighlighter::highlightBlock(const QString &text)
{
    for (const Rule &r : std::as_const(m_rules)) {
        auto it = r.pattern.globalMatch(text);
        while (it.hasNext()) {
            const auto m = it.next();
            setFormat(int(m.capturedStart()), int(m.capturedLength()), r.format);
        }
    }
    // Strings and comments last, left to right, so a '#' inside a string stays a string and a
    // keyword inside either loses its colour.
    setCurrentBlockState(Plain);
    qsizetype i = 0;
    const int open = previousBlockState();
    if (open == InTripleDouble || open == InTripleSingle) {
        const QString quote =
            open == InTripleDouble ? QStringLiteral("\"\"\"") : QStringLiteral("'''");
        const qsizetype end = text.indexOf(quote);
        if (end < 0) {
            setFormat(0, int(text.size()), m_string);
            setCurrentBlockState(open);
            return;
        }
        setFormat(0, int(end + 3), m_string);
        i = end + 3;
    }
    while (i < text.size()) {
        const QChar c = text.at(i);
        if (c == u'#') {
            setFormat(int(i), int(text.size() - i), m_comment);
            return;
        }
        if (c != u'"' && c != u'\'') {
            ++i;
            continue;
        }
        const QString triple(3, c);
        if (text.mid(i, 3) == triple) {
            const qsizetype end = text.indexOf(triple, i + 3);
            if (end < 0) {
                setFormat(int(i), int(text.size() - i), m_string);
                setCurrentBlockState(c == u'"' ? InTripleDouble : InTripleSingle);
                return;
            }
            setFormat(int(i), int(end + 3 - i), m_string);
            i = end + 3;
            continue;
        }
        qsizetype j = i + 1;
        while (j < text.size() && text.at(j) != c)
            j += text.at(j) == u'\\' ? 2 : 1;
        j = std::min(j + 1, text.size());
        setFormat(int(i), int(j - i), m_string);
        i = j;
    }
}

} // namespace gui
