// Reading, writing and deleting values (value_calls.hpp).
#include "posix/win32/registry/value_calls.hpp"

#include "posix/win32/registry/key_handles.hpp"
#include "posix/win32/registry/persistence.hpp"
#include "posix/win32/registry/value_snapshot.hpp"

#include <cstring>
#include <mutex>

namespace rasshost::posix::registry {

namespace {

LSTATUS answer(const ValueSnapshot& snapshot, const FoldedName& name, Form form, LPDWORD type, LPBYTE data,
               LPDWORD count) {
    const SnapshotValue* value = snapshot.values.find(name.words, name.size, name.hash);
    if (!value) return ERROR_FILE_NOT_FOUND;
    if (type) *type = value->type;
    if (value->data.size() == sizeof(DWORD) && value->type == REG_DWORD && data && *count >= sizeof(DWORD)) {
        std::memcpy(data, value->data.data(), sizeof(DWORD));  // the usual setting: a copy of known size
        *count = sizeof(DWORD);
        return ERROR_SUCCESS;
    }
    if (form == Form::ansi && is_string(value->type))
        return copy_out(reinterpret_cast<const BYTE*>(value->ansi.data()), value->ansi.size(), value->type, form,
                        data, count);
    return copy_out(value->data.data(), value->data.size(), value->type, form, data, count);
}

}  // namespace

LSTATUS read_value(HKEY hkey, const FoldedName& name, Form form, DWORD& type, std::vector<BYTE>& bytes) {
    return read_key(hkey, KEY_QUERY_VALUE, [&](const Key& key, std::shared_lock<std::shared_mutex>&) {
        const SnapshotValue* value = snapshot_for_read(key).values.find(name.words, name.size, name.hash);
        if (!value) return static_cast<LSTATUS>(ERROR_FILE_NOT_FOUND);
        type = value->type;
        if (form == Form::ansi && is_string(value->type)) bytes.assign(value->ansi.begin(), value->ansi.end());
        else bytes.assign(value->data.begin(), value->data.end());
        return static_cast<LSTATUS>(ERROR_SUCCESS);
    });
}

// The hot path of a DLL reading its settings: through a key handle, no lock
// and no allocation, the bytes copied from the key's snapshot
// (value_snapshot.hpp); the first read after a change makes the snapshot
// under the tree's lock. The name is folded inside the read section, after
// its barrier: folded before it, the fold's stores would all have to reach
// memory before the barrier let the lookup go on.
namespace {

template <class Char>
LSTATUS query_value_named(HKEY hkey, const Char* raw_name, Form form, LPDWORD reserved, LPDWORD type,
                          LPBYTE data, LPDWORD count) {
    if ((data && !count) || reserved) return ERROR_INVALID_PARAMETER;
    if (!is_predefined(hkey)) {
        const HandleReader reader;
        const auto* object = reader.find_as<KeyObject>(reinterpret_cast<HANDLE>(hkey));
        if (!object) return ERROR_INVALID_HANDLE;
        const ValueSnapshot* snapshot = object->access & KEY_QUERY_VALUE ? current_snapshot(*object->key) : nullptr;
        if (snapshot) {
            FoldedName name;
            fold_value_name(raw_name, name);
            return answer(*snapshot, name, form, type, data, count);
        }
    }
    FoldedName name;
    fold_value_name(raw_name, name);
    return read_key(hkey, KEY_QUERY_VALUE, [&](const Key& key, std::shared_lock<std::shared_mutex>&) {
        return answer(snapshot_for_read(key), name, form, type, data, count);
    });
}

}  // namespace

LSTATUS query_value(HKEY hkey, LPCSTR name, Form form, LPDWORD reserved, LPDWORD type, LPBYTE data,
                    LPDWORD count) {
    return query_value_named(hkey, name, form, reserved, type, data, count);
}

LSTATUS query_value(HKEY hkey, LPCWSTR name, Form form, LPDWORD reserved, LPDWORD type, LPBYTE data,
                    LPDWORD count) {
    return query_value_named(hkey, name, form, reserved, type, data, count);
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
