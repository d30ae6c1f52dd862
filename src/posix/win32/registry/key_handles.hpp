// HKEY values on POSIX (docs/decisions.md#registry-keys): a predefined key
// is its SDK value and names a root of the tree; any other key is a handle
// of the process's handle table (kind registry_key), holding the key and
// the access it was opened with. A closed or forged HKEY, or a handle of
// another kind, is ERROR_INVALID_HANDLE.
#pragma once

#include "posix/win32/handles/handle_table.hpp"
#include "posix/win32/registry/key_tree.hpp"

#include <memory>
#include <mutex>

namespace rasshost::posix::registry {

class KeyObject final : public KernelObject {
public:
    static constexpr Kind kind = Kind::registry_key;
    KeyObject(std::shared_ptr<Key> opened, REGSAM rights) noexcept
        : KernelObject(kind), key(std::move(opened)), access(rights) {}
    const std::shared_ptr<Key> key;  // never changes: readers use it without a lock
    const REGSAM access;
};

inline bool is_predefined(HKEY hkey) noexcept {
    const auto value = reinterpret_cast<ULONG_PTR>(hkey);
    return value >= reinterpret_cast<ULONG_PTR>(HKEY_CLASSES_ROOT) &&
           value <= reinterpret_cast<ULONG_PTR>(HKEY_DYN_DATA);
}

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
LSTATUS check(const Key& key, REGSAM access, REGSAM needed) noexcept;

// Runs read(const Key&, std::shared_lock&) under the tree's shared lock once
// the key is checked for `needed` (a value read usually needs no lock: see
// value_snapshot.hpp). The key is used from inside the handle table's read
// section, without a reference, when the lock is free at once (a section
// must never wait); otherwise through a reference, waiting for the lock
// outside the section.
template <class Read>
LSTATUS read_key(HKEY hkey, REGSAM needed, Read&& read) {
    if (!is_predefined(hkey)) {
        const HandleReader reader;
        const auto* object = reader.find_as<KeyObject>(reinterpret_cast<HANDLE>(hkey));
        if (!object) return ERROR_INVALID_HANDLE;
        if (tree().mutex.try_lock_shared()) {
            std::shared_lock lock(tree().mutex, std::adopt_lock);
            if (const LSTATUS error = check(*object->key, object->access, needed)) return error;
            return read(static_cast<const Key&>(*object->key), lock);
        }
    }
    const KeyRef ref = resolve(hkey);
    if (ref.error != ERROR_SUCCESS) return ref.error;
    std::shared_lock lock(tree().mutex);
    if (const LSTATUS error = check(ref, needed)) return error;
    return read(static_cast<const Key&>(*ref.key), lock);
}

}  // namespace rasshost::posix::registry
