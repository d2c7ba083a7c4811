#include "ReadyReason.h"

#include <QCoreApplication>
#include <QStringList>

namespace gui {

namespace {

// lupdate files these strings under the context "gui" (the enclosing namespace).
QString tr(const char *text, const char *comment = nullptr, int n = -1)
{
    return QCoreApplication::translate("gui", text, comment, n);
}

QString readReason(const mux::SocketInfo &s, const mux::SocketProbe &p)
{
    if (s.role == mux::Role::Listener)
        return p.backlog > 0 ? tr("%n waiting in the backlog", nullptr, p.backlog)
                             : tr("backlog empty");
    QStringList parts;
    if (p.readable > 0)
        parts.append(s.role == mux::Role::Udp ? tr("%n bytes of datagrams", nullptr, p.readable)
                                              : tr("%n bytes to read", nullptr, p.readable));
    switch (mux::peerEnd(p)) {
    case mux::PeerEnd::FinSeen:
        parts.append(tr("FIN seen: peer closed"));
        break;
    case mux::PeerEnd::ResetSeen:
        parts.append(tr("RST seen: peer reset"));
        break;
    default:
        break;
    }
    if (parts.isEmpty())
        parts.append(tr("nothing to read"));
    return parts.join(QStringLiteral(", "));
}

QString writeReason(const mux::SocketProbe &p, bool writable)
{
    if (!writable)
        return p.unsent > 0 ? tr("no room to send (%n bytes unacked)", nullptr, p.unsent)
                            : tr("no room to send");
    return p.unsent > 0 ? tr("room to send (%n bytes unacked)", nullptr, p.unsent)
                        : tr("room to send");
}

} // namespace

QString readyReason(LaneKind lane, const mux::SocketInfo &socket, const mux::SocketProbe *probe,
                    mux::Events requested, mux::Events returned)
{
    if (!probe)
        return {};
    switch (lane) {
    case LaneKind::Read:
        return readReason(socket, *probe);
    case LaneKind::Write:
        return writeReason(*probe, returned & mux::Writable);
    case LaneKind::Except:
        // On Linux the only thing select reports in the xlist is urgent (MSG_OOB) data.
        return returned & mux::Exceptional ? tr("urgent data (MSG_OOB)") : tr("no urgent data");
    case LaneKind::PollFds:
    case LaneKind::EpollInterest:
    case LaneKind::EpollReady: {
        QStringList parts;
        if ((requested | returned) & mux::Readable)
            parts.append(readReason(socket, *probe));
        if ((requested | returned) & mux::Writable)
            parts.append(writeReason(*probe, returned & mux::Writable));
        if (returned & mux::Exceptional)
            parts.append(tr("urgent data (MSG_OOB)"));
        if (returned & mux::HangUp)
            parts.append(tr("hang-up: both directions closed"));
        if (returned & mux::Failed)
            parts.append(tr("socket error pending"));
        if (returned & mux::Invalid)
            parts.append(tr("not an open descriptor"));
        return parts.join(QStringLiteral("; "));
    }
    }
    return {};
}

} // namespace gui
