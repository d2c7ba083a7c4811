#pragma once

#include "TickRecord.h"

#include <vector>

namespace mux {

/// The trace's ticks, in chunks of a fixed number of records. A run records for as long as it
/// serves (a million ticks is a few minutes of --serve): one growing vector would copy every
/// record into a buffer twice the size each time it fills (a pause that grows with the run)
/// and a deque spends a block per few records; chunks are never moved once written.
class TickStore {
public:
    qsizetype size() const { return m_size; }
    bool empty() const { return m_size == 0; }
    const TickRecord &operator[](qsizetype i) const { return m_chunks[size_t(i / kChunk)][size_t(i % kChunk)]; }
    const TickRecord &back() const { return (*this)[m_size - 1]; }

    void push_back(TickRecord &&rec)
    {
        if (m_size % kChunk == 0) {
            m_chunks.emplace_back();
            m_chunks.back().reserve(kChunk);
        }
        m_chunks.back().push_back(std::move(rec));
        ++m_size;
    }
    void clear()
    {
        m_chunks.clear();
        m_size = 0;
    }
    bool operator==(const TickStore &o) const = default;

private:
    static constexpr qsizetype kChunk = 4096;
    std::vector<std::vector<TickRecord>> m_chunks;
    qsizetype m_size = 0;
};

} // namespace mux
