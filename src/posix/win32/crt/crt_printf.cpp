// _snprintf and the _s printf family over vsnprintf, with the Microsoft
// CRT's truncation rules: _snprintf fills the buffer and returns -1 without
// a terminator; the _s forms always terminate (docs/decisions.md#crt-extensions).
#include <rasshost/compat/stdio.h>

#include <cerrno>
#include <climits>
#include <cstdarg>
#include <cstring>
#include <string>

namespace {

// The whole text: what vsnprintf would write with unlimited room.
bool format_all(std::string& text, const char* format, va_list args) {
    va_list copy;
    va_copy(copy, args);
    const int length = std::vsnprintf(nullptr, 0, format, copy);
    va_end(copy);
    if (length < 0) return false;
    text.resize(static_cast<std::size_t>(length) + 1);
    std::vsnprintf(text.data(), text.size(), format, args);
    text.pop_back();
    return true;
}

int invalid(char* buffer, std::size_t size, int code) noexcept {
    if (buffer != nullptr && size > 0) buffer[0] = '\0';
    errno = code;
    return -1;
}

}  // namespace

extern "C" int _vsnprintf(char* buffer, size_t count, const char* format, va_list argptr) {
    if (format == nullptr || (buffer == nullptr && count != 0)) return invalid(nullptr, 0, EINVAL);
    std::string text;
    if (!format_all(text, format, argptr)) return -1;
    if (text.size() > count || text.size() > static_cast<std::size_t>(INT_MAX)) {
        if (buffer != nullptr) std::memcpy(buffer, text.data(), count);  // no terminator
        return -1;
    }
    if (buffer != nullptr) {
        std::memcpy(buffer, text.data(), text.size());
        if (text.size() < count) buffer[text.size()] = '\0';
    }
    return static_cast<int>(text.size());
}

extern "C" int _snprintf(char* buffer, size_t count, const char* format, ...) {
    va_list args;
    va_start(args, format);
    const int result = _vsnprintf(buffer, count, format, args);
    va_end(args);
    return result;
}

extern "C" int _vsnprintf_s(char* buffer, size_t size_of_buffer, size_t count, const char* format, va_list argptr) {
    if (buffer == nullptr || size_of_buffer == 0 || format == nullptr) return invalid(buffer, size_of_buffer, EINVAL);
    std::string text;
    if (!format_all(text, format, argptr)) return invalid(buffer, size_of_buffer, EINVAL);
    const bool truncate = count == _TRUNCATE || count < size_of_buffer;
    const std::size_t limit = count == _TRUNCATE || count >= size_of_buffer ? size_of_buffer - 1 : count;
    if (text.size() > limit && !truncate) return invalid(buffer, size_of_buffer, ERANGE);
    const std::size_t written = text.size() > limit ? limit : text.size();
    std::memcpy(buffer, text.data(), written);
    buffer[written] = '\0';
    return text.size() > limit || written > static_cast<std::size_t>(INT_MAX) ? -1 : static_cast<int>(written);
}

extern "C" int _snprintf_s(char* buffer, size_t size_of_buffer, size_t count, const char* format, ...) {
    va_list args;
    va_start(args, format);
    const int result = _vsnprintf_s(buffer, size_of_buffer, count, format, args);
    va_end(args);
    return result;
}

extern "C" int vsprintf_s(char* buffer, size_t size_of_buffer, const char* format, va_list argptr) {
    // No count: a text that does not fit is the invalid-parameter case.
    return _vsnprintf_s(buffer, size_of_buffer, size_of_buffer, format, argptr);
}

extern "C" int sprintf_s(char* buffer, size_t size_of_buffer, const char* format, ...) {
    va_list args;
    va_start(args, format);
    const int result = vsprintf_s(buffer, size_of_buffer, format, args);
    va_end(args);
    return result;
}
