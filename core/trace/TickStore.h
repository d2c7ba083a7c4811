#pragma once

#include "TickRecord.h"

#include <vector>

namespace mux {

/// The trace's ticks, in chunks of a fixed number of records. A run records for as long as it
/// serves (a million ticks is a few minutes of --serve): one growing vector would copy every
/// record into a buffer twice the size each time it fills (a pause that grows with the run)
/// and a deque spends a block per few records; chunks are never moved once written.
///
/// A store may keep only the newest ticks (keepAtMost): whole chunks of the oldest are then
/// dropped, and their records' memory is reused for the next ones. Indexes stay those of the
/// whole run; the ones before firstKept() are gone.
class TickStore {
public:
    static constexpr qsizetype kChunk = 4096;

    qsizetype size() const { return m_first + m_kept; }
    bool empty() const { return size() == 0; }
    qsizetype firstKept() const { return m_first; }
    const TickRecord &operator[](qsizetype i) const
    {
        const qsizetype k = i - m_first;
        return m_chunks[size_t(k / kChunk)][size_t(k % kChunk)];
    }
    const TickRecord &back() const { return (*this)[size() - 1]; }

    /// 0 (the default): keep every tick. Otherwise at least `n` of the newest are kept.
    void keepAtMost(qsizetype n) { m_keepAtMost = n; }
    /// How many of the oldest ticks the next push_back() drops (0 or kChunk): the trace folds
    /// them into its state before firstKept() while they can still be read.
    qsizetype dropsOnNextPush() const
    {
        return m_keepAtMost > 0 && m_kept + 1 - kChunk >= m_keepAtMost ? kChunk : 0;
    }
    /// An empty store whose first tick will have index `first` (a trimmed trace read back).
    void startAt(qsizetype first)
    {
        clear();
        m_first = first;
    }

    void push_back(TickRecord &&rec)
    {
        if (m_kept % kChunk == 0) {
            m_chunks.emplace_back(std::exchange(m_spare, {}));
            m_chunks.back().reserve(kChunk);
        }
        m_chunks.back().push_back(std::move(rec));
        const bool drop = dropsOnNextPush() > 0;
        ++m_kept;
        if (drop) {
            m_spare = std::move(m_chunks.front());
            m_spare.clear(); // the records go, the chunk's buffer stays for the next one
            m_chunks.erase(m_chunks.begin());
            m_first += kChunk;
            m_kept -= kChunk;
        }
    }
    void clear()
    {
        m_chunks.clear();
        m_spare = {};
        m_first = m_kept = 0;
    }
    bool operator==(const TickStore &o) const
    {
        if (size() != o.size() || m_first != o.m_first)
            return false;
        for (qsizetype i = m_first; i < size(); ++i)
            if (!((*this)[i] == o[i]))
                return false;
        return true;
    }

private:
    std::vector<std::vector<TickRecord>> m_chunks;
    std::vector<TickRecord> m_spare;
    qsizetype m_first = 0; ///< index of the oldest tick kept
    qsizetype m_kept = 0;
    qsizetype m_keepAtMost = 0;
};

} // namespace mux
