// The private environment (environment.hpp) and the Win32 calls on it.
#include "posix/win32/system/environment.hpp"

#include <rasshost/win32.h>

#include "posix/win32/text/ansi_case.hpp"
#include "posix/win32/text/ansi_code_page.hpp"

#include <algorithm>
#include <cstring>
#include <mutex>
#include <new>
#include <utility>
#include <vector>

extern char** environ;

namespace rasshost::posix::environment {
namespace {

struct Variables {
    std::mutex mutex;
    std::vector<std::pair<std::string, std::string>> entries;  // in environ's order
};

// Seeded once from environ, whose strings are the OS's (UTF-8): kept in the
// ANSI code page the A calls speak. Later changes to environ are not seen.
Variables& variables() {
    static Variables* const instance = [] {
        auto* v = new Variables;  // never destroyed: DLL code may read it at exit
        for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
            const char* equals = std::strchr(*entry + (**entry == '=' ? 1 : 0), '=');
            if (equals == nullptr) continue;
            v->entries.emplace_back(utf8_to_ansi(std::string_view(*entry, static_cast<std::size_t>(equals - *entry))),
                                    utf8_to_ansi(equals + 1));
        }
        return v;
    }();
    return *instance;
}

auto find(Variables& v, std::string_view name) {
    return std::find_if(v.entries.begin(), v.entries.end(),
                        [name](const auto& e) { return ansi_equal_ignoring_case(e.first, name); });
}

}  // namespace

std::optional<std::string> get(std::string_view name) {
    auto& v = variables();
    std::lock_guard lock(v.mutex);
    const auto it = find(v, name);
    if (it == v.entries.end()) return std::nullopt;
    return it->second;
}

bool set(std::string_view name, std::optional<std::string_view> value) {
    auto& v = variables();
    std::lock_guard lock(v.mutex);
    const auto it = find(v, name);
    if (!value) {
        if (it == v.entries.end()) return false;
        v.entries.erase(it);
    } else if (it != v.entries.end()) {
        it->second = std::string(*value);  // the name keeps its first spelling, as on Windows
    } else {
        v.entries.emplace_back(std::string(name), std::string(*value));
    }
    return true;
}

}  // namespace rasshost::posix::environment

namespace env = rasshost::posix::environment;

extern "C" DWORD WINAPI GetEnvironmentVariableA(LPCSTR lpName, LPSTR lpBuffer, DWORD nSize) {
    if (lpName == nullptr) {  // no name names no variable
        SetLastError(ERROR_ENVVAR_NOT_FOUND);
        return 0;
    }
    std::optional<std::string> value;
    try {
        value = env::get(lpName);
    } catch (const std::bad_alloc&) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return 0;
    }
    if (!value) {
        SetLastError(ERROR_ENVVAR_NOT_FOUND);
        return 0;
    }
    const std::size_t length = std::min<std::size_t>(value->size(), 0x7FFFFFFEu);
    if (lpBuffer == nullptr || nSize <= length) return static_cast<DWORD>(length + 1);  // the size needed
    std::memcpy(lpBuffer, value->data(), length);
    lpBuffer[length] = '\0';
    // An empty value returns 0 too; the last error tells it from "not set".
    if (length == 0) SetLastError(ERROR_SUCCESS);
    return static_cast<DWORD>(length);
}

extern "C" BOOL WINAPI SetEnvironmentVariableA(LPCSTR lpName, LPCSTR lpValue) {
    // '=' may only start a name (cmd's hidden "=C:" variables).
    if (lpName == nullptr || *lpName == '\0' || std::strchr(lpName + 1, '=') != nullptr) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    try {
        const auto value = lpValue ? std::optional<std::string_view>(lpValue) : std::nullopt;
        if (!env::set(lpName, value)) {
            SetLastError(ERROR_ENVVAR_NOT_FOUND);
            return FALSE;
        }
    } catch (const std::bad_alloc&) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return FALSE;
    }
    return TRUE;
}
