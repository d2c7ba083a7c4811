#include "LessonsModel.h"

#include <QFont>

namespace gui {

LessonsModel::LessonsModel(QObject *parent) : QAbstractItemModel(parent)
{
    for (mux::Lesson &l : mux::loadLessons(&m_errors)) {
        if (m_docs.isEmpty() || m_docs.last().id != l.document)
            m_docs.append({l.document, {}});
        m_docs.last().lessons.append(std::move(l));
    }
}

void LessonsModel::setLang(const QString &lang)
{
    m_lang = lang;
    titlesChanged();
}

void LessonsModel::setBackend(mux::Backend backend)
{
    if (m_backend == backend)
        return;
    m_backend = backend;
    titlesChanged();
}

mux::Backend LessonsModel::backendOf(const mux::Lesson &l) const
{
    return m_backend && l.backends.contains(*m_backend) ? *m_backend : l.backends.first();
}

void LessonsModel::titlesChanged()
{
    // Titles change, not the shape.
    for (int d = 0; d < m_docs.size(); ++d) {
        emit dataChanged(index(d, 0), index(d, 0));
        if (!m_docs[d].lessons.isEmpty())
            emit dataChanged(index(0, 0, index(d, 0)),
                             index(int(m_docs[d].lessons.size()) - 1, 0, index(d, 0)));
    }
}

QString LessonsModel::documentTitle(const QString &document)
{
    if (document == QLatin1String("000"))
        return tr("000 · Lesson 55: select + socket");
    if (document == QLatin1String("001"))
        return tr("001 · I/O multiplexing");
    if (document == QLatin1String("002"))
        return tr("002 · select, poll, epoll");
    if (document == QLatin1String("003"))
        return tr("003 · Socket programming");
    if (document == QLatin1String("004"))
        return tr("004 · select in depth");
    if (document == QLatin1String("extra"))
        return tr("Beyond the documents");
    return document;
}

QModelIndex LessonsModel::indexOf(const QString &lessonId) const
{
    for (int d = 0; d < m_docs.size(); ++d)
        for (int i = 0; i < m_docs[d].lessons.size(); ++i)
            if (m_docs[d].lessons[i].id == lessonId)
                return index(i, 0, index(d, 0));
    return {};
}

const mux::Lesson *LessonsModel::lesson(const QString &id) const
{
    for (const Document &d : m_docs)
        for (const mux::Lesson &l : d.lessons)
            if (l.id == id)
                return &l;
    return nullptr;
}

QString LessonsModel::nextLessonId(const QString &id) const
{
    bool found = false;
    for (const Document &d : m_docs)
        for (const mux::Lesson &l : d.lessons) {
            if (found)
                return l.id;
            found = l.id == id;
        }
    return {};
}

QString LessonsModel::firstLessonId() const
{
    return m_docs.isEmpty() || m_docs.first().lessons.isEmpty() ? QString()
                                                                : m_docs.first().lessons.first().id;
}

QModelIndex LessonsModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    // internalId 0: a document row; d + 1: a lesson of document d.
    return createIndex(row, column, parent.isValid() ? quintptr(parent.row() + 1) : quintptr(0));
}

QModelIndex LessonsModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == 0)
        return {};
    return createIndex(int(child.internalId() - 1), 0, quintptr(0));
}

int LessonsModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_docs.size());
    if (parent.internalId() != 0 || parent.column() != 0)
        return 0;
    return int(m_docs[parent.row()].lessons.size());
}

int LessonsModel::columnCount(const QModelIndex &) const
{
    return 1;
}

QVariant LessonsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (index.internalId() == 0) {
        const Document &d = m_docs[index.row()];
        if (role == Qt::DisplayRole)
            return documentTitle(d.id);
        if (role == DocumentRole)
            return d.id;
        if (role == Qt::FontRole) {
            QFont f;
            f.setBold(true);
            return f;
        }
        return {};
    }
    const mux::Lesson &l = m_docs[int(index.internalId() - 1)].lessons[index.row()];
    switch (role) {
    case Qt::DisplayRole:
        return l.titleFor(backendOf(l), m_lang);
    case Qt::ToolTipRole:
        return QStringLiteral("%1\n%2\n\n%3")
            .arg(l.id, l.section.in(m_lang), l.summaryFor(backendOf(l), m_lang));
    case LessonIdRole:
        return l.id;
    case DocumentRole:
        return l.document;
    }
    return {};
}

QVariant LessonsModel::headerData(int section, Qt::Orientation o, int role) const
{
    if (role == Qt::DisplayRole && o == Qt::Horizontal && section == 0)
        return tr("Lessons");
    return {};
}

} // namespace gui
