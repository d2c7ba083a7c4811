#include "Narration.h"

#include <QRegularExpression>

namespace mux {

namespace {

// A placeholder: a lower-case name in braces. A quoted JSON message ({"msg_type": …}) never
// matches, so texts may quote one freely.
const QRegularExpression &placeholder()
{
    static const QRegularExpression re(QStringLiteral("\\{([a-z_]+)\\}"));
    return re;
}

struct Word {
    const char *name;
    // Per backend family (select, poll, epoll) and language.
    const char *select;
    const char *selectZh; // null: the same as `select`
    const char *pollEn, *pollZh;
    const char *epollEn, *epollZh;
};

const Word kWords[] = {
    {"call", "select", nullptr, "poll", "poll", "epoll_wait", "epoll_wait"},
    {"rlist", "rlist", nullptr, "POLLIN set", "POLLIN 集合", "EPOLLIN interest",
     "EPOLLIN 关注列表"},
    {"wlist", "wlist", nullptr, "POLLOUT set", "POLLOUT 集合", "EPOLLOUT interest",
     "EPOLLOUT 关注列表"},
    {"xlist", "xlist", nullptr, "POLLPRI set", "POLLPRI 集合", "EPOLLPRI interest",
     "EPOLLPRI 关注列表"},
    {"empty_lists", "three empty lists", "三个空列表", "0, nothing ready", "0，什么也没就绪",
     "0, nothing ready", "0，什么也没就绪"},
};

bool isHan(QChar c)
{
    return c.unicode() >= 0x2E80 && c.isLetter();
}

const Word *wordNamed(QStringView name)
{
    for (const Word &w : kWords)
        if (name == QLatin1String(w.name))
            return &w;
    return nullptr;
}

} // namespace

QString narrate(const QString &text, Backend backend, const QString &lang)
{
    if (!text.contains(QLatin1Char('{')))
        return text;
    const bool zh = lang == QLatin1String("zh");
    QString out;
    qsizetype from = 0;
    auto it = placeholder().globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        const Word *w = wordNamed(m.capturedView(1));
        if (!w)
            continue;
        out += QStringView(text).mid(from, m.capturedStart() - from);
        from = m.capturedEnd();
        const char *said = backend == Backend::Select
                               ? (zh && w->selectZh ? w->selectZh : w->select)
                           : backend == Backend::Poll ? (zh ? w->pollZh : w->pollEn)
                                                      : (zh ? w->epollZh : w->epollEn);
        const QString word = QString::fromUtf8(said);
        // Chinese puts a space between a Latin word and a character, none between two
        // characters: "rlist 里" reads "EPOLLIN 关注列表里", "返回{empty_lists}" "返回 0，…".
        if (zh && !out.isEmpty() && isHan(out.back()) && word.front().unicode() < 0x80)
            out += QLatin1Char(' ');
        out += word;
        if (zh && isHan(word.back()) && from + 1 < text.size() &&
            text.at(from) == QLatin1Char(' ') && isHan(text.at(from + 1)))
            ++from;
    }
    out += QStringView(text).mid(from);
    return out;
}

QStringList unknownPlaceholders(const QString &text)
{
    QStringList unknown;
    auto it = placeholder().globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        if (!wordNamed(m.capturedView(1)))
            unknown.append(m.captured(0));
    }
    return unknown;
}

} // namespace mux
