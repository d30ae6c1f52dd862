// Opening, creating and deleting keys (key_calls.hpp).
#include "posix/win32/registry/key_calls.hpp"

#include "posix/win32/registry/key_handles.hpp"
#include "posix/win32/registry/persistence.hpp"

#include <mutex>

namespace rasshost::posix::registry {

LSTATUS open_key(HKEY hkey, const std::wstring& subkey, DWORD options, REGSAM sam, PHKEY result) {
    if (!result) return ERROR_INVALID_PARAMETER;
    *result = nullptr;
    if (options & ~static_cast<DWORD>(REG_OPTION_OPEN_LINK)) return ERROR_INVALID_PARAMETER;
    const KeyRef ref = resolve(hkey);
    if (ref.error != ERROR_SUCCESS) return ref.error;
    std::vector<std::wstring_view> parts;
    if (!split_path(subkey, parts)) return ERROR_FILE_NOT_FOUND;
    std::shared_ptr<Key> key;
    {
        std::shared_lock lock(tree().mutex);
        if (ref.key->deleted) return ERROR_KEY_DELETED;
        key = walk(ref.key, parts);
    }
    if (!key) return ERROR_FILE_NOT_FOUND;
    return new_handle(std::move(key), granted_access(sam), result);
}

LSTATUS create_key(HKEY hkey, const std::wstring& subkey, const std::wstring& class_name, DWORD options,
                   REGSAM sam, PHKEY result, LPDWORD disposition) {
    if (!result) return ERROR_INVALID_PARAMETER;
    *result = nullptr;
    if (options & ~static_cast<DWORD>(REG_OPTION_VOLATILE | REG_OPTION_BACKUP_RESTORE | REG_OPTION_OPEN_LINK))
        return ERROR_INVALID_PARAMETER;
    const KeyRef ref = resolve(hkey);
    if (ref.error != ERROR_SUCCESS) return ref.error;
    std::vector<std::wstring_view> parts;
    if (!split_path(subkey, parts)) return ERROR_BAD_PATHNAME;
    std::shared_ptr<Key> key;
    bool created = false;
    {
        std::unique_lock lock(tree().mutex);
        if (ref.key->deleted) return ERROR_KEY_DELETED;
        key = walk(ref.key, parts);
        if (!key) {
            // Only creating needs the right; opening an existing key does not.
            if (const LSTATUS denied = check(ref, KEY_CREATE_SUB_KEY)) return denied;
            LSTATUS error = ERROR_SUCCESS;
            key = create_path(ref.key, parts, (options & REG_OPTION_VOLATILE) != 0, created, error);
            if (!key) return error;
            key->class_name = class_name;
        }
    }
    if (created && !key->is_volatile) saved_after_change();
    if (disposition) *disposition = created ? REG_CREATED_NEW_KEY : REG_OPENED_EXISTING_KEY;
    return new_handle(std::move(key), granted_access(sam), result);
}

LSTATUS delete_key(HKEY hkey, const std::wstring& subkey) {
    const KeyRef ref = resolve(hkey);
    if (ref.error != ERROR_SUCCESS) return ref.error;
    std::vector<std::wstring_view> parts;
    if (!split_path(subkey, parts)) return ERROR_FILE_NOT_FOUND;
    bool was_volatile = false;
    {
        std::unique_lock lock(tree().mutex);
        if (ref.key->deleted) return ERROR_KEY_DELETED;
        const auto key = walk(ref.key, parts);
        if (!key) return ERROR_FILE_NOT_FOUND;
        // A root has no parent, and a key with subkeys is refused as on Windows.
        if (!key->parent || !key->subkeys.empty()) return ERROR_ACCESS_DENIED;
        was_volatile = key->is_volatile;
        key->parent->subkeys.erase(fold(key->name));
        key->parent->touch();
        key->parent = nullptr;
        mark_deleted(*key);
    }
    if (!was_volatile) saved_after_change();
    return ERROR_SUCCESS;
}

}  // namespace rasshost::posix::registry
