// HKEY values on POSIX (docs/decisions.md#registry-keys): a predefined key
// is its SDK value and names a root of the tree; any other key is a handle
// of the process's handle table (kind registry_key), holding the key and
// the access it was opened with. A closed or forged HKEY, or a handle of
// another kind, is ERROR_INVALID_HANDLE.
#pragma once

#include "posix/win32/registry/key_tree.hpp"

#include <memory>

namespace rasshost::posix::registry {

struct KeyRef {
    std::shared_ptr<Key> key;  // nullptr on error
    REGSAM access = 0;
    LSTATUS error = ERROR_SUCCESS;
};

// The key behind an HKEY, without the tree's lock.
KeyRef resolve(HKEY hkey);

// The rights a requested mask grants: generic rights mapped to key rights,
// MAXIMUM_ALLOWED to all of them, the WOW64 view bits dropped.
REGSAM granted_access(REGSAM requested) noexcept;

// A new handle for `key`, or ERROR_NOT_ENOUGH_MEMORY.
LSTATUS new_handle(std::shared_ptr<Key> key, REGSAM access, PHKEY result);

// Closes a key handle: ERROR_SUCCESS (predefined keys stay open) or ERROR_INVALID_HANDLE.
LSTATUS close_key(HKEY hkey);

// What a call on an open key checks first, with the tree's lock held:
// the key still exists and the handle has the right.
LSTATUS check(const KeyRef& ref, REGSAM needed) noexcept;

}  // namespace rasshost::posix::registry
