// An event: a Waitable with nothing more (the wait subsystem holds all its
// state); a distinct type so that the handle table can tell events apart
// from threads (SetEvent on a thread handle is ERROR_INVALID_HANDLE).
#pragma once

#include "wait_subsystem.hpp"

namespace rasshost::posix {

class EventObject final : public Waitable {
public:
    static constexpr Kind kind = Kind::event;
    EventObject(bool manual_reset, bool initially_set) noexcept : Waitable(kind, manual_reset, initially_set) {}
};

}  // namespace rasshost::posix
