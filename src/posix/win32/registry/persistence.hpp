// When the registry is saved to its file (docs/decisions.md#registry-file):
// after every change, by the call that made it, once the tree's lock is
// released. Implemented in registry_file.cpp.
#pragma once

#include <rasshost/win32.h>

namespace rasshost::posix::registry {

// Saves the tree if a file is in use; a failure leaves it to be saved by
// the next change or RegFlushKey.
void saved_after_change() noexcept;

// Saves now if a change is unsaved: ERROR_SUCCESS, or ERROR_CANTWRITE.
LSTATUS flush() noexcept;

}  // namespace rasshost::posix::registry
