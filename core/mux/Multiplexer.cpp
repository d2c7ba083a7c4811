#include "Multiplexer.h"

#include "EpollMux.h"
#include "PollMux.h"
#include "SelectMux.h"

#include <climits>

namespace mux {

int Multiplexer::fdLimit() const
{
    return INT_MAX;
}

std::unique_ptr<Multiplexer> Multiplexer::create(Backend backend)
{
    switch (backend) {
    case Backend::Select:
        return std::make_unique<SelectMux>();
    case Backend::Poll:
        return std::make_unique<PollMux>();
    case Backend::Epoll:
        return std::make_unique<EpollMux>(EpollMux::LevelTriggered);
    case Backend::EpollEt:
        return std::make_unique<EpollMux>(EpollMux::EdgeTriggered);
    }
    return nullptr;
}

} // namespace mux
