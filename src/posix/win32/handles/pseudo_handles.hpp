// The pseudo-handles, as objects: GetCurrentProcess() (-1) and
// GetCurrentThread() (-2) name the calling process and thread wherever a
// handle of that kind is taken (waits, DuplicateHandle, the thread calls).
#pragma once

#include "posix/win32/handles/handle_table.hpp"

#include <memory>

namespace rasshost::posix {

// The object a pseudo-handle names (the thread's may be made now), or
// nullptr for any other value or when memory runs out. Never inside a
// HandleReader (it may allocate).
std::shared_ptr<KernelObject> pseudo_handle_object(HANDLE handle) noexcept;

}  // namespace rasshost::posix
