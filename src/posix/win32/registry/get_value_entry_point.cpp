// RegGetValueA: RegQueryValueEx with a type filter, strings always
// terminated and REG_EXPAND_SZ expanded, as Microsoft documents it.
#include "posix/win32/registry/names.hpp"
#include "posix/win32/registry/value_calls.hpp"

#include <cstring>

namespace reg = rasshost::posix::registry;

namespace {

DWORD type_flag(DWORD type) noexcept {
    switch (type) {
    case REG_NONE: return RRF_RT_REG_NONE;
    case REG_SZ: return RRF_RT_REG_SZ;
    case REG_EXPAND_SZ: return RRF_RT_REG_EXPAND_SZ;
    case REG_BINARY: return RRF_RT_REG_BINARY;
    case REG_DWORD: return RRF_RT_REG_DWORD;
    case REG_MULTI_SZ: return RRF_RT_REG_MULTI_SZ;
    case REG_QWORD: return RRF_RT_REG_QWORD;
    default: return 0;  // only RRF_RT_ANY accepts the other types
    }
}

// The type filter: ERROR_UNSUPPORTED_TYPE for a type the flags leave out;
// RRF_RT_DWORD or RRF_RT_QWORD alone take a REG_BINARY of that size only.
LSTATUS restrict_type(DWORD flags, DWORD type, std::size_t size) noexcept {
    const DWORD wanted = flags & RRF_RT_ANY;
    if (wanted != RRF_RT_ANY && !(wanted & type_flag(type))) return ERROR_UNSUPPORTED_TYPE;
    if (type == REG_BINARY && ((wanted == RRF_RT_DWORD && size != 4) || (wanted == RRF_RT_QWORD && size != 8)))
        return ERROR_DATATYPE_MISMATCH;
    return ERROR_SUCCESS;
}

// Terminates a string value and expands a REG_EXPAND_SZ (reported as REG_SZ).
void finish_string(DWORD flags, DWORD& type, std::vector<BYTE>& bytes) {
    if (bytes.empty() || bytes.back() != 0) bytes.push_back(0);
    if (type != REG_EXPAND_SZ || (flags & RRF_NOEXPAND)) return;
    const auto* source = reinterpret_cast<const char*>(bytes.data());
    std::vector<BYTE> expanded(ExpandEnvironmentStringsA(source, nullptr, 0));
    const DWORD size = ExpandEnvironmentStringsA(source, reinterpret_cast<LPSTR>(expanded.data()),
                                                 static_cast<DWORD>(expanded.size()));
    expanded.resize(size);
    bytes = std::move(expanded);
    type = REG_SZ;
}

LSTATUS get_value(HKEY key, LPCSTR lpValue, DWORD flags, DWORD& type, std::vector<BYTE>& bytes) {
    reg::FoldedName name;
    reg::fold_value_name(lpValue, name);
    LSTATUS status = reg::read_value(key, name, reg::Form::ansi, type, bytes);
    if (status != ERROR_SUCCESS) return status;
    if (reg::is_string(type)) finish_string(flags, type, bytes);
    return restrict_type(flags, type, bytes.size());
}

}  // namespace

extern "C" LSTATUS WINAPI RegGetValueA(HKEY hkey, LPCSTR lpSubKey, LPCSTR lpValue, DWORD dwFlags, LPDWORD pdwType,
                                       PVOID pvData, LPDWORD pcbData) {
    if (pvData && !pcbData) return ERROR_INVALID_PARAMETER;
    // Expanding reports REG_SZ, so asking for REG_EXPAND_SZ needs RRF_NOEXPAND.
    if ((dwFlags & RRF_RT_REG_EXPAND_SZ) && !(dwFlags & RRF_NOEXPAND) && (dwFlags & RRF_RT_ANY) != RRF_RT_ANY)
        return ERROR_INVALID_PARAMETER;
    if ((dwFlags & RRF_WOW64_MASK) == RRF_WOW64_MASK) return ERROR_INVALID_PARAMETER;
    HKEY key = hkey;
    if (lpSubKey && *lpSubKey) {
        if (const LSTATUS error = RegOpenKeyExA(hkey, lpSubKey, 0, KEY_QUERY_VALUE, &key)) return error;
    }
    DWORD type = REG_NONE;
    std::vector<BYTE> bytes;
    LSTATUS status = get_value(key, lpValue, dwFlags, type, bytes);
    if (key != hkey) RegCloseKey(key);
    const bool found = status != ERROR_FILE_NOT_FOUND && status != ERROR_INVALID_HANDLE &&
                       status != ERROR_ACCESS_DENIED && status != ERROR_KEY_DELETED;
    if (status == ERROR_SUCCESS && pvData) {
        if (bytes.size() > *pcbData) status = ERROR_MORE_DATA;
        else if (!bytes.empty()) std::memcpy(pvData, bytes.data(), bytes.size());
    }
    if (pvData && status != ERROR_SUCCESS && (dwFlags & RRF_ZEROONFAILURE)) std::memset(pvData, 0, *pcbData);
    if (found) {
        if (pdwType) *pdwType = type;
        if (pcbData) *pcbData = static_cast<DWORD>(bytes.size());
    }
    return status;
}
