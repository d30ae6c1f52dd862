// GetComputerNameA/W and GetUserNameA (docs/decisions.md#system-facts).
//
// The computer name is what Windows makes its NetBIOS name of when the host
// name is set: the host name's first label, upper-cased, cut to
// MAX_COMPUTERNAME_LENGTH (15) characters.
#include <rasshost/lmcons.h>
#include <rasshost/win32.h>

#include "posix/win32/text/ansi_code_page.hpp"

#include <pwd.h>
#include <unistd.h>

#include <cstring>
#include <string>
#include <vector>

namespace {

std::string computer_name() {
    char host[256] = {};
    if (gethostname(host, sizeof host - 1) != 0 || host[0] == '\0') std::strcpy(host, "localhost");
    std::string name = rasshost::posix::utf8_to_ansi(std::string_view(host, std::strcspn(host, ".")));
    if (name.size() > MAX_COMPUTERNAME_LENGTH) name.resize(MAX_COMPUTERNAME_LENGTH);
    for (char& c : name)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return name;
}

// The effective user's name from the password database, else its number
// (a container may run as a uid without an entry).
std::string user_name() {
    const uid_t uid = geteuid();
    long size = sysconf(_SC_GETPW_R_SIZE_MAX);
    std::vector<char> buffer(size > 0 ? static_cast<std::size_t>(size) : 16384);
    passwd entry{};
    passwd* found = nullptr;
    if (getpwuid_r(uid, &entry, buffer.data(), buffer.size(), &found) == 0 && found != nullptr)
        return rasshost::posix::utf8_to_ansi(found->pw_name);
    return std::to_string(uid);
}

// Windows' size rules for a name of `length` characters into a buffer of
// *size; `counts_nul` when success reports the length with the NUL
// (GetUserName) rather than without (GetComputerName).
template <class Char>
BOOL copy_name(const std::basic_string<Char>& name, Char* buffer, LPDWORD size, DWORD too_small, bool counts_nul) {
    if (size == nullptr) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    const auto needed = static_cast<DWORD>(name.size() + 1);
    if (buffer == nullptr || *size < needed) {
        *size = needed;
        SetLastError(too_small);
        return FALSE;
    }
    std::memcpy(buffer, name.c_str(), needed * sizeof(Char));
    *size = counts_nul ? needed : needed - 1;
    return TRUE;
}

}  // namespace

extern "C" BOOL WINAPI GetComputerNameA(LPSTR lpBuffer, LPDWORD nSize) {
    return copy_name(computer_name(), lpBuffer, nSize, ERROR_BUFFER_OVERFLOW, false);
}

extern "C" BOOL WINAPI GetComputerNameW(LPWSTR lpBuffer, LPDWORD nSize) {
    return copy_name(rasshost::posix::ansi_to_wide(computer_name()), lpBuffer, nSize, ERROR_BUFFER_OVERFLOW, false);
}

extern "C" BOOL WINAPI GetUserNameA(LPSTR lpBuffer, LPDWORD pcbBuffer) {
    std::string name = user_name();
    if (name.size() > UNLEN) name.resize(UNLEN);
    return copy_name(name, lpBuffer, pcbBuffer, ERROR_INSUFFICIENT_BUFFER, true);
}
