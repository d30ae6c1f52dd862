// GetPrivateProfileStringA / IntA / SectionA and GetProfileStringA over the
// cached parse (profile_cache.hpp), with Windows' return values: a value
// or default truncated to nSize - 1 characters returns nSize - 1; a list
// (key names, section names, a section's lines) needs one byte to spare,
// and truncated it ends with two NULs and returns nSize - 2.
#include <rasshost/win32.h>

#include "posix/win32/profile/profile_cache.hpp"
#include "posix/win32/runtime/short_copy.hpp"

#include <cstring>
#include <string>
#include <string_view>

namespace rasshost::posix {
namespace {

// A value as returned: surrounding matching quotes removed.
std::string_view unquoted(std::string_view value) {
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') && value.back() == value.front())
        return value.substr(1, value.size() - 2);
    return value;
}

DWORD copy_string(std::string_view value, LPSTR buffer, DWORD size) {
    const std::size_t n = value.size() < size ? value.size() : size - 1;
    copy_short(buffer, value.data(), n);
    buffer[n] = '\0';
    return static_cast<DWORD>(n);
}

// `list` holds each item followed by its NUL; the list's own final NUL is added here.
DWORD copy_list(const std::string& list, LPSTR buffer, DWORD size) {
    if (size == 1) {
        buffer[0] = '\0';
        return 0;
    }
    if (list.size() + 1 < size) {
        std::memcpy(buffer, list.data(), list.size());
        buffer[list.size()] = '\0';
        if (list.empty()) buffer[1] = '\0';
        return static_cast<DWORD>(list.size());
    }
    std::memcpy(buffer, list.data(), size - 2);
    buffer[size - 2] = '\0';
    buffer[size - 1] = '\0';
    return size - 2;
}

std::string section_names(const IniDocument& document) {
    std::string list;
    for (const auto& section : document.sections()) {
        if (section.name.empty()) continue;
        list += section.name;
        list += '\0';
    }
    return list;
}

// The entries of a section: names only, or whole "name=value" lines.
std::string section_entries(const IniDocument& document, const IniSection& section, bool whole_lines) {
    std::string list;
    for (std::size_t i = section.header + 1; i < section.end; ++i) {
        const IniLine& line = document.lines()[i];
        if (line.kind != IniLine::Kind::entry || line.name.empty()) continue;
        if (!whole_lines && !line.has_value) continue;
        list += line.name;
        if (whole_lines && line.has_value) list += "=" + line.value;
        list += '\0';
    }
    return list;
}

std::string_view trimmed_default(LPCSTR value) {
    std::string_view text = value != nullptr ? value : "";
    while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
    return text;
}

}  // namespace
}  // namespace rasshost::posix

using namespace rasshost::posix;

extern "C" DWORD WINAPI GetPrivateProfileStringA(LPCSTR lpAppName, LPCSTR lpKeyName, LPCSTR lpDefault,
                                                 LPSTR lpReturnedString, DWORD nSize, LPCSTR lpFileName) {
    if (lpReturnedString == nullptr || nSize == 0) return 0;
    const IniSnapshot& file = profile_snapshot(lpFileName);
    const IniDocument& document = file.document;
    if (lpAppName == nullptr) return copy_list(section_names(document), lpReturnedString, nSize);
    if (lpKeyName == nullptr) {
        const IniSection* section = document.find_section(lpAppName);
        const std::string list = section != nullptr ? section_entries(document, *section, false) : std::string();
        if (!list.empty()) return copy_list(list, lpReturnedString, nSize);
        return copy_string(unquoted(trimmed_default(lpDefault)), lpReturnedString, nSize);
    }
    const IniLine* entry = document.find_entry(lpAppName, lpKeyName);
    const std::string_view value = entry != nullptr && entry->has_value ? std::string_view(entry->value)
                                                                         : trimmed_default(lpDefault);
    if (file.error != ERROR_SUCCESS) SetLastError(file.error);
    return copy_string(unquoted(value), lpReturnedString, nSize);
}

extern "C" DWORD WINAPI GetPrivateProfileSectionA(LPCSTR lpAppName, LPSTR lpReturnedString, DWORD nSize,
                                                  LPCSTR lpFileName) {
    if (lpReturnedString == nullptr || nSize == 0 || lpAppName == nullptr) return 0;
    const IniDocument& document = profile_snapshot(lpFileName).document;
    const IniSection* section = document.find_section(lpAppName);
    return copy_list(section != nullptr ? section_entries(document, *section, true) : std::string(),
                     lpReturnedString, nSize);
}

// The value read as RtlUnicodeStringToInteger does with base 0: spaces,
// a sign, then 0x (hexadecimal), 0o (octal), 0b (binary) or decimal digits
// up to the first other character.
extern "C" UINT WINAPI GetPrivateProfileIntA(LPCSTR lpAppName, LPCSTR lpKeyName, INT nDefault, LPCSTR lpFileName) {
    char text[32];
    if (GetPrivateProfileStringA(lpAppName, lpKeyName, "", text, sizeof text, lpFileName) == 0)
        return static_cast<UINT>(nDefault);
    const char* p = text;
    while (*p == ' ' || *p == '\t') ++p;
    const bool negative = *p == '-';
    if (*p == '-' || *p == '+') ++p;
    unsigned base = 10;
    if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) base = 16;
    else if (p[0] == '0' && (p[1] == 'o' || p[1] == 'O')) base = 8;
    else if (p[0] == '0' && (p[1] == 'b' || p[1] == 'B')) base = 2;
    if (base != 10) p += 2;
    UINT value = 0;
    for (;; ++p) {
        unsigned digit = 99;
        if (*p >= '0' && *p <= '9') digit = static_cast<unsigned>(*p - '0');
        else if (*p >= 'a' && *p <= 'f') digit = static_cast<unsigned>(*p - 'a' + 10);
        else if (*p >= 'A' && *p <= 'F') digit = static_cast<unsigned>(*p - 'A' + 10);
        if (digit >= base) break;
        value = value * base + digit;
    }
    return negative ? 0u - value : value;
}

extern "C" DWORD WINAPI GetProfileStringA(LPCSTR lpAppName, LPCSTR lpKeyName, LPCSTR lpDefault,
                                          LPSTR lpReturnedString, DWORD nSize) {
    return GetPrivateProfileStringA(lpAppName, lpKeyName, lpDefault, lpReturnedString, nSize, "win.ini");
}
