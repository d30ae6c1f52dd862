// HKEY values: predefined roots and handle-table entries (key_handles.hpp).
#include "posix/win32/registry/key_handles.hpp"

namespace rasshost::posix::registry {

KeyRef resolve(HKEY hkey) {
    KeyRef ref;
    if (is_predefined(hkey)) {
        std::shared_lock lock(tree().mutex);
        ref.key = predefined_root(hkey);
        ref.access = KEY_ALL_ACCESS;
    } else {
        const HandleReader reader;
        if (const auto* object = reader.find_as<KeyObject>(reinterpret_cast<HANDLE>(hkey))) {
            ref.key = object->key;
            ref.access = object->access;
        }
    }
    if (!ref.key) ref.error = ERROR_INVALID_HANDLE;
    return ref;
}

REGSAM granted_access(REGSAM requested) noexcept {
    REGSAM granted = requested & (KEY_ALL_ACCESS | SYNCHRONIZE);
    if (requested & (MAXIMUM_ALLOWED | GENERIC_ALL)) granted |= KEY_ALL_ACCESS;
    if (requested & (GENERIC_READ | GENERIC_EXECUTE)) granted |= KEY_READ;
    if (requested & GENERIC_WRITE) granted |= KEY_WRITE;
    return granted;
}

LSTATUS new_handle(std::shared_ptr<Key> key, REGSAM access, PHKEY result) {
    const DWORD saved = GetLastError();  // the registry calls leave the last error alone
    HANDLE handle = insert_handle(std::make_shared<KeyObject>(std::move(key), access));
    SetLastError(saved);
    *result = static_cast<HKEY>(handle);
    return handle ? ERROR_SUCCESS : ERROR_NOT_ENOUGH_MEMORY;
}

LSTATUS close_key(HKEY hkey) {
    if (is_predefined(hkey)) return ERROR_SUCCESS;
    {
        const HandleReader reader;
        if (!reader.find_as<KeyObject>(reinterpret_cast<HANDLE>(hkey))) return ERROR_INVALID_HANDLE;
    }
    return close_handle(reinterpret_cast<HANDLE>(hkey)) ? ERROR_SUCCESS : ERROR_INVALID_HANDLE;
}

LSTATUS check(const Key& key, REGSAM access, REGSAM needed) noexcept {
    if (key.deleted) return ERROR_KEY_DELETED;
    if ((access & needed) != needed) return ERROR_ACCESS_DENIED;
    return ERROR_SUCCESS;
}

LSTATUS check(const KeyRef& ref, REGSAM needed) noexcept {
    if (ref.error != ERROR_SUCCESS) return ref.error;
    return check(*ref.key, ref.access, needed);
}

}  // namespace rasshost::posix::registry
