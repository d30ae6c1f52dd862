// RegEnumKeyExA, RegEnumValueA and RegQueryInfoKeyA.
#include "posix/win32/registry/key_handles.hpp"
#include "posix/win32/registry/value_form.hpp"
#include "posix/win32/text/ansi_code_page.hpp"

#include <algorithm>
#include <cstring>
#include <iterator>
#include <mutex>

namespace reg = rasshost::posix::registry;

namespace {

// Copies a name to an A caller's buffer of *chars characters: ERROR_MORE_DATA
// (nothing copied, *chars unchanged) if it does not fit with its NUL.
LSTATUS copy_name(const std::wstring& name, LPSTR out, LPDWORD chars) {
    const std::string ansi = rasshost::posix::wide_to_ansi(name);
    if (ansi.size() >= *chars) return ERROR_MORE_DATA;
    std::memcpy(out, ansi.c_str(), ansi.size() + 1);
    *chars = static_cast<DWORD>(ansi.size());
    return ERROR_SUCCESS;
}

}  // namespace

extern "C" LSTATUS WINAPI RegEnumKeyExA(HKEY hKey, DWORD dwIndex, LPSTR lpName, LPDWORD lpcchName,
                                        LPDWORD lpReserved, LPSTR lpClass, LPDWORD lpcchClass,
                                        PFILETIME lpftLastWriteTime) {
    if (!lpName || !lpcchName || lpReserved || (lpClass && !lpcchClass)) return ERROR_INVALID_PARAMETER;
    const reg::KeyRef ref = reg::resolve(hKey);
    std::shared_lock lock(reg::tree().mutex);
    if (const LSTATUS error = reg::check(ref, KEY_ENUMERATE_SUB_KEYS)) return error;
    if (dwIndex >= ref.key->subkeys.size()) return ERROR_NO_MORE_ITEMS;
    const reg::Key& key = *std::next(ref.key->subkeys.begin(), dwIndex)->second;
    if (const LSTATUS error = copy_name(key.name, lpName, lpcchName)) return error;
    if (lpClass) {
        if (const LSTATUS error = copy_name(key.class_name, lpClass, lpcchClass)) return error;
    }
    if (lpftLastWriteTime) *lpftLastWriteTime = key.last_write;
    return ERROR_SUCCESS;
}

extern "C" LSTATUS WINAPI RegEnumValueA(HKEY hKey, DWORD dwIndex, LPSTR lpValueName, LPDWORD lpcchValueName,
                                        LPDWORD lpReserved, LPDWORD lpType, LPBYTE lpData, LPDWORD lpcbData) {
    if (!lpValueName || !lpcchValueName || lpReserved || (lpData && !lpcbData)) return ERROR_INVALID_PARAMETER;
    const reg::KeyRef ref = reg::resolve(hKey);
    std::vector<BYTE> bytes;
    DWORD type = REG_NONE;
    {
        std::shared_lock lock(reg::tree().mutex);
        if (const LSTATUS error = reg::check(ref, KEY_QUERY_VALUE)) return error;
        if (dwIndex >= ref.key->values.size()) return ERROR_NO_MORE_ITEMS;
        const reg::Value& value = ref.key->values[dwIndex];
        if (const LSTATUS error = copy_name(value.name, lpValueName, lpcchValueName)) return error;
        type = value.type;
        reg::data_in_form(value, reg::Form::ansi, bytes);
    }
    if (lpType) *lpType = type;
    return reg::copy_out(bytes.data(), bytes.size(), type, reg::Form::ansi, lpData, lpcbData);
}

namespace {

struct KeyInfo {
    DWORD subkeys = 0, max_subkey = 0, max_class = 0, values = 0, max_value_name = 0, max_value = 0;
};

KeyInfo info_of(const reg::Key& key) {
    KeyInfo info;
    info.subkeys = static_cast<DWORD>(key.subkeys.size());
    for (const auto& [folded, child] : key.subkeys) {
        info.max_subkey = std::max(info.max_subkey, static_cast<DWORD>(child->name.size()));
        info.max_class = std::max(info.max_class, static_cast<DWORD>(child->class_name.size()));
    }
    info.values = static_cast<DWORD>(key.values.size());
    std::vector<BYTE> bytes;
    for (const auto& value : key.values) {
        info.max_value_name = std::max(info.max_value_name, static_cast<DWORD>(value.name.size()));
        reg::data_in_form(value, reg::Form::ansi, bytes);  // the size an A caller needs
        info.max_value = std::max(info.max_value, static_cast<DWORD>(bytes.size()));
    }
    return info;
}

}  // namespace

extern "C" LSTATUS WINAPI RegQueryInfoKeyA(HKEY hKey, LPSTR lpClass, LPDWORD lpcchClass, LPDWORD lpReserved,
                                           LPDWORD lpcSubKeys, LPDWORD lpcbMaxSubKeyLen, LPDWORD lpcbMaxClassLen,
                                           LPDWORD lpcValues, LPDWORD lpcbMaxValueNameLen, LPDWORD lpcbMaxValueLen,
                                           LPDWORD lpcbSecurityDescriptor, PFILETIME lpftLastWriteTime) {
    if (lpReserved || (lpClass && !lpcchClass)) return ERROR_INVALID_PARAMETER;
    const reg::KeyRef ref = reg::resolve(hKey);
    std::shared_lock lock(reg::tree().mutex);
    if (const LSTATUS error = reg::check(ref, KEY_QUERY_VALUE)) return error;
    const KeyInfo info = info_of(*ref.key);
    LSTATUS status = ERROR_SUCCESS;
    if (lpClass) status = copy_name(ref.key->class_name, lpClass, lpcchClass);
    else if (lpcchClass) *lpcchClass = static_cast<DWORD>(ref.key->class_name.size());
    if (lpcSubKeys) *lpcSubKeys = info.subkeys;
    if (lpcbMaxSubKeyLen) *lpcbMaxSubKeyLen = info.max_subkey;
    if (lpcbMaxClassLen) *lpcbMaxClassLen = info.max_class;
    if (lpcValues) *lpcValues = info.values;
    if (lpcbMaxValueNameLen) *lpcbMaxValueNameLen = info.max_value_name;
    if (lpcbMaxValueLen) *lpcbMaxValueLen = info.max_value;
    if (lpcbSecurityDescriptor) *lpcbSecurityDescriptor = 0;  // no security descriptors on POSIX
    if (lpftLastWriteTime) *lpftLastWriteTime = ref.key->last_write;
    return status;
}
