#pragma once

#include <QRegularExpression>
#include <QSyntaxHighlighter>
#include <QTextCharFormat>

namespace gui {

/// Python's colours for the program editor: keywords, builtins, strings, numbers, comments,
/// decorators. Triple-quoted strings may run over several lines (the block state says which
/// quote is still open). Small on purpose: a learner's server, not a full Python lexer.
class PythonHighlighter : public QSyntaxHighlighter {
    Q_OBJECT
public:
    explicit PythonHighlighter(QTextDocument *document);
    /// Dark backgrounds (high contrast) need brighter colours.
    void setDark(bool dark);

protected:
    void highlightBlock(const QString &text) override;

private:
    struct Rule {
        QRegularExpression pattern;
        QTextCharFormat format;
    };
    QList<Rule> m_rules;
    QTextCharFormat m_string, m_comment;
};

} // namespace gui
