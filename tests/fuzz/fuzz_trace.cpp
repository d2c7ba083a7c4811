// libFuzzer: the trace loader on any JSON, then everything the GUI asks of a loaded trace
// (the interest rebuilt from deltas, sockets, probes, traffic, the tick lines). A trace that
// loads must be safe to browse from its first tick to its last.
#include "trace/TickFormat.h"
#include "trace/Trace.h"

#include <QJsonDocument>
#include <QJsonObject>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QJsonDocument doc =
        QJsonDocument::fromJson(QByteArray(reinterpret_cast<const char *>(data), qsizetype(size)));
    auto trace = mux::Trace::fromJson(doc.object());
    if (!trace)
        return 0;
    for (qsizetype i = 0; i < trace->size(); ++i) {
        (void)trace->interestAt(i);
        (void)trace->socketsAt(i);
        (void)trace->probesAt(i);
        (void)trace->trafficAt(i);
        (void)mux::format::tickLine(*trace, i, {QStringLiteral("A")});
    }
    (void)trace->toJson();
    return 0;
}
