// The FormatMessage language: inserts %1..%99 with optional !printf! specs,
// escapes, line breaks and the MAX_WIDTH rules. Bounded: a format of any
// length yields at most max_output characters or fails.
#pragma once

#include <cstdarg>
#include <cstdint>
#include <string>
#include <string_view>

namespace rasshost::posix::messages {

inline constexpr std::size_t max_output = 128 * 1024;  // Windows: ERROR_MORE_DATA beyond

// The inserts' values: an array of pointer-sized values
// (FORMAT_MESSAGE_ARGUMENT_ARRAY) or a va_list read in order, each value
// pointer-sized as Windows reads them. Neither set: any insert fails.
class Arguments {
public:
    Arguments() = default;
    explicit Arguments(const std::uintptr_t* array) : array_(array) {}
    explicit Arguments(va_list* list) : list_(list) {}
    // The value of insert n (1..99); false when there are no arguments.
    bool get(unsigned n, std::uintptr_t& value) noexcept;

private:
    const std::uintptr_t* array_ = nullptr;
    va_list* list_ = nullptr;
    std::uintptr_t read_[100] = {};
    unsigned count_ = 0;
};

struct Options {
    unsigned max_width = 0;       // the low byte of the flags
    bool ignore_inserts = false;
    bool wide_caller = false;     // FormatMessageW: 's' is wide, 'S' narrow
};

enum class Outcome { ok, invalid_parameter, more_data };

// Formats `format` into `out` (wide text; the A call converts it back).
Outcome format_message(std::wstring_view format, const Options& options, Arguments& arguments, std::wstring& out);

}  // namespace rasshost::posix::messages
