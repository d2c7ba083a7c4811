// libFuzzer: the login request reader (a JSON object in any split), the verdict on it, and the
// user file parser. A request is answered or refused in one sentence; the reader never holds
// much more than its limit.
#include "proto/Login.h"

#include <algorithm>
#include <cstdlib>

using mux::proto::JsonObjectReader;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const QHash<QString, QByteArray> users = mux::proto::parseUserFile(bytes);
    (void)mux::proto::formatUserFile(users);

    const QHash<QString, QByteArray> known{{QStringLiteral("kinght"), QByteArray("e10adc39")}};
    JsonObjectReader r(1024);
    const qsizetype piece = size ? (data[0] % 13) + 1 : 1;
    for (qsizetype at = 0; at < bytes.size(); at += piece) {
        r.feed(QByteArrayView(bytes).sliced(at, std::min(piece, bytes.size() - at)));
        QJsonObject o;
        JsonObjectReader::Status s;
        while ((s = r.next(&o)) == JsonObjectReader::Status::Object)
            (void)mux::proto::checkLogin(o, known);
        if (s == JsonObjectReader::Status::Refused) {
            if (r.error().isEmpty())
                std::abort();
            return 0;
        }
    }
    return 0;
}
