// The format language of FormatMessage, as Microsoft documents it:
//  %1..%99 an insert, optionally followed by !printf spec! (default !s!);
//  a '*' width or precision takes the insert's value and moves the value
//  itself to the next insert number;
//  %0 ends the message without a line break; %n a hard line break (CRLF);
//  %r a carriage return; %t a tab; % and any other character is that
//  character (%% %. %! %\ and "% "); a line break in the text is CRLF, or a
//  space when MAX_WIDTH is set; widths 1..254 wrap lines at spaces
//  (docs/decisions.md#format-message).
#include "posix/win32/messages/message_format.hpp"

#include "posix/win32/messages/message_spec.hpp"

namespace rasshost::posix::messages {

bool Arguments::get(unsigned n, std::uintptr_t& value) noexcept {
    if (n == 0 || n > 99) return false;
    if (array_ != nullptr) {
        value = array_[n - 1];
        return true;
    }
    if (list_ == nullptr) return false;
    while (count_ < n) read_[++count_] = va_arg(*list_, std::uintptr_t);  // in order, as Windows reads them
    value = read_[n];
    return true;
}

namespace {

// Greedy wrapping at spaces; a word longer than the width is cut.
std::wstring wrap(std::wstring_view text, std::size_t width) {
    std::wstring out;
    std::size_t line_start = 0;
    while (line_start < text.size()) {
        std::size_t line_end = text.find(L"\r\n", line_start);
        const bool hard = line_end != std::wstring_view::npos;
        std::wstring_view line = text.substr(line_start, (hard ? line_end : text.size()) - line_start);
        while (line.size() > width) {
            std::size_t cut = line.rfind(L' ', width);
            const bool at_space = cut != std::wstring_view::npos && cut > 0;
            if (!at_space) cut = width;
            out.append(line.substr(0, cut)).append(L"\r\n");
            line.remove_prefix(at_space ? cut + 1 : cut);
        }
        out.append(line);
        if (hard) out.append(L"\r\n");
        line_start = hard ? line_end + 2 : text.size();
    }
    return out;
}

// Reads the insert number after '%' (one or two digits, the first 1..9).
unsigned insert_number(std::wstring_view format, std::size_t& at) noexcept {
    unsigned n = static_cast<unsigned>(format[at++] - L'0');
    if (at < format.size() && format[at] >= L'0' && format[at] <= L'9') n = n * 10 + static_cast<unsigned>(format[at++] - L'0');
    return n;
}

// One insert at `at` (after its number): the spec, if any, and the value.
Outcome put_insert(std::wstring_view format, std::size_t& at, unsigned n, const Options& options,
                   Arguments& arguments, std::wstring& out) {
    std::wstring_view spec_text = L"s";
    if (at < format.size() && format[at] == L'!') {
        const std::size_t close = format.find(L'!', at + 1);
        if (close == std::wstring_view::npos) return Outcome::invalid_parameter;
        spec_text = format.substr(at + 1, close - at - 1);
        at = close + 1;
    }
    return format_insert(spec_text, n, options.wide_caller, arguments, out) ? Outcome::ok : Outcome::invalid_parameter;
}

}  // namespace

Outcome format_message(std::wstring_view format, const Options& options, Arguments& arguments, std::wstring& out) {
    out.clear();
    for (std::size_t at = 0; at < format.size();) {
        if (out.size() > max_output) return Outcome::more_data;
        const wchar_t c = format[at++];
        if (c == L'\r' || c == L'\n') {
            if (c == L'\r' && at < format.size() && format[at] == L'\n') ++at;
            out.append(options.max_width != 0 ? L" " : L"\r\n");
            continue;
        }
        if (c != L'%') {
            out += c;
            continue;
        }
        if (at == format.size()) return Outcome::invalid_parameter;  // a lone '%' at the end
        const wchar_t e = format[at];
        if (e >= L'1' && e <= L'9' && !options.ignore_inserts) {
            const unsigned n = insert_number(format, at);
            const Outcome inserted = put_insert(format, at, n, options, arguments, out);
            if (inserted != Outcome::ok) return inserted;
            continue;
        }
        ++at;
        if (e == L'0') break;
        if (e == L'n') out.append(L"\r\n");
        else if (e == L'r') out += L'\r';
        else if (e == L't') out += L'\t';
        else if (options.ignore_inserts) out.append(1, L'%').append(1, e);  // passed through unchanged
        else out += e;
    }
    if (out.size() > max_output) return Outcome::more_data;
    const unsigned width = options.max_width;
    if (width != 0 && width != 0xFF) out = wrap(out, width);
    return Outcome::ok;
}

}  // namespace rasshost::posix::messages
