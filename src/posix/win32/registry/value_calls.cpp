// Reading, writing and deleting values (value_calls.hpp).
#include "posix/win32/registry/value_calls.hpp"

#include "posix/win32/registry/key_handles.hpp"
#include "posix/win32/registry/persistence.hpp"

#include <mutex>

namespace rasshost::posix::registry {

LSTATUS read_value(HKEY hkey, const std::wstring& folded_name, Form form, DWORD& type, std::vector<BYTE>& bytes) {
    const KeyRef ref = resolve(hkey);
    std::shared_lock lock(tree().mutex);
    if (const LSTATUS error = check(ref, KEY_QUERY_VALUE)) return error;
    const Value* value = ref.key->find_value(folded_name);
    if (!value) return ERROR_FILE_NOT_FOUND;
    type = value->type;
    data_in_form(*value, form, bytes);
    return ERROR_SUCCESS;
}

LSTATUS query_value(HKEY hkey, const std::wstring& folded_name, Form form, LPDWORD reserved, LPDWORD type,
                    LPBYTE data, LPDWORD count) {
    if ((data && !count) || reserved) return ERROR_INVALID_PARAMETER;
    thread_local std::vector<BYTE> bytes;  // reused: a read allocates nothing once warm
    DWORD value_type = REG_NONE;
    if (const LSTATUS error = read_value(hkey, folded_name, form, value_type, bytes)) return error;
    if (type) *type = value_type;
    return copy_out(bytes, value_type, form, data, count);
}

LSTATUS set_value(HKEY hkey, const std::wstring& name, Form form, DWORD type, const BYTE* data, DWORD count) {
    if (!data && count) return ERROR_NOACCESS;
    if (name.size() > max_value_name) return ERROR_INVALID_PARAMETER;
    const KeyRef ref = resolve(hkey);
    std::vector<BYTE> stored = stored_from_form(form, type, data, count);
    bool is_volatile = false;
    {
        std::unique_lock lock(tree().mutex);
        if (const LSTATUS error = check(ref, KEY_SET_VALUE)) return error;
        ref.key->set_value(name, type, std::move(stored));
        is_volatile = ref.key->is_volatile;
    }
    if (!is_volatile) saved_after_change();
    return ERROR_SUCCESS;
}

LSTATUS delete_value(HKEY hkey, const std::wstring& name) {
    const KeyRef ref = resolve(hkey);
    bool is_volatile = false;
    {
        std::unique_lock lock(tree().mutex);
        if (const LSTATUS error = check(ref, KEY_SET_VALUE)) return error;
        if (!ref.key->erase_value(name)) return ERROR_FILE_NOT_FOUND;
        is_volatile = ref.key->is_volatile;
    }
    if (!is_volatile) saved_after_change();
    return ERROR_SUCCESS;
}

}  // namespace rasshost::posix::registry
