// libFuzzer: the message/file protocol parser, and the upload-name check it leads to. A file's
// pieces may never add up to more than its announced size or its limit, and every name that is
// accepted must land directly inside the data directory.
#include "proto/MsgFileProtocol.h"
#include "proto/SafeName.h"

#include <algorithm>
#include <cstdlib>

using mux::proto::MsgFileParser;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const MsgFileParser::Limits limits{.header = 512, .message = 2048, .file = 8192};
    MsgFileParser p(limits);
    const QByteArrayView bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const qsizetype piece = size ? (data[size - 1] % 17) + 1 : 1;
    qint64 announced = -1, got = 0;
    for (qsizetype at = 0; at < bytes.size() && !p.finished(); at += piece) {
        p.feed(bytes.sliced(at, std::min(piece, bytes.size() - at)));
        while (auto e = p.next()) {
            switch (e->kind) {
            case MsgFileParser::Event::Message:
                if (e->bytes.size() > limits.message)
                    std::abort();
                break;
            case MsgFileParser::Event::FileBegin: {
                if (e->size < 0 || e->size > limits.file)
                    std::abort();
                announced = e->size;
                got = 0;
                if (auto path = mux::proto::uploadPath(QStringLiteral("/srv/data"), e->fileName)) {
                    const QString rest = path->mid(qstrlen("/srv/data/"));
                    if (!path->startsWith(QLatin1String("/srv/data/")) || rest.isEmpty() ||
                        rest.contains(QLatin1Char('/')) || rest == QLatin1String("..") ||
                        rest.startsWith(QLatin1Char('.')))
                        std::abort();
                }
                break;
            }
            case MsgFileParser::Event::FileData:
                got += e->bytes.size();
                if (announced < 0 || got > announced)
                    std::abort();
                break;
            case MsgFileParser::Event::FileEnd:
                if (got != announced)
                    std::abort();
                announced = -1;
                break;
            case MsgFileParser::Event::Refused:
                if (e->error.isEmpty())
                    std::abort();
                break;
            case MsgFileParser::Event::Close:
                break;
            }
        }
    }
    return 0;
}
