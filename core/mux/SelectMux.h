#pragma once

#include "Multiplexer.h"

#include <QHash>

#include <vector>

namespace mux {

/// select(2). The interest is kept as an ordered list (the documents' rlist/wlist/xlist are
/// Python lists) and turned into fresh fd_sets on every call: select overwrites its sets with
/// the result, so a set can never be reused from one call to the next.
class SelectMux final : public Multiplexer {
public:
    Backend backend() const override { return Backend::Select; }
    Result<void> add(int fd, Events events) override;
    Result<void> modify(int fd, Events events) override;
    Result<void> remove(int fd) override;
    WaitResult wait(int timeoutMs) override;
    int fdLimit() const override;

private:
    std::vector<FdEvents> m_interest;
    QHash<int, qsizetype> m_index;
};

} // namespace mux
