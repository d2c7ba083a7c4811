#include "ClientsModel.h"

#include "Session.h"
#include "net/Socket.h"
#include "trace/TickFormat.h"

namespace gui {

ClientsModel::ClientsModel(Session *session, QObject *parent)
    : QAbstractTableModel(parent), m_session(session)
{
    auto follow = [this] { refresh(m_session->snapshot()); };
    connect(session, &Session::sessionReset, this, follow);
    connect(session, &Session::cursorChanged, this, follow);
    connect(session, &Session::pendingChanged, this, follow);
    connect(session, &Session::langChanged, this, follow);
    follow();
}

QString ClientsModel::simStateText(mux::SimClient::State s)
{
    using State = mux::SimClient::State;
    switch (s) {
    case State::Idle:
        return tr("not connected");
    case State::Connecting:
        return tr("connecting");
    case State::Connected:
        return tr("connected");
    case State::HalfClosed:
        return tr("half-closed (sent FIN)");
    case State::Closed:
        return tr("closed");
    case State::Reset:
        return tr("reset (sent RST)");
    case State::Failed:
        return tr("failed");
    }
    return {};
}

QString ClientsModel::stateText(int fd, const TickSnapshot &s) const
{
    if (fd < 0)
        return tr("no socket");
    const auto p = s.probesAfter.constFind(fd);
    if (p != s.probesAfter.constEnd() && p->tcpState >= 0)
        return mux::net::tcpStateName(p->tcpState);
    return tr("open");
}

void ClientsModel::refresh(const TickSnapshot &s)
{
    m_snapshot = s;
    beginResetModel();
    m_rows.clear();
    const QStringList names = m_session->clientNames();
    const bool live = m_session->isLive();
    const mux::Trace *trace = m_session->trace();
    const QHash<int, QByteArray> received =
        trace && s.isValid() ? trace->receivedByClients(s.index) : QHash<int, QByteArray>();
    QHash<QString, int> clientFds; // "client:A" -> fd, open at the end of the tick
    for (auto it = s.sockets.begin(); it != s.sockets.end(); ++it)
        if (it->role == mux::Role::Client && s.isOpenAfter(it.key()))
            clientFds.insert(it->name, it.key());
    for (int i = 0; i < names.size(); ++i) {
        Row r;
        r.name = names[i];
        const auto *clients = m_session->simClients();
        if (live && clients && i < int(clients->size())) {
            const mux::SimClient &c = *(*clients)[size_t(i)];
            r.state = simStateText(c.state());
            r.reading = c.reading() ? tr("yes") : tr("stopped");
            r.sent = c.bytesSent();
        } else {
            r.state = stateText(clientFds.value(QStringLiteral("client:") + names[i], -1), s);
        }
        r.received = received.value(i);
        m_rows.append(r);
    }
    endResetModel();
}

void ClientsModel::retranslate()
{
    refresh(m_snapshot);
}

int ClientsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ClientsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ClientsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &r = m_rows[index.row()];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return tr("client %1").arg(r.name);
        case StateColumn:
            return r.state;
        case ReadingColumn:
            return r.reading;
        case SentColumn:
            return r.sent >= 0 ? QVariant(r.sent) : QVariant();
        case ReceivedColumn:
            return mux::format::quoted(r.received, 120);
        }
        return {};
    case Qt::ToolTipRole:
        return index.column() == ReceivedColumn ? mux::format::quoted(r.received, 4000)
                                                : QVariant();
    case ClientIndexRole:
        return index.row();
    case ReceivedBytesRole:
        return r.received;
    }
    return {};
}

QVariant ClientsModel::headerData(int section, Qt::Orientation o, int role) const
{
    if (o != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Client");
    case StateColumn:
        return tr("State");
    case ReadingColumn:
        return tr("Reading");
    case SentColumn:
        return tr("Bytes sent");
    case ReceivedColumn:
        return tr("Received so far");
    }
    return {};
}

} // namespace gui
