#pragma once

#include "ReadyReason.h"
#include "TickSnapshot.h"

#include <QAbstractItemModel>
#include <QPointer>
#include <QSet>

namespace gui {

class ExternalWatch;
class Session;

/// The tick view's model: one tick as lanes of sockets. A tree: the top rows are the lanes
/// (select: rlist, wlist, xlist · poll: the pollfd array · epoll: the interest list and the
/// ready list); each lane's children are the sockets in it — passed in, came back ready, and
/// appended or removed while the program handled the result. Filled from a TickSnapshot only.
class TickViewModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Column {
        LabelColumn,
        FdColumn,
        RequestedColumn,
        ReturnedColumn,
        ReasonColumn,
        ColumnCount
    };
    enum Roles {
        LaneRole = Qt::UserRole + 1, ///< int(LaneKind), on lane rows and socket rows
        NameRole,                    ///< the stable name: L0, conn:A, client:B
        FdRole,
        SocketRoleRole, ///< int(mux::Role)
        PassedInRole,   ///< bool: in the list given to the call
        ReadyRole,      ///< bool: came back ready in this lane
        ChangeRole,     ///< int(Change): what the program did to it after the call
        ReasonRole,     ///< why it is or is not ready, in words
        RequestedRole,  ///< events asked for (poll/epoll), text
        ReturnedRole,   ///< events that came back, text
        ChipKindRole,   ///< int(ChipKind)
        FoldedRole,     ///< bool: an idle socket hidden behind its lane's fold chip
        WaitingRole,    ///< live only: bytes an outside client sent since the tick, or -1
        FullLabelRole,  ///< the socket's whole label (the chip shows the shortest distinct one)
    };
    enum class Change { None, Appended, Removed, Modified };
    Q_ENUM(Change)
    /// What a chip stands for: a socket, the count of idle sockets folded away, or a
    /// connection the program accepted and refused during the tick (it never joins a list).
    enum class ChipKind { Socket, Fold, Refused };
    Q_ENUM(ChipKind)

    /// A lane with more sockets than this folds the idle ones into one count chip.
    static constexpr int kFoldAbove = 8;

    /// Unattached: shows what setSnapshot() hands it (exports, the render bench).
    explicit TickViewModel(QObject *parent = nullptr);
    /// Follows `session`'s cursor and language itself.
    TickViewModel(Session *session, QObject *parent);

    void setSnapshot(const TickSnapshot &snapshot);
    /// Re-reads the texts in the current language.
    void retranslate();

    qsizetype tickIndex() const { return m_snapshot.index; }
    quint32 tickNumber() const { return m_snapshot.record.tick; }
    bool isSetup() const { return m_snapshot.isSetup(); }
    mux::Backend backend() const { return m_snapshot.record.backend; }
    /// The call in strace form and what it returned (`select([4],[],[], 1.0)`, ` = 1 ([4],[],[])`).
    QString callText() const;
    QString returnedText() const;
    int returnedCount() const { return m_snapshot.record.ret; }
    /// Why nothing came back: "(timeout…)", or for a call with no timeout (-1) that step mode
    /// returned early, that a real call would still be waiting. Empty when something did.
    QString outcomeText() const;

    /// Opens (or folds again) `lane`'s idle sockets; stays so across ticks until the next
    /// lesson or restart.
    void setUnfolded(LaneKind lane, bool open);
    bool isUnfolded(LaneKind lane) const { return m_unfolded.contains(lane); }
    /// Shows on the chips what waits in the kernel for the next call, read live by `watch`
    /// while the cursor is on the newest tick: bytes an outside client sent, connections in a
    /// listener's accept queue.
    void followWaiting(ExternalWatch *watch);

    /// Lane lookup for views and tests: the row of `lane`, or -1.
    int laneRow(LaneKind lane) const;
    /// True when socket `name` came back ready in `lane` at this tick.
    bool isReadyIn(LaneKind lane, const QString &name) const;
    bool isPassedIn(LaneKind lane, const QString &name) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;

    static QString laneTitle(LaneKind lane);
    static QString laneSubtitle(LaneKind lane);

private:
    struct Entry {
        ChipKind kind = ChipKind::Socket;
        mux::SocketInfo info;
        QString label;             ///< the chip's text: shortest distinct for outside clients
        mux::Events requested = 0; ///< passed in (poll/epoll: the whole mask)
        mux::Events after = 0;     ///< after handling
        mux::Events returned = 0;
        bool passedIn = false;
        bool ready = false;
        Change change = Change::None;
        bool folded = false;
        int folds = 0; ///< a fold chip: how many idle sockets it stands for
        QString reason;
    };
    struct Lane {
        LaneKind kind;
        QList<Entry> entries;
        int passedIn = 0;
        int ready = 0;
    };
    void build();
    static constexpr mux::Events kWholeMask = 0xFF; ///< buildLane: every event, not one list's
    /// The lane of what the call was given, keeping only the events in `only`.
    void buildLane(LaneKind kind, mux::Events only);
    void buildReadyLane();
    /// Orders a crowded lane: ready and changed sockets first, idle ones behind a fold chip.
    void fold(Lane &lane) const;
    void addRefusals();
    QString foldText(LaneKind lane, int count) const;
    void computeLabels();
    QString eventsText(mux::Events e) const;
    const Entry *find(LaneKind lane, const QString &name) const;

    TickSnapshot m_snapshot;
    QList<Lane> m_lanes;
    QSet<LaneKind> m_unfolded;
    QPointer<Session> m_session;
    QHash<int, int> m_waiting;         ///< by fd: bytes (outside conns) or connections (listeners)
    QHash<int, QString> m_shortLabels; ///< outside clients' chips, by fd
};

} // namespace gui
