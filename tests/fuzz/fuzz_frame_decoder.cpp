// libFuzzer: the length-prefix decoder on any bytes, cut anywhere. The first byte picks the
// header kind and the cut size; the rest is the stream. Decoding it in pieces must give exactly
// what decoding it whole gives, and a refusal must never have made room for the claim.
#include "proto/FrameDecoder.h"

#include <QList>

#include <algorithm>
#include <cstdlib>

using mux::proto::FrameDecoder;

namespace {

struct Outcome {
    QList<QByteArray> frames;
    bool refused = false;
};

Outcome decode(QByteArrayView stream, qsizetype piece, FrameDecoder::Header header)
{
    constexpr qint64 kLimit = 4096;
    FrameDecoder d(kLimit, header);
    Outcome out;
    for (qsizetype at = 0; at < stream.size() && !out.refused; at += piece) {
        d.feed(stream.sliced(at, std::min(piece, stream.size() - at)));
        QByteArray f;
        FrameDecoder::Status s;
        while ((s = d.next(&f)) == FrameDecoder::Status::Frame) {
            if (f.size() > kLimit)
                std::abort();
            out.frames.append(f);
        }
        if (s == FrameDecoder::Status::Refused) {
            out.refused = true;
            if (d.error().isEmpty() || d.bufferCapacity() > stream.size() + 4096)
                std::abort();
        }
    }
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const auto header =
        (data[0] & 0x80) ? FrameDecoder::Header::Text : FrameDecoder::Header::Packed;
    const qsizetype piece = (data[0] & 0x7f) + 1;
    const QByteArrayView stream(reinterpret_cast<const char *>(data) + 1, qsizetype(size - 1));
    const Outcome whole = decode(stream, stream.size() + 1, header);
    const Outcome cut = decode(stream, piece, header);
    if (whole.refused != cut.refused)
        std::abort();
    if (whole.frames != cut.frames)
        std::abort();
    return 0;
}
