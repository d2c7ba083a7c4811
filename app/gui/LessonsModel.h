#pragma once

#include "lesson/Lesson.h"

#include <QAbstractItemModel>

#include <optional>

namespace gui {

/// The lesson navigator: the five documents (and "beyond the documents") as top rows, their
/// lessons, in the documents' own order, as children. Titles in the session's language, as the
/// session's backend says them (a lesson that does not run on it: as its default backend does).
class LessonsModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Roles { LessonIdRole = Qt::UserRole + 1, DocumentRole };

    explicit LessonsModel(QObject *parent = nullptr);

    void setLang(const QString &lang);
    void setBackend(mux::Backend backend);
    /// The problems met while loading (a lesson file that failed to parse).
    QStringList loadErrors() const { return m_errors; }
    QModelIndex indexOf(const QString &lessonId) const;
    QString firstLessonId() const;
    /// The lesson after `id` in the navigator's order; empty after the last one.
    QString nextLessonId(const QString &id) const;
    const mux::Lesson *lesson(const QString &id) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;

    static QString documentTitle(const QString &document);

private:
    void titlesChanged();
    mux::Backend backendOf(const mux::Lesson &l) const;

    struct Document {
        QString id;
        QList<mux::Lesson> lessons;
    };
    QList<Document> m_docs;
    QStringList m_errors;
    QString m_lang = QStringLiteral("en");
    std::optional<mux::Backend> m_backend;
};

} // namespace gui
