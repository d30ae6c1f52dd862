// The Microsoft CRT's string extensions (<string.h>): ASCII case folding as
// in the CRT's "C" locale, and the _s functions with the emulation's answer
// to the invalid-parameter handler: an error code and an empty destination
// (docs/decisions.md#crt-extensions).
#include <rasshost/compat/string.h>

#include <cerrno>
#include <climits>
#include <cstdint>
#include <cstdlib>
#include <cstring>

namespace {

int ascii_lower(unsigned char c) noexcept { return c >= 'A' && c <= 'Z' ? c + 32 : c; }
int ascii_upper(unsigned char c) noexcept { return c >= 'a' && c <= 'z' ? c - 32 : c; }

// What the CRT's handler would have been told; dest is emptied if it can be.
errno_t invalid(char* dest, std::size_t dest_size, errno_t code) noexcept {
    if (dest != nullptr && dest_size > 0) dest[0] = '\0';
    errno = code;
    return code;
}

}  // namespace

extern "C" int _strnicmp(const char* string1, const char* string2, size_t count) {
    if (string1 == nullptr || string2 == nullptr) {
        errno = EINVAL;
        return INT_MAX;  // the CRT's _NLSCMPERROR
    }
    for (std::size_t i = 0; i < count; ++i) {
        const int a = ascii_lower(static_cast<unsigned char>(string1[i]));
        const int b = ascii_lower(static_cast<unsigned char>(string2[i]));
        if (a != b || a == 0) return a - b;
    }
    return 0;
}

extern "C" int _stricmp(const char* string1, const char* string2) { return _strnicmp(string1, string2, SIZE_MAX); }

extern "C" char* _strdup(const char* source) {
    if (source == nullptr) return nullptr;
    const std::size_t size = std::strlen(source) + 1;
    auto* copy = static_cast<char*>(std::malloc(size));
    if (copy != nullptr) std::memcpy(copy, source, size);
    return copy;
}

extern "C" char* _strupr(char* str) {
    if (str == nullptr) return nullptr;
    for (char* p = str; *p != '\0'; ++p) *p = static_cast<char>(ascii_upper(static_cast<unsigned char>(*p)));
    return str;
}

extern "C" char* _strlwr(char* str) {
    if (str == nullptr) return nullptr;
    for (char* p = str; *p != '\0'; ++p) *p = static_cast<char>(ascii_lower(static_cast<unsigned char>(*p)));
    return str;
}

extern "C" errno_t strncpy_s(char* dest, size_t dest_size, const char* src, size_t count) {
    if (dest == nullptr || dest_size == 0) return invalid(dest, 0, EINVAL);
    if (src == nullptr) return invalid(dest, dest_size, count == 0 ? 0 : EINVAL);
    const std::size_t length = strnlen(src, count == _TRUNCATE ? dest_size : count);
    if (length >= dest_size) {
        if (count != _TRUNCATE) return invalid(dest, dest_size, ERANGE);
        std::memcpy(dest, src, dest_size - 1);
        dest[dest_size - 1] = '\0';
        return STRUNCATE;
    }
    std::memcpy(dest, src, length);
    dest[length] = '\0';
    return 0;
}

extern "C" errno_t strcpy_s(char* dest, size_t dest_size, const char* src) {
    if (dest == nullptr || dest_size == 0) return invalid(dest, 0, EINVAL);
    if (src == nullptr) return invalid(dest, dest_size, EINVAL);
    const std::size_t length = strnlen(src, dest_size);
    if (length >= dest_size) return invalid(dest, dest_size, ERANGE);
    std::memcpy(dest, src, length + 1);
    return 0;
}

extern "C" errno_t strcat_s(char* dest, size_t dest_size, const char* src) {
    if (dest == nullptr || dest_size == 0) return invalid(dest, 0, EINVAL);
    if (src == nullptr) return invalid(dest, dest_size, EINVAL);
    const std::size_t used = strnlen(dest, dest_size);
    if (used == dest_size) return invalid(dest, dest_size, EINVAL);  // not terminated
    const std::size_t length = strnlen(src, dest_size - used);
    if (used + length >= dest_size) return invalid(dest, dest_size, ERANGE);
    std::memcpy(dest + used, src, length + 1);
    return 0;
}
