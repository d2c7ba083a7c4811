#include "TimelineModel.h"

#include "ProgramRun.h"
#include "Session.h"

#include <cerrno>

namespace gui {

TimelineModel::TimelineModel(Session *session, QObject *parent)
    : QAbstractListModel(parent), m_session(session)
{
    connect(session, &Session::sessionReset, this, &TimelineModel::reset);
    connect(session, &Session::tickAppended, this, &TimelineModel::appended);
    connect(session, &Session::langChanged, this, [this] {
        if (m_rows)
            emit dataChanged(index(0), index(m_rows - 1));
    });
    reset();
}

void TimelineModel::reset()
{
    beginResetModel();
    m_marks.clear();
    const mux::Trace *t = m_session ? m_session->trace() : nullptr;
    m_rows = t ? int(t->size()) : 0;
    m_first = t ? int(t->firstKept()) : 0;
    for (int i = m_first; i < m_rows; ++i)
        m_marks.append(marksOf(i));
    endResetModel();
}

void TimelineModel::appended(qsizetype index)
{
    const mux::Trace *t = m_session->trace();
    if (!t || index < m_rows)
        return;
    // A program at full speed keeps only the newest ticks: their marks go with them. The rows
    // stay (a row is a tick's index), drawn as dropped.
    if (const int first = int(t->firstKept()); first > m_first) {
        m_marks.remove(0, std::min<qsizetype>(first - m_first, m_marks.size()));
        m_first = first;
        while (m_marks.size() + m_first < m_rows) // rows dropped before their marks were read
            m_marks.prepend(0);
        emit droppedChanged(m_first);
    }
    beginInsertRows({}, m_rows, int(index));
    for (qsizetype i = m_rows; i <= index; ++i)
        m_marks.append(i >= m_first ? marksOf(i) : 0);
    m_rows = int(index) + 1;
    endInsertRows();
}

int TimelineModel::marksOf(qsizetype index) const
{
    using Call = mux::Action::Call;
    const mux::TickRecord &t = m_session->trace()->at(index);
    int m = 0;
    if (t.kind == mux::TickRecord::Kind::Setup)
        m |= Setup;
    else if (t.ret == 0 && !t.err && t.timeoutMs >= 0) // -1 never times out
        m |= Timeout;
    if (t.err)
        m |= Failure;
    for (const mux::Action &a : t.actions) {
        if (a.actor == mux::Action::Actor::Client) {
            if (a.call != Call::Recv)
                m |= ClientActed;
            continue;
        }
        switch (a.call) {
        case Call::Accept:
            m |= Accept;
            break;
        case Call::Recv:
        case Call::RecvFrom:
        case Call::RecvUrgent:
            m |= Recv;
            break;
        case Call::Send:
        case Call::SendTo:
            m |= Send;
            break;
        case Call::Close:
            m |= Close;
            break;
        case Call::Watch:
        case Call::Unwatch:
        case Call::Modify:
            m |= ListChange;
            break;
        case Call::Refuse:
            m |= Failure;
            break;
        default:
            break;
        }
        if (a.err && a.err != EINPROGRESS && a.call != Call::Accept && a.call != Call::Recv)
            m |= Failure;
    }
    return m;
}

QString TimelineModel::markNames(int marks)
{
    QStringList names;
    if (marks & Setup)
        names << tr("setup");
    if (marks & ClientActed)
        names << tr("clients act");
    if (marks & Timeout)
        names << tr("timeout");
    if (marks & Accept)
        names << tr("accept");
    if (marks & Recv)
        names << tr("recv");
    if (marks & Send)
        names << tr("send");
    if (marks & Close)
        names << tr("close");
    if (marks & ListChange)
        names << tr("list changed");
    if (marks & Failure)
        names << tr("error");
    return names.join(QStringLiteral(", "));
}

QString TimelineModel::droppedNote(int first)
{
    return tr("Ticks 0–%1 were dropped: at full speed only the newest %2 ticks are kept.")
        .arg(first - 1)
        .arg(ProgramRun::kKeepTicks);
}

int TimelineModel::plannedTicks() const
{
    const mux::Lesson *l = m_session ? m_session->lesson() : nullptr;
    return l && m_session->hasEngine() ? int(l->ticks) + 1 : 0;
}

int TimelineModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows;
}

QVariant TimelineModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    if (index.row() < m_first) { // dropped at full speed
        if (role == Qt::DisplayRole || role == Qt::ToolTipRole)
            return droppedNote(m_first);
        return role == MarksRole ? QVariant(0) : QVariant();
    }
    const mux::TickRecord &t = m_session->trace()->at(index.row());
    const mux::Lesson *l = m_session->lesson();
    const mux::LessonStep *step = l && t.tick ? l->stepAt(t.tick) : nullptr;
    switch (role) {
    case Qt::DisplayRole:
        return tr("tick %1").arg(t.tick);
    case Qt::ToolTipRole: {
        QString tip = tr("tick %1: %2").arg(t.tick).arg(markNames(m_marks[index.row() - m_first]));
        if (t.kind == mux::TickRecord::Kind::Call)
            tip += QLatin1Char('\n') + tr("returned %1").arg(t.ret);
        return tip;
    }
    case MarksRole:
        return m_marks[index.row() - m_first];
    case TickRole:
        return t.tick;
    case ReturnedRole:
        return t.ret;
    case NarratedRole:
        return step != nullptr;
    case QuestionRole:
        return step && step->question.has_value();
    case SummaryRole:
        return markNames(m_marks[index.row() - m_first]);
    }
    return {};
}

QVariant TimelineModel::headerData(int section, Qt::Orientation o, int role) const
{
    if (role == Qt::DisplayRole && o == Qt::Horizontal && section == 0)
        return tr("Tick");
    return {};
}

} // namespace gui
