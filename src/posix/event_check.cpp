// backend::is_event_handle on POSIX: the handle table knows each kind.
#include "../common/backend.hpp"

#include "event_object.hpp"
#include "handle_table.hpp"

namespace rasshost::backend {

bool is_event_handle(HANDLE handle) noexcept {
    return posix::lookup_handle_as<posix::EventObject>(handle) != nullptr;
}

}  // namespace rasshost::backend
