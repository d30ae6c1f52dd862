// Reading, writing and deleting values (value_calls.hpp).
#include "posix/win32/registry/value_calls.hpp"

#include "posix/win32/registry/key_handles.hpp"
#include "posix/win32/registry/persistence.hpp"

#include <mutex>

namespace rasshost::posix::registry {

LSTATUS read_value(HKEY hkey, std::string_view folded_name, Form form, DWORD& type, std::vector<BYTE>& bytes) {
    return read_key(hkey, KEY_QUERY_VALUE, [&](const Key& key, std::shared_lock<std::shared_mutex>&) {
        const Value* value = key.find_value(folded_name);
        if (!value) return static_cast<LSTATUS>(ERROR_FILE_NOT_FOUND);
        type = value->type;
        data_in_form(*value, form, bytes);
        return static_cast<LSTATUS>(ERROR_SUCCESS);
    });
}

// The hot path of a DLL reading its settings: no allocation but the A form
// of a string, and the bytes copied straight from the tree under its lock.
LSTATUS query_value(HKEY hkey, std::string_view folded_name, Form form, LPDWORD reserved, LPDWORD type,
                    LPBYTE data, LPDWORD count) {
    if ((data && !count) || reserved) return ERROR_INVALID_PARAMETER;
    return read_key(hkey, KEY_QUERY_VALUE, [&](const Key& key, std::shared_lock<std::shared_mutex>& lock) {
        const Value* value = key.find_value(folded_name);
        if (!value) return static_cast<LSTATUS>(ERROR_FILE_NOT_FOUND);
        const DWORD value_type = value->type;
        if (type) *type = value_type;
        if (form == Form::ansi && is_string(value_type)) {
            const std::string ansi = ansi_text(*value);
            lock.unlock();
            return copy_out(reinterpret_cast<const BYTE*>(ansi.data()), ansi.size(), value_type, form, data, count);
        }
        return copy_out(value->data.data(), value->data.size(), value_type, form, data, count);
    });
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
