// wsprintfA with Win32's rules, parsed here rather than forwarded to
// vsnprintf: on LP64 "%lu" would make vsnprintf read 64 bits for what
// Windows code passes as a 32-bit DWORD.
//
// Format: %[-][#][0][width][.precision][size]type, flags in that order only.
//  size:  l, w (wide char/string; 32-bit numbers, as on Windows), h (16-bit
//         numbers, narrow char/string), I64 (64-bit), I32, I (pointer-sized),
//         and ll (64-bit; a rasshost extension, Windows has no ll).
//  type:  c C d i u x X s S p, and %% for '%'.
// Decisions (docs/decisions.md#wsprintf):
//  - Output stops at 1023 characters + NUL (Windows' 1024-byte buffer); the
//    return value is the count stored. (Wine returns 1024 when it truncates;
//    the Windows documentation says "characters stored", which we follow.)
//  - An unknown type character (e.g. %f: wsprintf has no floating point)
//    consumes no argument; the spec up to it is dropped and the character
//    itself is printed, so "%f" gives "f" and "%5.2f" gives "f" (as Windows
//    printed "I64X" for "%I64X" before it knew I64, per Wine's tests).
//  - %s with NULL prints "(null)"; precision limits string characters; a
//    precision of 0 or none means the whole string (0 or none means 1 digit
//    for numbers). %S converts to UTF-8 (Windows: the ANSI code page) and,
//    like Windows, the precision counts output bytes.
//  - %c with a zero character prints nothing ("wsprintf ignores character
//    arguments with a numeric value of zero"); the field width still pads.
//  - %p prints pointer-size digits, zero-padded, upper case: 16 on 64-bit
//    (verified against Wine's wsprintf tests, which run on Windows).
//  - The 0 flag pads numbers with zeros after the sign and the # prefix; the
//    width counts sign and prefix. Strings and characters pad with spaces.
//  - NULL lpOut or lpFmt: returns 0 with ERROR_INVALID_PARAMETER (Windows
//    would fault); a NULL lpFmt still stores an empty string in lpOut.
#include <rasshost/win32.h>

#include <cstdarg>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "posix/win32/runtime/utf8.hpp"

namespace rasshost::posix {
namespace {

constexpr std::size_t max_stored = 1023;  // plus the NUL: 1024 bytes
constexpr unsigned max_field = 1024;      // larger widths cannot show anyway

enum class Size { normal, narrow, wide, bits64, pointer };

struct Spec {
    bool left = false;
    bool alternate = false;
    bool zero = false;
    unsigned width = 0;
    unsigned precision = 0;  // 0: none given (or .0)
    Size size = Size::normal;
    char type = '\0';
};

class Output {
public:
    explicit Output(char* buffer) : buffer_(buffer) {}
    bool full() const { return count_ == max_stored; }
    std::size_t count() const { return count_; }
    void put(char c) {
        if (!full()) buffer_[count_++] = c;
    }
    void put(std::string_view text) {
        for (char c : text) put(c);
    }
    void repeat(char c, std::size_t times) {
        for (; times > 0 && !full(); --times) put(c);
    }
    void terminate() { buffer_[count_] = '\0'; }

private:
    char* buffer_;
    std::size_t count_ = 0;
};

unsigned read_number(const char*& p) {
    unsigned value = 0;
    for (; *p >= '0' && *p <= '9'; ++p)
        if (value < max_field) value = value * 10 + static_cast<unsigned>(*p - '0');
    return value < max_field ? value : max_field;
}

// Parses after the '%'; leaves p on the type character.
Spec parse(const char*& p) {
    Spec spec;
    if (*p == '-') spec.left = true, ++p;
    if (*p == '#') spec.alternate = true, ++p;
    if (*p == '0') spec.zero = true, ++p;
    spec.width = read_number(p);
    if (*p == '.') spec.precision = read_number(++p);
    if (p[0] == 'l' && p[1] == 'l') spec.size = Size::bits64, p += 2;
    else if (*p == 'l' || *p == 'w') spec.size = Size::wide, ++p;
    else if (*p == 'h') spec.size = Size::narrow, ++p;
    else if (p[0] == 'I' && p[1] == '6' && p[2] == '4') spec.size = Size::bits64, p += 3;
    else if (p[0] == 'I' && p[1] == '3' && p[2] == '2') p += 3;
    else if (*p == 'I') spec.size = Size::pointer, ++p;
    spec.type = *p;
    return spec;
}

void pad_field(Output& out, const Spec& spec, std::string_view body) {
    const std::size_t padding = spec.width > body.size() ? spec.width - body.size() : 0;
    if (!spec.left) out.repeat(' ', padding);
    out.put(body);
    if (spec.left) out.repeat(' ', padding);
}

void put_number(Output& out, const Spec& spec, std::uint64_t magnitude, bool negative) {
    const bool hex = spec.type == 'x' || spec.type == 'X' || spec.type == 'p';
    const char* digits = spec.type == 'x' ? "0123456789abcdef" : "0123456789ABCDEF";
    char reversed[24];
    std::size_t n = 0;
    do {
        reversed[n++] = digits[magnitude % (hex ? 16 : 10)];
        magnitude /= hex ? 16 : 10;
    } while (magnitude != 0);

    std::string body;
    if (negative) body += '-';
    if (hex && spec.alternate) body += spec.type == 'x' ? "0x" : "0X";
    const std::size_t lead = body.size();
    const std::size_t precision = spec.precision == 0 ? 1 : spec.precision;
    if (precision > n) body.append(precision - n, '0');
    while (n > 0) body += reversed[--n];
    if (spec.zero && !spec.left && spec.width > body.size()) body.insert(lead, spec.width - body.size(), '0');
    pad_field(out, spec, body);
}

void put_text(Output& out, const Spec& spec, std::string_view text) {
    if (spec.precision != 0 && text.size() > spec.precision) text = text.substr(0, spec.precision);
    pad_field(out, spec, text);
}

// %c and %C: a zero character prints nothing, the field still pads.
void put_char(Output& out, Spec spec, va_list& args) {
    const bool wide = spec.type == 'C' ? spec.size != Size::narrow : spec.size == Size::wide;
    const int value = va_arg(args, int);
    std::string text;
    if (wide) {
        if (value != 0) append_utf8(text, static_cast<char32_t>(static_cast<wchar_t>(value)));
    } else if (static_cast<char>(value) != '\0') {
        text += static_cast<char>(value);
    }
    spec.precision = 0;
    put_text(out, spec, text);
}

// %s and %S: NULL prints "(null)"; wide strings go out as UTF-8.
void put_string(Output& out, const Spec& spec, va_list& args) {
    const bool wide = spec.type == 'S' ? spec.size != Size::narrow : spec.size == Size::wide;
    if (wide) {
        const wchar_t* value = va_arg(args, const wchar_t*);
        put_text(out, spec, value == nullptr ? std::string("(null)") : to_utf8(value));
        return;
    }
    const char* value = va_arg(args, const char*);
    if (value == nullptr) value = "(null)";
    const std::size_t limit = spec.precision == 0 ? SIZE_MAX : spec.precision;
    put_text(out, spec, std::string_view(value, strnlen(value, limit)));
}

// %d and %i: the argument's width from the size prefix.
void put_signed(Output& out, const Spec& spec, va_list& args) {
    std::int64_t value;
    if (spec.size == Size::bits64) value = va_arg(args, long long);
    else if (spec.size == Size::pointer) value = va_arg(args, std::intptr_t);
    else if (spec.size == Size::narrow) value = static_cast<short>(va_arg(args, int));
    else value = va_arg(args, int);
    const auto bits = static_cast<std::uint64_t>(value);
    put_number(out, spec, value < 0 ? 0 - bits : bits, value < 0);
}

// %u, %x and %X.
void put_unsigned(Output& out, const Spec& spec, va_list& args) {
    std::uint64_t value;
    if (spec.size == Size::bits64) value = va_arg(args, unsigned long long);
    else if (spec.size == Size::pointer) value = va_arg(args, std::uintptr_t);
    else if (spec.size == Size::narrow) value = static_cast<unsigned short>(va_arg(args, unsigned));
    else value = va_arg(args, unsigned);
    put_number(out, spec, value, false);
}

// %p: pointer-size digits, zero-padded, whatever the spec asked.
void put_pointer(Output& out, Spec spec, va_list& args) {
    spec.width = 2 * sizeof(void*);
    spec.zero = true;
    spec.precision = 0;
    put_number(out, spec, reinterpret_cast<std::uintptr_t>(va_arg(args, void*)), false);
}

// Formats one conversion; false if the type is unknown (no argument used).
bool convert(Output& out, const Spec& spec, va_list& args) {
    switch (spec.type) {
    case 'c':
    case 'C': put_char(out, spec, args); return true;
    case 's':
    case 'S': put_string(out, spec, args); return true;
    case 'd':
    case 'i': put_signed(out, spec, args); return true;
    case 'u':
    case 'x':
    case 'X': put_unsigned(out, spec, args); return true;
    case 'p': put_pointer(out, spec, args); return true;
    default: return false;
    }
}

int format(char* buffer, const char* fmt, va_list& args) {
    Output out(buffer);
    const char* p = fmt;
    while (*p != '\0' && !out.full()) {
        if (*p != '%') {
            out.put(*p++);
            continue;
        }
        ++p;
        if (*p == '%') {
            out.put(*p++);
            continue;
        }
        Spec spec = parse(p);
        if (convert(out, spec, args)) ++p;
        // else: p stays on the unknown character, printed as ordinary text
    }
    out.terminate();
    return static_cast<int>(out.count());
}

}  // namespace
}  // namespace rasshost::posix

extern "C" int WINAPIV wsprintfA(LPSTR lpOut, LPCSTR lpFmt, ...) {
    if (lpOut == nullptr || lpFmt == nullptr) {
        if (lpOut != nullptr) *lpOut = '\0';
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    va_list args;
    va_start(args, lpFmt);
    const int stored = rasshost::posix::format(lpOut, lpFmt, args);
    va_end(args);
    return stored;
}

extern "C" int WINAPI wvsprintfA(LPSTR lpOutput, LPCSTR lpFmt, va_list arglist) {
    if (lpOutput == nullptr || lpFmt == nullptr) {
        if (lpOutput != nullptr) *lpOutput = '\0';
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    va_list args;
    va_copy(args, arglist);  // format() advances its own copy
    const int stored = rasshost::posix::format(lpOutput, lpFmt, args);
    va_end(args);
    return stored;
}
