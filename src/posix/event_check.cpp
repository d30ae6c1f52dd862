// backend::is_event_handle on POSIX: the handle table knows each kind.
#include "../common/backend.hpp"

#include "event_object.hpp"
#include "handle_table.hpp"

namespace rasshost::backend {

bool is_event_handle(HANDLE handle) noexcept {
    const posix::HandleReader reader;
    return reader.find_as<posix::EventObject>(handle) != nullptr;
}

}  // namespace rasshost::backend
